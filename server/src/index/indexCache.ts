// The persistent index cache: each note's facts, line starts and mentions, keyed by what the disk said of
// the note (size, modification time, content hash), so that a second start reads one file instead of
// parsing the vault. One file per set of workspace folders, in two parts:
//
//   snapshot  every note as of the file's last rewrite (cache/snapshot.ts)
//   journal   records appended after it, each a note changed or removed since (cache/journal.ts,
//             cache/noteRecord.ts), so that a save after one note changed writes about that note's share
//
// A start reads the snapshot and applies the journal; the journal is folded into a new snapshot once it
// grows past a quarter of it (cache/cacheFileWriter.ts). A note's facts are read from the file, checked
// against their own SHA-1 and parsed when a feature first asks for them, and written back unparsed.
//
// Anything unexpected in the snapshot (another format or build, a short or altered body, bad JSON, a row of
// the wrong shape) makes the whole cache unusable: the index is rebuilt from the notes and the file rewritten.
// A journal record that fails its checksum is skipped; one being written, or cut short, at the end is
// ignored. Rewrites go to a temporary file renamed over the old one, and appends are single writes, so two
// editor windows on one vault never leave a torn file; each entry is checked against the disk anyway.

import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NoteLinkSummary } from '../parse/links/linkSummary';
import type { EntityCandidate, NoteFacts, Range } from '../parse/facts';
import type { Logger } from '../workspace/notesWorkspace';
import { jsonSteps } from '../parse/jsonSteps';
import { finish, type Steps } from '../parse/steps';
import { noteFactsShapeSteps } from './cachedShapes';
import { decodeCacheFrom, describe, readCacheFile } from './cache/cacheFile';
import { CacheFileWriter, type CacheWriteOptions } from './cache/cacheFileWriter';
import { bufferSource } from './cache/cacheSource';
import { cachePieces } from './cache/snapshot';
import type { NoteMentions } from './noteMentions';

export { cachePieces };

/** What the disk said of a note when its facts were read. */
export interface DiskStamp {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the bytes, to recognise a note whose time changed but whose content did not (a `git checkout`). */
  hash: string;
  /** Read so soon after it was modified that a change within the file system's time resolution could hide: check the hash. */
  racy: boolean;
}

/** A link of a note to an entity's repository or paper. */
export interface EntityLinkSite {
  entityId: string;
  range: Range;
}

/** Where a note's facts sit in the cache: read and parsed only when a feature first asks for them. */
export interface StoredFacts {
  readonly stored: true;
  /** SHA-1 of the facts' JSON, which the cache keeps beside it. */
  readonly sha1: string;
  /** The facts' JSON as the cache holds it, checked against `sha1`. */
  bytes(): Buffer;
  /** The same bytes unchecked, for copying them into the next cache: whoever parses them checks them first. */
  rawBytes(): Buffer;
}

export interface CachedNote {
  stamp: DiskStamp;
  facts: NoteFacts | StoredFacts;
  /** The facts' entity candidates, which every start needs at once for the entity table. */
  entities: EntityCandidate[];
  /** What other notes' links need of the note, which a start needs at once too. */
  links: NoteLinkSummary;
  lineStarts: Uint32Array;
  textLength: number;
  mentions: NoteMentions;
  entityLinks: EntityLinkSite[];
  /** Hash of the mention matcher's signature that found the mentions and entity links; another means finding them again. */
  matchedWith: string;
}

export function isStored(facts: NoteFacts | StoredFacts): facts is StoredFacts {
  return (facts as StoredFacts).stored === true;
}

/** A cached note's facts, read and parsed from the cache when that has not happened yet, a slice at a time (see `steps.ts`). */
export function* parsedFactsSteps(facts: NoteFacts | StoredFacts): Steps<NoteFacts> {
  if (!isStored(facts)) return facts;
  const parsed: unknown = yield* jsonSteps(facts.bytes());
  if (!(yield* noteFactsShapeSteps(parsed))) throw new Error('its cached facts are malformed');
  return parsed as NoteFacts;
}

export interface IndexCache {
  /** Where the cache lives, for log lines. */
  readonly location: string;
  /** The cached notes by URI; undefined when there is no usable cache (the reason is logged). */
  load(): Promise<Map<string, CachedNote> | undefined>;
  save(notes: Iterable<readonly [string, CachedNote]>): Promise<void>;
}

/** A note modified this close to its reading is checked by hash, whatever its time says. */
const RACY_WINDOW_MS = 2000;

/** What the disk says of a note read at `readAt`, its bytes hashed a slice at a time. */
export function* stampSteps(bytes: Uint8Array, mtimeMs: number, readAt = Date.now()): Steps<DiskStamp> {
  return { size: bytes.length, mtimeMs, hash: yield* hashSteps(bytes), racy: readAt - mtimeMs < RACY_WINDOW_MS };
}

/** Bytes hashed at once: a few milliseconds of hashing. */
const HASH_SLICE_BYTES = 4 * 1024 * 1024;

/** The SHA-1 of bytes (a slice at a time) or of a text. */
export function* hashSteps(bytes: Uint8Array | string): Steps<string> {
  const hash = createHash('sha1');
  if (typeof bytes === 'string') return hash.update(bytes).digest('hex');
  for (let from = 0; from < bytes.length; from += HASH_SLICE_BYTES) {
    if (from > 0) yield;
    hash.update(bytes.subarray(from, from + HASH_SLICE_BYTES));
  }
  return hash.digest('hex');
}

/** `hashSteps` run through at once: for texts and small files. */
export function hashBytes(bytes: Uint8Array | string): string {
  return finish(hashSteps(bytes));
}

/** The cache file of a set of workspace folders: in the editor's storage folder, else the user's cache folder. */
export function cacheFileFor(folders: readonly string[], storagePath?: string): string {
  const base = storagePath ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'marginalia');
  const key = hashBytes(JSON.stringify([...folders].sort())).slice(0, 16);
  return path.join(base, 'index', `${key}.json`);
}

export class FileIndexCache implements IndexCache {
  private readonly writer: CacheFileWriter;

  constructor(
    readonly location: string,
    private readonly buildId: string,
    private readonly logger: Logger,
    options?: CacheWriteOptions,
  ) {
    this.writer = new CacheFileWriter(location, buildId, options);
  }

  async load(): Promise<Map<string, CachedNote> | undefined> {
    const reading = readCacheFile(this.location, this.buildId);
    if (!reading.found) return undefined;
    if (reading.unusable !== undefined) {
      this.logger.warn(`index cache ${this.location} ${reading.unusable}`);
      return undefined;
    }
    const { skippedBytes, tornTailBytes } = reading.journal;
    if (skippedBytes)
      this.logger.warn(`index cache ${this.location}: ${skippedBytes} damaged bytes of its journal skipped; the next save rewrites it`);
    if (tornTailBytes)
      this.logger.info(
        `index cache ${this.location}: the last ${tornTailBytes} bytes of its journal are a record being written or cut short; ignored`,
      );
    this.writer.readFrom(reading);
    return reading.notes;
  }

  async save(notes: Iterable<readonly [string, CachedNote]>): Promise<void> {
    try {
      await this.writer.save([...notes]);
    } catch (error) {
      this.logger.warn(
        `index cache ${this.location} could not be written (${describe(error)}); the next start parses again the notes it lacks`,
      );
    }
  }
}

/** A snapshot of the notes in memory, for tests. */
export function encodeCache(notes: Iterable<readonly [string, CachedNote]>, buildId: string, summaryChunkBytes?: number): Buffer {
  const pieces = [...cachePieces(notes, buildId, summaryChunkBytes)];
  const whole = Buffer.alloc(Math.max(...pieces.map(([position, bytes]) => position + bytes.length)));
  for (const [position, bytes] of pieces) bytes.copy(whole, position);
  return whole;
}

/** The notes of a whole cache file in memory, snapshot and journal, for tests. */
export function decodeCache(raw: Buffer, buildId: string): Map<string, CachedNote> {
  return decodeCacheFrom(bufferSource(raw), buildId).notes;
}
