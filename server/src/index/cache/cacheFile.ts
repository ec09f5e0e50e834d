// Reading a cache file: its snapshot, then its journal applied record by record, so that a start sees each
// note as the last whole record (or the snapshot) left it.

import { fstatSync, openSync } from 'node:fs';
import type { CachedNote } from '../indexCache';
import { closeFileSource, fileSource, type CacheSource } from './cacheSource';
import type { JournalReading } from './journal';
import { applyJournal } from './noteRecord';
import { decodeSnapshot } from './snapshot';

export interface DecodedCache {
  notes: Map<string, CachedNote>;
  /** Bytes of the snapshot, from the start of the file. */
  snapshotBytes: number;
  journal: JournalReading;
}

export function decodeCacheFrom(source: CacheSource, buildId: string): DecodedCache {
  const { notes, end } = decodeSnapshot(source, buildId);
  return { notes, snapshotBytes: end, journal: applyJournal(notes, source, end) };
}

/** A cache file as it was read: the open file stays, for the notes' facts and for what is appended to it later. */
export interface OpenCache extends DecodedCache {
  fd: number;
  /** Bytes the file held when it was read. */
  length: number;
}

/** `unusable` says why, and what happens instead, for the log. */
export type CacheFileReading = { found: false } | { found: true; unusable: string } | ({ found: true; unusable?: undefined } & OpenCache);

export function readCacheFile(location: string, buildId: string): CacheFileReading {
  let fd: number;
  let length: number;
  try {
    // A plain descriptor, not a FileHandle: a handle closes itself when collected, under the facts still to read.
    fd = openSync(location, 'r');
    length = fstatSync(fd).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    return { found: true, unusable: `could not be read (${describe(error)}); indexing every note` };
  }
  const source = fileSource(fd, length);
  try {
    return { found: true, fd, length, ...decodeCacheFrom(source, buildId) };
  } catch (error) {
    closeFileSource(source, fd);
    return { found: true, unusable: `is unusable (${describe(error)}); rebuilding it` };
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
