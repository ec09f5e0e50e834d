// The journal after a cache file's snapshot: records appended one after another, each framed as
//
//   magic (4 bytes)  length of the body (32-bit, little-endian)  SHA-1 of the body (20 bytes)  body
//
// Two editor windows may append to one file at once, each record in one write to a file opened for
// appending, so records never interleave. A reader may meet a record still being written, or one a crash
// cut short, followed by whole records appended since: a record whose length runs past the end or whose
// checksum fails is skipped, and reading goes on at the next magic whose record checks out. Only the start of
// a record at the very end, its length running past the end, is taken for a write under way and not counted
// as damage.

import { createHash } from 'node:crypto';

const MAGIC = Buffer.from([0xf7, 0x4d, 0x4a, 0x01]);
const FRAME_BYTES = MAGIC.length + 4 + 20;

/** One record, framed, from the parts of its body. */
export function frameRecord(body: readonly Buffer[]): Buffer {
  const length = body.reduce((sum, part) => sum + part.length, 0);
  const frame = Buffer.alloc(FRAME_BYTES);
  MAGIC.copy(frame, 0);
  frame.writeUInt32LE(length, MAGIC.length);
  const hash = createHash('sha1');
  for (const part of body) hash.update(part);
  hash.digest().copy(frame, MAGIC.length + 4);
  return Buffer.concat([frame, ...body], FRAME_BYTES + length);
}

export interface JournalBody {
  /** Where the body starts, counted from the start of the bytes read. */
  offset: number;
  body: Buffer;
}

export interface JournalReading {
  bodies: JournalBody[];
  /** Bytes skipped between whole records: a damaged record, or a torn one that later appends followed. */
  skippedBytes: number;
  /** Bytes after the last whole record that make no record (yet): a record being written, or cut short. */
  tornTailBytes: number;
  /** Where the last whole record ends. */
  end: number;
}

/** The whole records of journal bytes, in order; whatever is not one is skipped and counted. */
export function readJournal(bytes: Buffer): JournalReading {
  const bodies: JournalBody[] = [];
  let skippedBytes = 0;
  let at = 0;
  let end = 0;
  while (at < bytes.length) {
    const body = recordAt(bytes, at);
    if (body) {
      bodies.push({ offset: at + FRAME_BYTES, body });
      at = end = at + FRAME_BYTES + body.length;
      continue;
    }
    const next = bytes.indexOf(MAGIC, at + 1);
    if (next < 0 && isRecordStart(bytes, at)) break;
    skippedBytes += (next < 0 ? bytes.length : next) - at;
    at = next < 0 ? bytes.length : next;
  }
  return { bodies, skippedBytes, tornTailBytes: bytes.length - at, end };
}

/** Whether the bytes from `at` to the end are the start of a record, of which the rest is not there (yet). */
function isRecordStart(bytes: Buffer, at: number): boolean {
  const magic = bytes.subarray(at, at + MAGIC.length);
  if (!magic.equals(MAGIC.subarray(0, magic.length))) return false;
  return at + FRAME_BYTES > bytes.length || at + FRAME_BYTES + bytes.readUInt32LE(at + MAGIC.length) > bytes.length;
}

/** The body of the record at `at`, when a whole record with a checksum that holds starts there. */
function recordAt(bytes: Buffer, at: number): Buffer | undefined {
  if (at + FRAME_BYTES > bytes.length || !bytes.subarray(at, at + MAGIC.length).equals(MAGIC)) return undefined;
  const length = bytes.readUInt32LE(at + MAGIC.length);
  const start = at + FRAME_BYTES;
  if (start + length > bytes.length) return undefined;
  const body = bytes.subarray(start, start + length);
  const sha1 = createHash('sha1').update(body).digest();
  return sha1.equals(bytes.subarray(at + MAGIC.length + 4, start)) ? body : undefined;
}
