// The snapshot at the front of a cache file: every note as of its last rewrite.
//
//   header   one line of JSON, padded to 4 KB: format, version, parser build, note count, lengths,
//            byte order of the numbers, SHA-1 of the summary and of the numbers
//   facts    each note's facts as JSON, one after another; its row says where, and their SHA-1
//   numbers  each note's line starts and mentions (start, end, owners) as 32-bit integers in the
//            machine's byte order, one note after another; its row says where
//   summary  one line of JSON: one row per note with what a start needs at once (see noteRows.ts),
//            then tables of entity ids, matcher signatures and mention owners
//
// What follows the summary is the journal (journal.ts). A warm start parses only the summary and views the
// numbers as they are read, without an object per line or mention.

import { createHash } from 'node:crypto';
import * as os from 'node:os';
import type { CachedNote } from '../indexCache';
import type { CacheSource } from './cacheSource';
import {
  bytesOfNumbers,
  decodeRow,
  factsJsonOf,
  int32View,
  numbersOf,
  rowOf,
  RowTables,
  sha1Of,
  tablesFrom,
  tablesJson,
  type Row,
} from './noteRows';

const FORMAT = 'marginalia-index-cache';
/** 8: a journal of changed notes may follow the summary. */
const FORMAT_VERSION = 9;
/** The header line is padded to this size, so that it can be written last, in front of the rest. */
const HEADER_BYTES = 4096;
/** Bytes of summary rows put together before they are handed out: a save writes about this much at a time. */
const SUMMARY_CHUNK_BYTES = 1 << 20;

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
 * The pieces of a snapshot, each with the position it goes to: each note's facts in turn, then each
 * note's numbers, then the summary a chunk at a time, then the header, padded to a fixed size, in front
 * of them. Generated as they are written, so that a save never holds the whole file, nor the whole
 * summary as one string.
 */
export function* cachePieces(
  notes: Iterable<readonly [string, CachedNote]>,
  buildId: string,
  summaryChunkBytes = SUMMARY_CHUNK_BYTES,
): Generator<[position: number, bytes: Buffer]> {
  const tables = new RowTables();
  // Each row as JSON text at once: one compact string instead of the arrays it is made of.
  const rows: string[] = [];
  // The numbers follow the facts, whose total length is known only once every note is written.
  const numbers: Buffer[] = [];
  let numbersCount = 0;
  let factsBytes = 0;
  for (const [uri, note] of notes) {
    const { json, sha1 } = factsJsonOf(note);
    rows.push(
      JSON.stringify(
        rowOf(uri, note, { numbersStart: numbersCount, factsStart: factsBytes, factsLength: json.length, factsSha1: sha1 }, tables),
      ),
    );
    const noteNumbers = numbersOf(note, tables);
    numbers.push(bytesOfNumbers(noteNumbers));
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
  const tail = `],${tablesJson(tables)}}\n`;
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

/** The notes of the snapshot at the front of a cache, and where the snapshot ends (the journal starts). */
export function decodeSnapshot(source: CacheSource, buildId: string): { notes: Map<string, CachedNote>; end: number } {
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
  if (source.length - base < expected) throw new Error(`truncated: ${source.length - base} of ${expected} bytes`);
  const summaryJson = source.read(base + factsBytes + numbersBytes, summaryBytes);
  const numbersRaw = source.read(base + factsBytes, numbersBytes);
  if (sha1Of(summaryJson) !== header.summarySha1 || sha1Of(numbersRaw) !== header.numbersSha1 || numbersBytes % 4 !== 0)
    throw new Error('checksum mismatch');
  const summary = JSON.parse(summaryJson.toString('utf8')) as { notes?: Row[]; ids?: unknown; signatures?: unknown; owners?: unknown };
  const tables = tablesFrom(summary ?? {}, int32View(numbersRaw));
  if (!Array.isArray(summary.notes) || summary.notes.length !== header.notes) throw new Error('unexpected layout');
  const notes = new Map<string, CachedNote>();
  for (const row of summary.notes) notes.set(row[0], decodeRow(row, tables, source, base, factsBytes));
  return { notes, end: base + expected };
}
