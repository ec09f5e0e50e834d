// What the benchmark learns of the server's index cache by looking at its folder: how many files and bytes,
// whether a cache file has been written, and which files a save wrote.

import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sleep } from './lspSession';

/** The folder the server writes its index cache to, under XDG_CACHE_HOME. */
export function indexCacheFolder(cacheHome: string): string {
  return path.join(cacheHome, 'marginalia', 'index');
}

/** Files (at any depth) and their bytes in a folder; zeros when it does not exist. */
export function cacheContents(dir: string): { files: number; bytes: number } {
  const files = listFiles(dir);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) };
}

/** Waits until a server has written its index cache under the cache folder; false at the deadline. */
export async function cacheFileWritten(cacheHome: string, deadline: number): Promise<boolean> {
  const folder = indexCacheFolder(cacheHome);
  while (performance.now() < deadline) {
    if (existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.json'))) return true;
    await sleep(200);
  }
  return false;
}

/** One file of a folder as a snapshot sees it. */
export interface FileState {
  /** Relative to the folder. */
  file: string;
  size: number;
  mtimeMs: number;
  /** A file renamed over another keeps its own inode: the only sign of a rewrite within the clock's resolution. */
  ino: number;
}

/** Every file of a folder (at any depth) with its size, time and inode; empty when it does not exist. */
export function listFiles(dir: string): FileState[] {
  const files: FileState[] = [];
  const walk = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        try {
          const stat = statSync(full);
          files.push({ file: path.relative(dir, full), size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino });
        } catch {
          // gone meanwhile
        }
      }
    }
  };
  walk(dir);
  return files;
}

/** The files of `after` that are new or differ from `before` (size, time or inode): what was written in between. */
export function writtenSince(before: FileState[], after: FileState[]): FileState[] {
  const earlier = new Map(before.map((state) => [state.file, state]));
  return after.filter((state) => {
    const old = earlier.get(state.file);
    return !old || old.size !== state.size || old.mtimeMs !== state.mtimeMs || old.ino !== state.ino;
  });
}

/** A save in progress leaves a temporary file beside the cache, renamed over it when complete. */
export function saveInProgress(files: FileState[]): boolean {
  return files.some((state) => state.file.endsWith('.tmp'));
}

/**
 * Bytes written between two snapshots: a new file, or one renamed over the old (another inode), counts whole;
 * a file written in place counts what it grew by, or whole when it did not grow (rewritten).
 */
export function bytesWrittenSince(before: FileState[], after: FileState[]): number {
  const earlier = new Map(before.map((state) => [state.file, state]));
  let bytes = 0;
  for (const state of writtenSince(before, after)) {
    const old = earlier.get(state.file);
    const grownInPlace = old !== undefined && old.ino === state.ino && state.size > old.size;
    bytes += grownInPlace ? state.size - old.size : state.size;
  }
  return bytes;
}
