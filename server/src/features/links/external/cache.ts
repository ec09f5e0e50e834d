// Results remembered between checks and sessions, in `<storage>/external-links.json`.
//
// Only answers that will most likely be the same tomorrow are cached:
// - `ok` results;
// - `dead` results from the server itself (404, 410). A missing page rarely comes back within a
//   day, and re-requesting every dead link on every pass would hammer the sites they point at; the
//   max age bounds how long a fixed link can still show as dead.
// Not cached: everything unverified (timeouts, 5xx, 429, bot walls: they pass or change), and
// `dead` results from DNS or refused connections, which also happen when the user is offline or
// off their VPN, and must be re-checked once the network is back.
//
// The cache is an optimisation: a missing, unreadable or corrupt file means an empty cache, and a
// failed write is dropped. Neither ever fails a check.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DeadResult, ExternalLinkResult, OkResult } from './result';

export const CACHE_FILE_NAME = 'external-links.json';
const CACHE_VERSION = 1;

export type CacheableResult = OkResult | DeadResult;

interface CacheFile {
  version: number;
  entries: Record<string, CacheableResult>;
}

export function isCacheable(result: ExternalLinkResult): result is CacheableResult {
  if (result.status === 'ok') return true;
  return result.status === 'dead' && (result.reason === 'not-found' || result.reason === 'gone');
}

export class ResultCache {
  private writes: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly maxAgeMs: number,
    private readonly entries: Map<string, CacheableResult>,
  ) {}

  /** Loads the cache file in `dir`; without a directory the cache lives in memory only. */
  static async open(dir: string | undefined, maxAgeMs: number): Promise<ResultCache> {
    const file = dir === undefined ? undefined : join(dir, CACHE_FILE_NAME);
    const entries = file === undefined ? new Map() : await readEntries(file);
    return new ResultCache(file, maxAgeMs, entries);
  }

  /** The cached result for `url` if it is younger than the max age. */
  get(url: string, now: number = Date.now()): CacheableResult | undefined {
    const entry = this.entries.get(url);
    return entry && this.isFresh(entry, now) ? { ...entry, fromCache: true } : undefined;
  }

  /** Remembers the result if it is cacheable, and resolves once it is on disk (or the write failed). */
  async store(result: ExternalLinkResult): Promise<void> {
    if (!isCacheable(result)) return;
    const { fromCache: _ignored, ...entry } = result;
    this.entries.set(result.url, entry);
    await this.persist();
  }

  /**
   * Queues a write. Stores arriving while a write runs share the next one, so a burst of results
   * costs two writes rather than one per result.
   */
  private persist(): Promise<void> {
    if (this.file === undefined) return Promise.resolve();
    this.dirty = true;
    const file = this.file;
    this.writes = this.writes.then(() => this.writeIfDirty(file));
    return this.writes;
  }

  private async writeIfDirty(file: string): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const now = Date.now();
    for (const [url, entry] of this.entries) if (!this.isFresh(entry, now)) this.entries.delete(url);
    const content: CacheFile = { version: CACHE_VERSION, entries: Object.fromEntries(this.entries) };
    await writeAtomically(file, `${JSON.stringify(content, null, 1)}\n`);
  }

  private isFresh(entry: CacheableResult, now: number): boolean {
    const age = now - entry.checkedAt;
    return age >= 0 && age < this.maxAgeMs;
  }
}

async function readEntries(file: string): Promise<Map<string, CacheableResult>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return new Map();
  }
  if (!isRecord(parsed) || parsed.version !== CACHE_VERSION || !isRecord(parsed.entries)) return new Map();
  const valid = Object.entries(parsed.entries).filter((entry): entry is [string, CacheableResult] => isCachedResult(entry[1], entry[0]));
  return new Map(valid);
}

// Hand edits and older versions may leave odd entries; those are dropped one by one.
function isCachedResult(value: unknown, url: string): value is CacheableResult {
  if (!isRecord(value) || value.url !== url) return false;
  if (value.status !== 'ok' && value.status !== 'dead') return false;
  return (
    typeof value.message === 'string' &&
    typeof value.finalUrl === 'string' &&
    typeof value.redirects === 'number' &&
    typeof value.checkedAt === 'number' &&
    Number.isFinite(value.checkedAt) &&
    isCacheable(value as unknown as ExternalLinkResult)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes to a temporary file beside the target and renames it into place, so a crash mid-write or
 * a second window writing at the same time leaves either the old file or the new one, never half.
 */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
