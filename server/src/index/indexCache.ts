// The persistent index cache: each note's facts, line starts and mentions, keyed by what the disk said of
// the note (size, modification time, content hash), so that a second start reads one file instead of
// parsing the vault. One file per set of workspace folders:
//
//   header   one line of JSON, padded to 4 KB: format, version, parser build, note count, lengths,
//            SHA-1 of the summary
//   facts    each note's facts as JSON, one after another; its row says where, and their SHA-1
//   summary  one line of JSON: tables of entity ids and matcher signatures, then one row per note with
//            what a start needs at once (disk stamp, line starts, entity candidates, mentions, entity links,
//            what other notes' links need of it)
//
// A warm start parses only the summary; a note's facts are read from the file, checked against their own
// SHA-1 and parsed when a feature first asks for them, and written back unparsed when nothing changed them.
//
// Anything unexpected (another format or build, a short or altered body, bad JSON, a row of the wrong
// shape) makes the whole cache unusable: the index is rebuilt from the notes and the file rewritten.
// Writes go to a temporary file that is renamed over the old one, so two editor windows on one vault
// never leave a torn file: the last complete write wins, and each entry is checked against the disk anyway.

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NoteLinkSummary } from '../features/links/linkSummary';
import type { EntityCandidate, NoteFacts, Range } from '../parse/facts';
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

/** A link of a note to an entity's repository or paper. */
export interface EntityLinkSite {
  entityId: string;
  range: Range;
}

/** Where a note's facts sit in the cache: read and parsed only when a feature first asks for them. */
export interface StoredFacts {
  readonly stored: true;
  /** The facts' JSON as the cache holds it. */
  bytes(): Buffer;
}

export interface CachedNote {
  stamp: DiskStamp;
  facts: NoteFacts | StoredFacts;
  /** The facts' entity candidates, which every start needs at once for the entity table. */
  entities: EntityCandidate[];
  /** What other notes' links need of the note, which a start needs at once too. */
  links: NoteLinkSummary;
  lineStarts: number[];
  textLength: number;
  mentions: Mention[];
  entityLinks: EntityLinkSite[];
  /** Hash of the mention matcher's signature that found the mentions and entity links; another means finding them again. */
  matchedWith: string;
}

export function isStored(facts: NoteFacts | StoredFacts): facts is StoredFacts {
  return (facts as StoredFacts).stored === true;
}

/** A cached note's facts, read and parsed from the cache when that has not happened yet. */
export function parsedFacts(facts: NoteFacts | StoredFacts): NoteFacts {
  return isStored(facts) ? (JSON.parse(facts.bytes().toString('utf8')) as NoteFacts) : facts;
}

/** The bytes of a cache: a whole file in memory (tests), or an open file read piece by piece. */
interface CacheSource {
  readonly length: number;
  read(offset: number, length: number): Buffer;
}

function bufferSource(raw: Buffer): CacheSource {
  return { length: raw.length, read: (offset, length) => raw.subarray(offset, offset + length) };
}

/** Closes a cache file once no note's facts are left to read from it. */
const openCaches = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing is lost.
  }
});

/**
 * An open cache file. Facts are read from it when first asked instead of being held in memory: a
 * rename over the file (another window saving) leaves this descriptor on the old, complete file.
 */
function fileSource(fd: number, length: number): CacheSource {
  const source: CacheSource = {
    length,
    read(offset, size) {
      const buffer = Buffer.allocUnsafe(size);
      let done = 0;
      while (done < size) {
        const count = readSync(fd, buffer, done, size - done, offset + done);
        if (count === 0) throw new Error('the index cache file ended early');
        done += count;
      }
      return buffer;
    },
  };
  openCaches.register(source, fd, source);
  return source;
}

export interface IndexCache {
  /** Where the cache lives, for log lines. */
  readonly location: string;
  /** The cached notes by URI; undefined when there is no usable cache (the reason is logged). */
  load(): Promise<Map<string, CachedNote> | undefined>;
  save(notes: Iterable<readonly [string, CachedNote]>): Promise<void>;
}

const FORMAT = 'marginalia-index-cache';
const FORMAT_VERSION = 6;
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
    let fd: number;
    let size: number;
    try {
      // A plain descriptor, not a FileHandle: a handle closes itself when collected, under the facts still to read.
      fd = openSync(this.location, 'r');
      size = fstatSync(fd).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`index cache ${this.location} could not be read (${describe(error)}); indexing every note`);
      return undefined;
    }
    const source = fileSource(fd, size);
    try {
      return decodeFrom(source, this.buildId);
    } catch (error) {
      openCaches.unregister(source);
      closeSync(fd);
      this.logger.warn(`index cache ${this.location} is unusable (${describe(error)}); rebuilding it`);
      return undefined;
    }
  }

  async save(notes: Iterable<readonly [string, CachedNote]>): Promise<void> {
    const temporary = `${this.location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.mkdir(path.dirname(this.location), { recursive: true });
      const handle = await fs.open(temporary, 'w');
      try {
        await writePieces(handle, cachePieces(notes, this.buildId));
      } finally {
        await handle.close();
      }
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
  summaryBytes: number;
  factsBytes: number;
  /** SHA-1 of the summary; each note's facts carry their own, checked when they are read. */
  summarySha1: string;
  writtenAt: string;
}

/**
 * One note: uri, size, mtime, hash, racy (0/1), text length, line lengths, signature index, mentions
 * (flattened), entity links (flattened), entity candidates, where its facts start, how long they are
 * and their SHA-1, the local paths its links point at, whether it has wiki links (0/1), and its anchors.
 */
type Row = [string, number, number, string, number, number, number[], number, number[], number[], EntityCandidate[], number, number, string, string[], number, string[]];

interface Summary {
  notes: Row[];
  ids: string[];
  signatures: string[];
}

/** Bytes of summary rows put together before they are handed out: a save writes about this much at a time. */
const SUMMARY_CHUNK_BYTES = 1 << 20;

/**
 * The pieces of a cache file, each with the position it goes to: each note's facts in turn, then the
 * summary a chunk at a time, then the header, padded to a fixed size, in front of them. Generated as
 * they are written, so that a save never holds the whole file, nor the whole summary as one string.
 */
export function* cachePieces(notes: Iterable<readonly [string, CachedNote]>, buildId: string, summaryChunkBytes = SUMMARY_CHUNK_BYTES): Generator<[position: number, bytes: Buffer]> {
  const ids = new Table();
  const signatures = new Table();
  // Each row as JSON text at once: one compact string instead of the arrays it is made of.
  const rows: string[] = [];
  let factsBytes = 0;
  for (const [uri, note] of notes) {
    const { stamp, links } = note;
    const json = isStored(note.facts) ? note.facts.bytes() : Buffer.from(JSON.stringify(note.facts));
    const row: Row = [uri, stamp.size, stamp.mtimeMs, stamp.hash, stamp.racy ? 1 : 0, note.textLength, lineLengths(note.lineStarts), signatures.indexOf(note.matchedWith), flattenMentions(note.mentions, ids), flattenEntityLinks(note.entityLinks, ids), note.entities, factsBytes, json.length, hashBytes(json), links.localTargets, links.hasWikiLinks ? 1 : 0, links.anchors];
    rows.push(JSON.stringify(row));
    yield [HEADER_BYTES + factsBytes, json];
    factsBytes += json.length;
  }
  // Key order does not matter to JSON: the tables come last because the rows fill them.
  const summarySha1 = createHash('sha1');
  let summaryBytes = 0;
  let chunk = '{"notes":[';
  const tail = `],"ids":${JSON.stringify(ids.values)},"signatures":${JSON.stringify(signatures.values)}}\n`;
  for (let index = 0; index <= rows.length; index++) {
    if (index < rows.length) chunk += index ? `,${rows[index]}` : rows[index];
    else chunk += tail;
    if (chunk.length < summaryChunkBytes && index < rows.length) continue;
    const bytes = Buffer.from(chunk);
    summarySha1.update(bytes);
    yield [HEADER_BYTES + factsBytes + summaryBytes, bytes];
    summaryBytes += bytes.length;
    chunk = '';
  }
  const header: Header = { format: FORMAT, version: FORMAT_VERSION, build: buildId, notes: rows.length, summaryBytes, factsBytes, summarySha1: summarySha1.digest('hex'), writtenAt: new Date().toISOString() };
  const line = JSON.stringify(header);
  if (line.length >= HEADER_BYTES) throw new Error('the cache header does not fit');
  yield [0, Buffer.from(`${line.padEnd(HEADER_BYTES - 1, ' ')}\n`)];
}

/** The whole cache in memory, for tests. */
export function encodeCache(notes: Iterable<readonly [string, CachedNote]>, buildId: string, summaryChunkBytes?: number): Buffer {
  const pieces = [...cachePieces(notes, buildId, summaryChunkBytes)];
  const whole = Buffer.alloc(Math.max(...pieces.map(([position, bytes]) => position + bytes.length)));
  for (const [position, bytes] of pieces) bytes.copy(whole, position);
  return whole;
}

/** Pieces are written in batches of contiguous bytes about this large; the event loop runs between batches. */
const WRITE_BATCH_BYTES = 1 << 20;

/** Writes the pieces through a file handle, a batch at a time, so that requests are answered during a save. */
async function writePieces(handle: fs.FileHandle, pieces: Iterable<[number, Buffer]>): Promise<void> {
  let batch: Buffer[] = [];
  let batchStart = 0;
  let batchBytes = 0;
  const flush = async () => {
    const bytes = batch.length === 1 ? batch[0] : Buffer.concat(batch, batchBytes);
    for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done, batchStart + done)).bytesWritten;
    batch = [];
    batchBytes = 0;
  };
  for (const [position, bytes] of pieces) {
    if (batchBytes > 0 && (position !== batchStart + batchBytes || batchBytes >= WRITE_BATCH_BYTES)) await flush();
    if (batchBytes === 0) batchStart = position;
    batch.push(bytes);
    batchBytes += bytes.length;
  }
  if (batchBytes > 0) await flush();
}

export function decodeCache(raw: Buffer, buildId: string): Map<string, CachedNote> {
  return decodeFrom(bufferSource(raw), buildId);
}

/** The header line is padded to this size, so that it can be written last, in front of the rest. */
const HEADER_BYTES = 4096;

function decodeFrom(source: CacheSource, buildId: string): Map<string, CachedNote> {
  const start = source.read(0, Math.min(HEADER_BYTES, source.length));
  const newline = start.indexOf(10);
  if (newline < 0) throw new Error('no header');
  const header = JSON.parse(start.subarray(0, newline).toString('utf8')) as Partial<Header>;
  if (header.format !== FORMAT) throw new Error('not an index cache');
  if (header.version !== FORMAT_VERSION) throw new Error(`format version ${header.version}, this build reads ${FORMAT_VERSION}`);
  if (header.build !== buildId) throw new Error('written by another build of the parser');
  const base = newline + 1;
  const summaryBytes = header.summaryBytes ?? 0;
  const expected = summaryBytes + (header.factsBytes ?? 0);
  if (source.length - base !== expected) throw new Error(`truncated: ${source.length - base} of ${expected} bytes`);
  const factsBytes = header.factsBytes ?? 0;
  const summaryJson = source.read(base + factsBytes, summaryBytes);
  if (hashBytes(summaryJson) !== header.summarySha1) throw new Error('checksum mismatch');
  const summary = JSON.parse(summaryJson.toString('utf8')) as Summary;
  if (!Array.isArray(summary?.ids) || !Array.isArray(summary.signatures) || !Array.isArray(summary.notes) || summary.notes.length !== header.notes) throw new Error('unexpected layout');
  const notes = new Map<string, CachedNote>();
  const idLists = new Map<string, readonly string[]>();
  for (const row of summary.notes) notes.set(row[0], decodeRow(row, summary, idLists, source, base, factsBytes));
  return notes;
}

function decodeRow(row: Row, summary: Summary, idLists: Map<string, readonly string[]>, source: CacheSource, factsBase: number, factsBytes: number): CachedNote {
  if (!Array.isArray(row) || row.length !== 17 || typeof row[0] !== 'string' || typeof row[3] !== 'string' || !Array.isArray(row[6]) || !Array.isArray(row[8]) || !Array.isArray(row[9]) || !Array.isArray(row[10]) || !Array.isArray(row[14]) || !Array.isArray(row[16])) {
    throw new Error('a note entry has an unexpected shape');
  }
  const [, size, mtimeMs, hash, racy, textLength, lengths, signature, mentions, entityLinks, entities, factsStart, factsLength, factsSha1, localTargets, wiki, anchors] = row;
  const matchedWith = summary.signatures[signature];
  if (typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof textLength !== 'number' || matchedWith === undefined || !(factsStart >= 0 && factsLength > 0 && factsStart + factsLength <= factsBytes) || ![...localTargets, ...anchors].every((value) => typeof value === 'string')) {
    throw new Error('a note entry has an unexpected shape');
  }
  return {
    stamp: { size, mtimeMs, hash, racy: racy === 1 },
    facts: { stored: true, bytes: () => checked(source.read(factsBase + factsStart, factsLength), factsSha1) },
    entities,
    links: { localTargets, hasWikiLinks: wiki === 1, anchors },
    textLength,
    lineStarts: lineStartsOf(lengths),
    mentions: unflattenMentions(mentions, summary.ids, idLists),
    entityLinks: unflattenEntityLinks(entityLinks, summary.ids),
    matchedWith,
  };
}

function checked(json: Buffer, sha1: string): Buffer {
  if (hashBytes(json) !== sha1) throw new Error('its cached facts are damaged');
  return json;
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

/** start, length, exact-name count, owner count, owner ids (as positions in the id table), for each mention in turn. */
function flattenMentions(mentions: readonly Mention[], ids: Table): number[] {
  const flat: number[] = [];
  for (const mention of mentions) flat.push(mention.start, mention.end - mention.start, mention.exactCount ?? 0, mention.entityIds.length, ...mention.entityIds.map((id) => ids.indexOf(id)));
  return flat;
}

/** Mentions naming the same entities share one list of them, as the matcher's do (`idLists`, by positions). */
function unflattenMentions(flat: readonly number[], ids: readonly string[], idLists: Map<string, readonly string[]>): Mention[] {
  const mentions: Mention[] = [];
  for (let index = 0; index < flat.length; ) {
    const start = flat[index];
    const end = start + flat[index + 1];
    const exactCount = flat[index + 2];
    const count = flat[index + 3];
    const positions = flat.slice(index + 4, index + 4 + count);
    const key = positions.join(',');
    let entityIds = idLists.get(key);
    if (!entityIds) {
      entityIds = positions.map((position) => ids[position]);
      if (entityIds.some((id) => id === undefined)) throw new Error('a mention has an unknown entity');
      idLists.set(key, entityIds);
    }
    if (!(end >= start)) throw new Error('a mention ends before it starts');
    mentions.push(exactCount ? { start, end, entityIds, exactCount } : { start, end, entityIds });
    index += 4 + count;
  }
  return mentions;
}

/** entity id (as a position in the id table) and the link's range as four numbers, for each link in turn. */
function flattenEntityLinks(links: readonly EntityLinkSite[], ids: Table): number[] {
  return links.flatMap(({ entityId, range }) => [ids.indexOf(entityId), range.start.line, range.start.character, range.end.line, range.end.character]);
}

function unflattenEntityLinks(flat: readonly number[], ids: readonly string[]): EntityLinkSite[] {
  const links: EntityLinkSite[] = [];
  for (let index = 0; index + 5 <= flat.length; index += 5) {
    const entityId = ids[flat[index]];
    if (entityId === undefined) throw new Error('an entity link has an unknown entity');
    links.push({ entityId, range: { start: { line: flat[index + 1], character: flat[index + 2] }, end: { line: flat[index + 3], character: flat[index + 4] } } });
  }
  return links;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
