// The persistent index cache: each note's facts, line starts and mentions, keyed by what the disk said of
// the note (size, modification time, content hash), so that a second start reads one file instead of
// parsing the vault. One file per set of workspace folders:
//
//   line 1   header JSON: format, version, the parser build, note count, body length and SHA-1
//   line 2…  body JSON: a table of entity ids and matcher signatures, then one compact row per note
//
// Anything unexpected (another format or build, a short or altered body, bad JSON, a row of the wrong
// shape) makes the whole cache unusable: the index is rebuilt from the notes and the file rewritten.
// Writes go to a temporary file that is renamed over the old one, so two editor windows on one vault
// never leave a torn file: the last complete write wins, and each entry is checked against the disk anyway.

import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NoteFacts, Range } from '../parse/facts';
import type { Logger } from '../workspace/notesWorkspace';
import type { Mention } from './mentionMatcher';

/** What the disk said of a note when its facts were read. */
export interface DiskStamp {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the bytes, to recognise a note whose time changed but whose content did not (a `git checkout`). */
  hash: string;
  /** Read so soon after it was modified that a change within the file system's time resolution could hide: check the hash. */
  racy: boolean;
}

export interface CachedNote {
  stamp: DiskStamp;
  facts: NoteFacts;
  lineStarts: number[];
  textLength: number;
  mentions: Mention[];
  /** Hash of the mention matcher's signature that found the mentions; other names mean they must be found again. */
  matchedWith: string;
}

export interface IndexCache {
  /** Where the cache lives, for log lines. */
  readonly location: string;
  /** The cached notes by URI; undefined when there is no usable cache (the reason is logged). */
  load(): Promise<Map<string, CachedNote> | undefined>;
  save(notes: Iterable<readonly [string, CachedNote]>): Promise<void>;
}

const FORMAT = 'marginalia-index-cache';
const FORMAT_VERSION = 1;
/** A note modified this close to its reading is checked by hash, whatever its time says. */
const RACY_WINDOW_MS = 2000;

export function stampOf(bytes: Uint8Array, mtimeMs: number, readAt = Date.now()): DiskStamp {
  return { size: bytes.length, mtimeMs, hash: hashBytes(bytes), racy: readAt - mtimeMs < RACY_WINDOW_MS };
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The cache file of a set of workspace folders: in the editor's storage folder, else the user's cache folder. */
export function cacheFileFor(folders: readonly string[], storagePath?: string): string {
  const base = storagePath ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'marginalia');
  const key = hashBytes(JSON.stringify([...folders].sort())).slice(0, 16);
  return path.join(base, 'index', `${key}.json`);
}

export class FileIndexCache implements IndexCache {
  constructor(
    readonly location: string,
    private readonly buildId: string,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<Map<string, CachedNote> | undefined> {
    let raw: Buffer;
    try {
      raw = await fs.readFile(this.location);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`index cache ${this.location} could not be read (${describe(error)}); indexing every note`);
      return undefined;
    }
    try {
      return decodeCache(raw, this.buildId);
    } catch (error) {
      this.logger.warn(`index cache ${this.location} is unusable (${describe(error)}); rebuilding it`);
      return undefined;
    }
  }

  async save(notes: Iterable<readonly [string, CachedNote]>): Promise<void> {
    const temporary = `${this.location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const bytes = encodeCache(notes, this.buildId);
      await fs.mkdir(path.dirname(this.location), { recursive: true });
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, this.location);
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      this.logger.warn(`index cache ${this.location} could not be written (${describe(error)}); the next start indexes every note`);
    }
  }
}

interface Header {
  format: string;
  version: number;
  build: string;
  notes: number;
  bodyBytes: number;
  bodySha1: string;
  writtenAt: string;
}

/** One note: uri, size, mtime, hash, racy (0/1), text length, line lengths, signature index, mentions, facts. */
type Row = [string, number, number, string, number, number, number[], number, number[], Record<string, unknown>];

interface Body {
  ids: string[];
  signatures: string[];
  notes: Row[];
}

export function encodeCache(notes: Iterable<readonly [string, CachedNote]>, buildId: string): Buffer {
  const ids = new Table();
  const signatures = new Table();
  const rows: Row[] = [];
  for (const [uri, note] of notes) {
    const { stamp } = note;
    rows.push([uri, stamp.size, stamp.mtimeMs, stamp.hash, stamp.racy ? 1 : 0, note.textLength, lineLengths(note.lineStarts), signatures.indexOf(note.matchedWith), flattenMentions(note.mentions, ids), compactFacts(note.facts)]);
  }
  const body = Buffer.from(JSON.stringify({ ids: ids.values, signatures: signatures.values, notes: rows } satisfies Body));
  const header: Header = { format: FORMAT, version: FORMAT_VERSION, build: buildId, notes: rows.length, bodyBytes: body.length, bodySha1: hashBytes(body), writtenAt: new Date().toISOString() };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

export function decodeCache(raw: Buffer, buildId: string): Map<string, CachedNote> {
  const newline = raw.indexOf(10);
  if (newline < 0) throw new Error('no header');
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Partial<Header>;
  if (header.format !== FORMAT) throw new Error('not an index cache');
  if (header.version !== FORMAT_VERSION) throw new Error(`format version ${header.version}, this build reads ${FORMAT_VERSION}`);
  if (header.build !== buildId) throw new Error('written by another build of the parser');
  const body = raw.subarray(newline + 1);
  if (body.length !== header.bodyBytes) throw new Error(`truncated: ${body.length} of ${header.bodyBytes} bytes`);
  if (hashBytes(body) !== header.bodySha1) throw new Error('checksum mismatch');
  const parsed = JSON.parse(body.toString('utf8')) as Body;
  if (!Array.isArray(parsed?.ids) || !Array.isArray(parsed.signatures) || !Array.isArray(parsed.notes) || parsed.notes.length !== header.notes) throw new Error('unexpected layout');
  const notes = new Map<string, CachedNote>();
  for (const row of parsed.notes) notes.set(row[0], decodeRow(row, parsed));
  return notes;
}

function decodeRow(row: Row, body: Body): CachedNote {
  if (!Array.isArray(row) || row.length !== 10 || typeof row[0] !== 'string' || typeof row[3] !== 'string' || !Array.isArray(row[6]) || !Array.isArray(row[8]) || typeof row[9] !== 'object' || row[9] === null) {
    throw new Error('a note entry has an unexpected shape');
  }
  const [, size, mtimeMs, hash, racy, textLength, lengths, signature, mentions, facts] = row;
  const matchedWith = body.signatures[signature];
  if (typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof textLength !== 'number' || matchedWith === undefined) throw new Error('a note entry has an unexpected shape');
  return { stamp: { size, mtimeMs, hash, racy: racy === 1 }, textLength, lineStarts: lineStartsOf(lengths), matchedWith, mentions: unflattenMentions(mentions, body.ids), facts: expandFacts(facts) };
}

class Table {
  readonly values: string[] = [];
  private readonly positions = new Map<string, number>();

  indexOf(value: string): number {
    let position = this.positions.get(value);
    if (position === undefined) {
      position = this.values.push(value) - 1;
      this.positions.set(value, position);
    }
    return position;
  }
}

function lineLengths(lineStarts: readonly number[]): number[] {
  return lineStarts.slice(1).map((start, index) => start - lineStarts[index]);
}

function lineStartsOf(lengths: readonly number[]): number[] {
  const starts = [0];
  for (const length of lengths) starts.push(starts[starts.length - 1] + length);
  return starts;
}

/** start, length, owner count, owner ids (as positions in the id table), for each mention in turn. */
function flattenMentions(mentions: readonly Mention[], ids: Table): number[] {
  const flat: number[] = [];
  for (const mention of mentions) flat.push(mention.start, mention.end - mention.start, mention.entityIds.length, ...mention.entityIds.map((id) => ids.indexOf(id)));
  return flat;
}

function unflattenMentions(flat: readonly number[], ids: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  for (let index = 0; index < flat.length; ) {
    const start = flat[index];
    const end = start + flat[index + 1];
    const count = flat[index + 2];
    const entityIds = flat.slice(index + 3, index + 3 + count).map((position) => ids[position]);
    if (entityIds.some((id) => id === undefined) || !(end >= start)) throw new Error('a mention has an unknown entity');
    mentions.push({ start, end, entityIds });
    index += 3 + count;
  }
  return mentions;
}

/**
 * Ranges make up most of a note's facts, so in the file each is four numbers. Only the ranges of the
 * facts' own lists are compacted (one level down); front matter is the user's data and stays as written.
 */
function compactFacts(facts: NoteFacts): Record<string, unknown> {
  const compact: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) compact[key] = key !== 'frontMatter' && Array.isArray(value) ? value.map(compactItem) : value;
  return compact;
}

function expandFacts(compact: Record<string, unknown>): NoteFacts {
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(compact)) facts[key] = key !== 'frontMatter' && Array.isArray(value) ? value.map(expandItem) : value;
  if (typeof facts.uri !== 'string' || !Array.isArray(facts.links) || !Array.isArray(facts.entities)) throw new Error('a note entry has unexpected facts');
  return facts as unknown as NoteFacts;
}

function compactItem(item: unknown): unknown {
  if (!isPlainObject(item)) return item;
  const compact: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) compact[key] = RANGE_KEY.test(key) && isRange(value) ? [value.start.line, value.start.character, value.end.line, value.end.character] : value;
  return compact;
}

function expandItem(item: unknown): unknown {
  if (!isPlainObject(item)) return item;
  const expanded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) expanded[key] = RANGE_KEY.test(key) && isFourNumbers(value) ? { start: { line: value[0], character: value[1] }, end: { line: value[2], character: value[3] } } : value;
  return expanded;
}

const RANGE_KEY = /(?:^r|R)ange$/;

function isRange(value: unknown): value is Range {
  const range = value as Range;
  return isPlainObject(value) && isPlainObject(range.start) && isPlainObject(range.end) && typeof range.start.line === 'number' && typeof range.end.character === 'number';
}

function isFourNumbers(value: unknown): value is [number, number, number, number] {
  return Array.isArray(value) && value.length === 4 && value.every((number) => typeof number === 'number');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
