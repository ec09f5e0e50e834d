// Where the bytes of an index cache come from: a whole file in memory (tests), or an open file read piece by
// piece, so that a start holds only the parts it needs and each note's facts are read when first asked for.

import { closeSync, readSync } from 'node:fs';

export interface CacheSource {
  readonly length: number;
  read(offset: number, length: number): Buffer;
}

export function bufferSource(raw: Buffer): CacheSource {
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
 * An open cache file of `length` bytes. Facts are read from it when first asked instead of being held in
 * memory: a rename over the file (another window rewriting it) leaves this descriptor on the old, complete file.
 */
export function fileSource(fd: number, length: number): CacheSource {
  const source: CacheSource = { length, read: (offset, size) => readExactly(fd, offset, size) };
  openCaches.register(source, fd, source);
  return source;
}

/** Closes the file of a source nothing was taken from (an unusable cache). */
export function closeFileSource(source: CacheSource, fd: number): void {
  openCaches.unregister(source);
  closeSync(fd);
}

export function readExactly(fd: number, offset: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const count = readSync(fd, buffer, done, size - done, offset + done);
    if (count === 0) throw new Error('the index cache file ended early');
    done += count;
  }
  return buffer;
}
