// A journal record of one note: what the cache now holds of it, or that it holds nothing of it any more.
// The body of a note's record:
//
//   length of the head (32-bit)  length of the numbers (32-bit)  head  numbers  facts
//
// The head is JSON: the note's row (noteRows.ts) and the tables it refers to, its own, so that a record
// reads alone. The facts' place in the row is left at zero: they are the rest of the body. A removal's
// head is {"removed": uri}, with nothing after it.

import type { CachedNote } from '../indexCache';
import type { CacheSource } from './cacheSource';
import { frameRecord, readJournal, type JournalReading } from './journal';
import {
  bytesOfNumbers,
  decodeRow,
  FACTS_LENGTH_FIELD,
  FACTS_START_FIELD,
  factsJsonOf,
  factsSha1Of,
  int32View,
  numbersOf,
  rowOf,
  RowTables,
  sha1Of,
  tablesFrom,
  tablesJson,
  type Row,
} from './noteRows';

const LENGTHS_BYTES = 8;

/** A note's record before its facts are read: enough to tell whether it differs from another. */
export interface EncodedNote {
  head: Buffer;
  numbers: Buffer;
  /** SHA-1 of head and numbers; the head holds the facts' own SHA-1, so equal digests mean equal entries. */
  digest: string;
}

export function encodeNote(uri: string, note: CachedNote): EncodedNote {
  const tables = new RowTables();
  const row = rowOf(uri, note, { numbersStart: 0, factsStart: 0, factsLength: 0, factsSha1: factsSha1Of(note) }, tables);
  const numbers = bytesOfNumbers(numbersOf(note, tables));
  const head = Buffer.from(`{"row":${JSON.stringify(row)},${tablesJson(tables)}}`);
  return { head, numbers, digest: sha1Of(Buffer.concat([head, numbers])) };
}

/** The framed record of a note, its facts read (or copied from the cache they came from) now. */
export function noteRecord(encoded: EncodedNote, note: CachedNote): Buffer {
  return frameRecord([lengthsOf(encoded.head, encoded.numbers), encoded.head, encoded.numbers, factsJsonOf(note).json]);
}

export function removalRecord(uri: string): Buffer {
  const head = Buffer.from(JSON.stringify({ removed: uri }));
  return frameRecord([lengthsOf(head, Buffer.alloc(0)), head]);
}

function lengthsOf(head: Buffer, numbers: Buffer): Buffer {
  const lengths = Buffer.alloc(LENGTHS_BYTES);
  lengths.writeUInt32LE(head.length, 0);
  lengths.writeUInt32LE(numbers.length, 4);
  return lengths;
}

/**
 * Applies the journal that starts at `from` in the source to the snapshot's notes, record by record. A
 * record whose checksum holds but whose content does not make sense makes the whole cache unusable, as a
 * malformed snapshot row does.
 */
export function applyJournal(notes: Map<string, CachedNote>, source: CacheSource, from: number): JournalReading {
  const reading = readJournal(source.read(from, source.length - from));
  for (const { offset, body } of reading.bodies) applyRecord(notes, body, source, from + offset);
  return reading;
}

function applyRecord(notes: Map<string, CachedNote>, body: Buffer, source: CacheSource, bodyStart: number): void {
  const headLength = body.length >= LENGTHS_BYTES ? body.readUInt32LE(0) : -1;
  const numbersLength = body.length >= LENGTHS_BYTES ? body.readUInt32LE(4) : -1;
  const factsStart = LENGTHS_BYTES + headLength + numbersLength;
  if (headLength < 0 || numbersLength % 4 !== 0 || factsStart > body.length) throw new Error('a journal record has an unexpected layout');
  const head = JSON.parse(body.subarray(LENGTHS_BYTES, LENGTHS_BYTES + headLength).toString('utf8')) as {
    removed?: unknown;
    row?: Row;
    ids?: unknown;
    signatures?: unknown;
    owners?: unknown;
  };
  if (typeof head?.removed === 'string') {
    notes.delete(head.removed);
    return;
  }
  if (!Array.isArray(head?.row)) throw new Error('a journal record has an unexpected layout');
  // Copied, so that the numbers of a few changed notes do not keep the whole journal's bytes alive.
  const numbers = int32View(Buffer.from(body.subarray(LENGTHS_BYTES + headLength, factsStart)));
  const row: Row = [...head.row];
  row[FACTS_START_FIELD] = 0;
  row[FACTS_LENGTH_FIELD] = body.length - factsStart;
  notes.set(row[0], decodeRow(row, tablesFrom(head, numbers), source, bodyStart + factsStart, body.length - factsStart));
}
