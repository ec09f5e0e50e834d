// The two ways the index cache writes its file, both safe with two editor windows on one vault: a rewrite
// goes to a temporary file renamed over the old one (a reader sees the old file or the new, never a part),
// and an append is one write to the file opened for appending (records of two windows never interleave).

import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Replaces the file with the pieces (position, bytes) through a temporary file; returns its length. */
export async function replaceFile(location: string, pieces: Iterable<[number, Buffer]>): Promise<number> {
  const temporary = `${location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.mkdir(path.dirname(location), { recursive: true });
    const handle = await fs.open(temporary, 'w');
    let length: number;
    try {
      length = await writePieces(handle, pieces);
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, location);
    return length;
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Times an append follows the file when it is renamed over meanwhile, before giving up. */
const APPEND_ATTEMPTS = 3;

/**
 * Appends the bytes to the file in one write; returns the file's length then, or undefined when there is no
 * file to append to. When another window renamed a new file over it meanwhile (a compaction), that window
 * may have read the old file before this write: the bytes are appended to the new file too. Either way they
 * are in the file that stays, once or twice (a note's later record wins; each entry is checked against the
 * disk at the next start anyway).
 */
export async function appendWhole(location: string, bytes: Buffer): Promise<number | undefined> {
  for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
    let handle: fs.FileHandle;
    try {
      // Never created here: a journal without its snapshot means nothing.
      handle = await fs.open(location, constants.O_WRONLY | constants.O_APPEND);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length, null);
      // What was written is a torn record, which readers skip.
      if (bytesWritten !== bytes.length) throw new Error(`only ${bytesWritten} of ${bytes.length} bytes could be appended`);
      const written = await handle.stat();
      const current = await fs.stat(location).catch(() => undefined);
      if (current && current.ino === written.ino && current.dev === written.dev) return current.size;
    } finally {
      await handle.close();
    }
  }
  return undefined;
}

/** Pieces are written in batches of contiguous bytes about this large; the event loop runs between batches. */
const WRITE_BATCH_BYTES = 1 << 20;

/** Writes the pieces through a file handle, a batch at a time, so that requests are answered during a save. */
async function writePieces(handle: fs.FileHandle, pieces: Iterable<[number, Buffer]>): Promise<number> {
  let batch: Buffer[] = [];
  let batchStart = 0;
  let batchBytes = 0;
  let length = 0;
  const flush = async () => {
    const bytes = batch.length === 1 ? batch[0] : Buffer.concat(batch, batchBytes);
    // A large note's facts go out a batch's worth at a time too.
    for (let done = 0; done < bytes.length;)
      done += (await handle.write(bytes, done, Math.min(WRITE_BATCH_BYTES, bytes.length - done), batchStart + done)).bytesWritten;
    length = Math.max(length, batchStart + bytes.length);
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
  return length;
}
