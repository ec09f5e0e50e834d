// Per-note scratch directories: by default a snippet runs outside the notes folder, so a build's
// obj_dir or a test's output files do not land among the user's notes. The directory is keyed by
// the note's path, so re-running a note reuses its earlier build.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFileName, type PlannedFile } from './runnable';

/** A problem the user can act on, with a message fit to show as it is. */
export class SnippetError extends Error {
  override name = 'SnippetError';
}

/** Where the CLI keeps scratch directories: `<tmp>/marginalia-runs`. */
export function defaultScratchBase(): string {
  return path.join(os.tmpdir(), 'marginalia-runs');
}

/**
 * The scratch directory of one note: `<base>/<note name>-<hash of its absolute path>`. The name
 * makes it findable by a person; the hash keeps two `notes.md` in different folders apart.
 */
export function scratchDirFor(baseDir: string, notePath: string): string {
  const absolute = path.resolve(notePath);
  const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
  const stem = path
    .basename(absolute)
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 40);
  return path.join(baseDir, stem === '' ? hash : `${stem}-${hash}`);
}

/** Creates `dir` (and its parents) if needed and checks it can be written; throws SnippetError. */
export function ensureWritableDirectory(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new SnippetError(`cannot create run directory ${dir}: ${describeFsError(error)}`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new SnippetError(`run directory ${dir} is a file, not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (error) {
    throw new SnippetError(`run directory ${dir} is not writable: ${describeFsError(error)}`);
  }
}

/** Writes the file blocks into `dir`; returns the paths written. Throws SnippetError. */
export function writePlannedFiles(dir: string, files: readonly PlannedFile[]): string[] {
  const written: string[] = [];
  for (const file of files) {
    const target = resolveInside(dir, file.name);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // A symlink left by an earlier run would redirect the write elsewhere; replace it instead.
      if (fs.lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(target);
      fs.writeFileSync(target, file.content);
    } catch (error) {
      throw new SnippetError(`cannot write ${file.name} (block at line ${file.line + 1}) into ${dir}: ${describeFsError(error)}`);
    }
    written.push(target);
  }
  return written;
}

/** Re-checks a name at the point of writing: the plan may come from anywhere. */
function resolveInside(dir: string, name: string): string {
  const checked = checkFileName(name);
  if ('error' in checked) throw new SnippetError(checked.error);
  const target = path.resolve(dir, checked.name);
  const relative = path.relative(path.resolve(dir), target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new SnippetError(`file name ${JSON.stringify(name)} escapes the run's directory`);
  }
  return target;
}

/** A file-system error as words, without a stack or a bare errno name. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EISDIR':
      return 'a directory stands where the file should go';
    case 'ENOENT':
      return 'a part of the path does not exist';
    case 'EEXIST':
      return 'a file stands where a directory should go';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
