// Where results of web-link checks are kept when the editor names no storage folder: the user's own
// cache directory ($XDG_CACHE_HOME, else ~/.cache), never a shared folder such as /tmp, where another
// user could plant results (a live link reported dead, with a message of their choosing) or a link
// that sends our writes elsewhere. When that directory cannot be trusted, results stay in memory.

import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../../workspace/notesWorkspace';

/** `<cache>/marginalia`, created 0700, or undefined (memory only) when it is not a folder of this user's alone. */
export function userCacheDirectory(logger?: Logger): string | undefined {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  // The XDG spec says to ignore a relative value; a relative path would land wherever the server was started.
  if (!path.isAbsolute(base)) {
    logger?.warn(`web link results are kept in memory only: the cache folder ${base} is not an absolute path`);
    return undefined;
  }
  const dir = path.join(base, 'marginalia');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const problem = privateDirectoryProblem(dir);
    if (!problem) return dir;
    logger?.warn(`web link results are kept in memory only: ${problem}`);
  } catch (error) {
    logger?.warn(
      `web link results are kept in memory only: cannot create ${dir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return undefined;
}

/**
 * Why another user could change what is in `dir` (a symbolic link, a folder not ours), or undefined once
 * it is a folder of ours that only we may enter (an older one made with looser permissions is tightened).
 */
export function privateDirectoryProblem(dir: string): string | undefined {
  const stats = lstatSync(dir);
  if (stats.isSymbolicLink()) return `${dir} is a symbolic link`;
  if (!stats.isDirectory()) return `${dir} is not a folder`;
  // Windows has no owners or mode bits in this sense; a user's profile folder is theirs.
  if (process.platform === 'win32') return undefined;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `${dir} belongs to another user`;
  if ((stats.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return undefined;
}
