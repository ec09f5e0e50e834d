// What the benchmark learns of the server's index cache by looking at its folder: how many files and bytes,
// and whether a cache file has been written.

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
  let files = 0;
  let bytes = 0;
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
        files++;
        try {
          bytes += statSync(full).size;
        } catch {
          // gone meanwhile
        }
      }
    }
  };
  walk(dir);
  return { files, bytes };
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
