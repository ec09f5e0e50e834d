// One rewrite of a cache file at a time across processes. A rewrite reads the file, writes a new one and then
// copies over what was appended to the old one meanwhile; a second rewrite at the same time would read the old
// file too and drop what was appended to the first one's. Appends need no lock (see fileWrites.ts).

import { promises as fs } from 'node:fs';

/** How long a rewrite waits for another window's to end; a 10,000-note vault is rewritten in a few seconds. */
const WAIT_MS = 15_000;
const POLL_MS = 50;
/** A lock older than this was left by a process that stopped while it held it. */
const STALE_MS = 60_000;

/** Runs `rewrite` holding the lock beside the cache file; undefined when another process held it throughout. */
export async function whileLocked<T>(location: string, rewrite: () => Promise<T>): Promise<T | undefined> {
  const lock = `${location}.lock`;
  if (!(await acquire(lock))) return undefined;
  try {
    return await rewrite();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

async function acquire(lock: string): Promise<boolean> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await (await fs.open(lock, 'wx')).close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lock)) await fs.rm(lock, { force: true });
    else if (Date.now() > deadline) return false;
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function isStale(lock: string): Promise<boolean> {
  const stat = await fs.stat(lock).catch(() => undefined);
  return stat !== undefined && Date.now() - stat.mtimeMs > STALE_MS;
}
