// The persistent index cache: each note's facts, line starts and mentions, keyed by what the disk said of
// the note (size, modification time, content hash), so that a second start reads one file instead of
// parsing the vault. One file per set of workspace folders:
//
//   header   one line of JSON, padded to 4 KB: format, version, parser build, note count, lengths,
//            byte order of the numbers, SHA-1 of the summary and of the numbers
//   facts    each note's facts as JSON, one after another; its row says where, and their SHA-1
//   numbers  each note's line starts and mentions (start, end, owners) as 32-bit integers in the
//            machine's byte order, one note after another; its row says where
//   summary  one line of JSON: one row per note with what a start needs at once (disk stamp, entity
//            candidates, entity links, what other notes' links need of it), then tables of entity ids,
//            matcher signatures and mention owners
//
// A warm start parses only the summary and views the numbers as they are read, without an object per
// line or mention; a note's facts are read from the file, checked against their own SHA-1 and parsed
// when a feature first asks for them, and written back unparsed when nothing changed them.
//
// Anything unexpected (another format or build, a short or altered body, bad JSON, a row of the wrong
// shape) makes the whole cache unusable: the index is rebuilt from the notes and the file rewritten.
// Writes go to a temporary file that is renamed over the old one, so two editor windows on one vault
// never leave a torn file: the last complete write wins, and each entry is checked against the disk anyway.

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NoteLinkSummary } from '../parse/links/linkSummary';
import type { EntityCandidate, NoteFacts, Range } from '../parse/facts';
import type { Logger } from '../workspace/notesWorkspace';
import { isEntityCandidate, isNoteFacts } from './cachedShapes';
import { NoteMentions, NUMBERS_PER_MENTION, type MentionOwners } from './noteMentions';

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

/** A cached note's facts, read and parsed from the cache when that has not happened yet. */
export function parsedFacts(facts: NoteFacts | StoredFacts): NoteFacts {
  if (!isStored(facts)) return facts;
  const parsed: unknown = JSON.parse(facts.bytes().toString('utf8'));
  if (!isNoteFacts(parsed)) throw new Error('its cached facts are malformed');
  return parsed;
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
const FORMAT_VERSION = 7;
/** A note modified this close to its reading is checked by hash, whatever its time says. */
const RACY_WINDOW_MS = 2000;

export function stampOf(bytes: Uint8Array, mtimeMs: number, readAt = Date.now()): DiskStamp {
  return { size: bytes.length, mtimeMs, hash: hashBytes(bytes), racy: readAt - mtimeMs < RACY_WINDOW_MS };
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Bytes hashed at once by `hashInSlices`: a few milliseconds of hashing. */
const HASH_SLICE_BYTES = 4 * 1024 * 1024;

/** `hashBytes` of many megabytes: a slice at a time, with `pause` awaited between. */
export async function hashInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<string> {
  const hash = createHash('sha1');
  for (let from = 0; from < bytes.length; from += HASH_SLICE_BYTES) {
    hash.update(bytes.subarray(from, from + HASH_SLICE_BYTES));
    await pause();
  }
  return hash.digest('hex');
}

/** `stampOf` for a file of many megabytes, hashed a slice at a time. */
export async function stampInSlices(bytes: Uint8Array, mtimeMs: number, pause: () => Promise<void>): Promise<DiskStamp> {
  const readAt = Date.now();
  return { size: bytes.length, mtimeMs, hash: await hashInSlices(bytes, pause), racy: readAt - mtimeMs < RACY_WINDOW_MS };
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
  numbersBytes: number;
  /** Of the numbers: another machine's cache is rebuilt rather than read backwards. */
  byteOrder: string;
  /** SHA-1 of the summary and of the numbers; each note's facts carry their own, checked when they are read. */
  summarySha1: string;
  numbersSha1: string;
  writtenAt: string;
}

/**
 * One note: uri, size, mtime, hash, racy (0/1), text length, where its numbers start (in numbers), how
 * many line starts and mentions they hold, signature index, entity links (flattened), entity candidates,
 * where its facts start, how long they are and their SHA-1, the local paths its links point at, whether it
 * has wiki links (0/1), and its anchors.
 */
type Row = [string, number, number, string, number, number, number, number, number, number, number[], EntityCandidate[], number, number, string, string[], number, string[]];
const ROW_FIELDS = 18;

interface Summary {
  notes: Row[];
  ids: string[];
  signatures: string[];
  /** Exact-name count, then the entity ids (as positions in `ids`), for each set of mention owners. */
  owners: number[][];
}

/** Bytes of summary rows put together before they are handed out: a save writes about this much at a time. */
const SUMMARY_CHUNK_BYTES = 1 << 20;

/**
 * The pieces of a cache file, each with the position it goes to: each note's facts in turn, then each
 * note's numbers, then the summary a chunk at a time, then the header, padded to a fixed size, in front
 * of them. Generated as they are written, so that a save never holds the whole file, nor the whole
 * summary as one string.
 */
export function* cachePieces(notes: Iterable<readonly [string, CachedNote]>, buildId: string, summaryChunkBytes = SUMMARY_CHUNK_BYTES): Generator<[position: number, bytes: Buffer]> {
  const ids = new Table();
  const signatures = new Table();
  const owners = new OwnersTable(ids);
  // Each row as JSON text at once: one compact string instead of the arrays it is made of.
  const rows: string[] = [];
  // The numbers follow the facts, whose total length is known only once every note is written.
  const numbers: Buffer[] = [];
  let numbersCount = 0;
  let factsBytes = 0;
  for (const [uri, note] of notes) {
    const { stamp, links, lineStarts, mentions } = note;
    const json = isStored(note.facts) ? note.facts.rawBytes() : Buffer.from(JSON.stringify(note.facts));
    const sha1 = isStored(note.facts) ? note.facts.sha1 : hashBytes(json);
    const row: Row = [uri, stamp.size, stamp.mtimeMs, stamp.hash, stamp.racy ? 1 : 0, note.textLength, numbersCount, lineStarts.length, mentions.length, signatures.indexOf(note.matchedWith), flattenEntityLinks(note.entityLinks, ids), note.entities, factsBytes, json.length, sha1, links.localTargets, links.hasWikiLinks ? 1 : 0, links.anchors];
    rows.push(JSON.stringify(row));
    const noteNumbers = numbersOf(lineStarts, mentions, owners);
    numbers.push(Buffer.from(noteNumbers.buffer, noteNumbers.byteOffset, noteNumbers.byteLength));
    numbersCount += noteNumbers.length;
    yield [HEADER_BYTES + factsBytes, json];
    factsBytes += json.length;
  }
  const numbersSha1 = createHash('sha1');
  let numbersBytes = 0;
  for (const bytes of numbers.splice(0)) {
    numbersSha1.update(bytes);
    yield [HEADER_BYTES + factsBytes + numbersBytes, bytes];
    numbersBytes += bytes.length;
  }
  // Key order does not matter to JSON: the tables come last because the rows fill them.
  const summaryStart = HEADER_BYTES + factsBytes + numbersBytes;
  const summarySha1 = createHash('sha1');
  let summaryBytes = 0;
  let chunk = '{"notes":[';
  const tail = `],"ids":${JSON.stringify(ids.values)},"signatures":${JSON.stringify(signatures.values)},"owners":${JSON.stringify(owners.values)}}\n`;
  for (let index = 0; index <= rows.length; index++) {
    if (index < rows.length) chunk += index ? `,${rows[index]}` : rows[index];
    else chunk += tail;
    if (chunk.length < summaryChunkBytes && index < rows.length) continue;
    const bytes = Buffer.from(chunk);
    summarySha1.update(bytes);
    yield [summaryStart + summaryBytes, bytes];
    summaryBytes += bytes.length;
    chunk = '';
  }
  const header: Header = {
    format: FORMAT,
    version: FORMAT_VERSION,
    build: buildId,
    notes: rows.length,
    summaryBytes,
    factsBytes,
    numbersBytes,
    byteOrder: os.endianness(),
    summarySha1: summarySha1.digest('hex'),
    numbersSha1: numbersSha1.digest('hex'),
    writtenAt: new Date().toISOString(),
  };
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
    // A large note's facts go out a batch's worth at a time too.
    for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, Math.min(WRITE_BATCH_BYTES, bytes.length - done), batchStart + done)).bytesWritten;
    batch = [];
    batchBytes = 0;
  };
  for (const [position, bytes] of pieces) {
    // A piece as large as a batch is written alone rather than copied into one.
    if (batchBytes > 0 && (position !== batchStart + batchBytes || batchBytes + bytes.length > WRITE_BATCH_BYTES)) await flush();
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
  if (header.byteOrder !== os.endianness()) throw new Error('written on a machine of another byte order');
  const base = newline + 1;
  const factsBytes = header.factsBytes ?? 0;
  const numbersBytes = header.numbersBytes ?? 0;
  const summaryBytes = header.summaryBytes ?? 0;
  const expected = factsBytes + numbersBytes + summaryBytes;
  if (source.length - base !== expected) throw new Error(`truncated: ${source.length - base} of ${expected} bytes`);
  const summaryJson = source.read(base + factsBytes + numbersBytes, summaryBytes);
  const numbersRaw = source.read(base + factsBytes, numbersBytes);
  if (hashBytes(summaryJson) !== header.summarySha1 || hashBytes(numbersRaw) !== header.numbersSha1 || numbersBytes % 4 !== 0) throw new Error('checksum mismatch');
  const summary = JSON.parse(summaryJson.toString('utf8')) as Summary;
  if (!Array.isArray(summary?.ids) || !Array.isArray(summary.signatures) || !Array.isArray(summary.owners) || !Array.isArray(summary.notes) || summary.notes.length !== header.notes) throw new Error('unexpected layout');
  const tables: Tables = { ids: summary.ids, signatures: summary.signatures, owners: summary.owners.map((entry) => ownersFrom(entry, summary.ids)), numbers: int32View(numbersRaw) };
  const notes = new Map<string, CachedNote>();
  for (const row of summary.notes) notes.set(row[0], decodeRow(row, tables, source, base, factsBytes));
  return notes;
}

/** What the rows of one cache file point into. */
interface Tables {
  ids: readonly string[];
  signatures: readonly string[];
  owners: readonly MentionOwners[];
  numbers: Int32Array;
}

function decodeRow(row: Row, tables: Tables, source: CacheSource, factsBase: number, factsBytes: number): CachedNote {
  if (!Array.isArray(row) || row.length !== ROW_FIELDS || typeof row[0] !== 'string' || typeof row[3] !== 'string' || !Array.isArray(row[10]) || !Array.isArray(row[11]) || !Array.isArray(row[15]) || !Array.isArray(row[17])) {
    throw new Error('a note entry has an unexpected shape');
  }
  const [, size, mtimeMs, hash, racy, textLength, numbersStart, lineCount, mentionCount, signature, entityLinks, entities, factsStart, factsLength, factsSha1, localTargets, wiki, anchors] = row;
  const matchedWith = tables.signatures[signature];
  const numbersEnd = numbersStart + lineCount + NUMBERS_PER_MENTION * mentionCount;
  if (typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof textLength !== 'number' || matchedWith === undefined || !(factsStart >= 0 && factsLength > 0 && factsStart + factsLength <= factsBytes) || ![...localTargets, ...anchors].every((value) => typeof value === 'string')) {
    throw new Error('a note entry has an unexpected shape');
  }
  if (!(Number.isInteger(numbersStart) && numbersStart >= 0 && lineCount >= 1 && mentionCount >= 0 && numbersEnd <= tables.numbers.length)) throw new Error('a note entry points outside the numbers');
  if (!entities.every(isEntityCandidate) || !entityLinks.every((value) => Number.isInteger(value))) throw new Error('a note entry holds malformed entities');
  const { numbers } = tables;
  const lineStarts = new Uint32Array(numbers.buffer, numbers.byteOffset + numbersStart * 4, lineCount);
  return {
    stamp: { size, mtimeMs, hash, racy: racy === 1 },
    facts: { stored: true, sha1: factsSha1, bytes: () => checked(source.read(factsBase + factsStart, factsLength), factsSha1), rawBytes: () => source.read(factsBase + factsStart, factsLength) },
    entities,
    links: { localTargets, hasWikiLinks: wiki === 1, anchors },
    textLength,
    lineStarts,
    mentions: mentionsFrom(numbers.subarray(numbersStart + lineCount, numbersEnd), tables.owners),
    entityLinks: unflattenEntityLinks(entityLinks, tables.ids),
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

/** The sets of mention owners of one cache file, each written once, by position. */
class OwnersTable {
  private readonly keys = new Table();
  private readonly positions = new Map<MentionOwners, number>();
  readonly values: number[][] = [];

  constructor(private readonly ids: Table) {}

  indexOf(owners: MentionOwners): number {
    let position = this.positions.get(owners);
    if (position !== undefined) return position;
    // The same set may come from two tables (restored notes and notes matched since): written once all the same.
    const entry = [owners.exactCount ?? 0, ...owners.entityIds.map((id) => this.ids.indexOf(id))];
    position = this.keys.indexOf(entry.join(','));
    if (position === this.values.length) this.values.push(entry);
    this.positions.set(owners, position);
    return position;
  }
}

/** A note's line starts, then start, end and owners of each of its mentions. */
function numbersOf(lineStarts: Uint32Array, mentions: NoteMentions, owners: OwnersTable): Int32Array {
  const numbers = new Int32Array(lineStarts.length + NUMBERS_PER_MENTION * mentions.length);
  numbers.set(lineStarts);
  let at = lineStarts.length;
  for (let index = 0; index < mentions.length; index++) {
    numbers[at++] = mentions.startAt(index);
    numbers[at++] = mentions.endAt(index);
    numbers[at++] = owners.indexOf(mentions.ownersAt(index));
  }
  return numbers;
}

function ownersFrom(entry: unknown, ids: readonly string[]): MentionOwners {
  if (!Array.isArray(entry) || entry.length < 2) throw new Error('a set of mention owners has an unexpected shape');
  const [exactCount, ...positions] = entry as number[];
  const entityIds = positions.map((position) => ids[position]);
  if (entityIds.some((id) => typeof id !== 'string')) throw new Error('a mention has an unknown entity');
  return exactCount ? { entityIds, exactCount } : { entityIds };
}

function mentionsFrom(packed: Int32Array, owners: readonly MentionOwners[]): NoteMentions {
  for (let at = 0; at < packed.length; at += NUMBERS_PER_MENTION) {
    if (!(packed[at] >= 0 && packed[at + 1] >= packed[at])) throw new Error('a mention ends before it starts');
    if (!(packed[at + 2] >= 0 && packed[at + 2] < owners.length)) throw new Error('a mention has unknown owners');
  }
  return packed.length ? new NoteMentions(packed, owners) : NoteMentions.none;
}

/** The numbers as 32-bit integers, copied only when their bytes do not start at a multiple of four. */
function int32View(bytes: Buffer): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
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
