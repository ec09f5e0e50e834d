// Per-note scratch directories: by default a snippet runs outside the notes folder, so a build's
// obj_dir or a test's output files do not land among the user's notes.
//
// They must be private: under a shared /tmp another user could plant a symlink or a binary where
// a predictable directory will be. So the base is one per user (`marginalia-runs-<uid>`), created
// with mode 0700 and checked every time to be a real directory (no symlink), owned by the user
// and writable by no one else; the runner refuses a base that fails a check. Inside such a base
// only the user can create anything, which is what makes it safe to keep each note's directory
// under a predictable name (`<note>-<hash of its path>`) and so reuse the earlier build on a
// re-run; each note's directory is checked the same way.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFileName, type PlannedFile } from './runnable';

/** A problem the user can act on, with a message fit to show as it is. */
export class SnippetError extends Error {
  override name = 'SnippetError';
}

/** Where the CLI keeps scratch directories: `<tmp>/marginalia-runs-<uid>`, one base per user. */
export function defaultScratchBase(): string {
  return path.join(os.tmpdir(), `marginalia-runs-${userTag()}`);
}

function userTag(): string {
  const uid = process.getuid?.();
  if (uid !== undefined) return String(uid);
  return os.userInfo().username.replace(/[^A-Za-z0-9._-]+/g, '_') || 'user';
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

/** Creates (or checks) the private base and the note's directory in it; throws SnippetError. */
export function ensureScratchDirectory(baseDir: string, dir: string): void {
  ensurePrivateDirectory(baseDir);
  if (path.resolve(dir) !== path.resolve(baseDir)) ensurePrivateDirectory(dir);
}

/**
 * Creates `dir` with mode 0700 if needed (its missing parents as ordinary folders) and checks it
 * is the user's own: no symlink, owned by this user, writable by no one else. Throws SnippetError.
 */
export function ensurePrivateDirectory(dir: string): void {
  createPrivate(dir);
  const stat = fs.lstatSync(dir);
  if (stat.isSymbolicLink()) {
    throw new SnippetError(
      `run directory ${dir} is a symbolic link; not following it, as anyone could have planted it. Remove it and run again.`,
    );
  }
  if (!stat.isDirectory()) throw new SnippetError(`run directory ${dir} is a file, not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new SnippetError(
      `run directory ${dir} belongs to another user (uid ${stat.uid}); not using it. Remove it, or set TMPDIR to a folder of your own.`,
    );
  }
  if (uid !== undefined && (stat.mode & 0o022) !== 0) {
    throw new SnippetError(
      `run directory ${dir} can be written by other users; not using it. Remove it and run again (or \`chmod 700\` it if you know what is in it).`,
    );
  }
  try {
    // Readable by others is no danger to the run, but the build in it is the user's business.
    if (uid !== undefined && (stat.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (error) {
    throw new SnippetError(`run directory ${dir} is not writable: ${describeFsError(error)}`);
  }
}

function createPrivate(dir: string): void {
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
  } catch (error) {
    throw new SnippetError(`cannot create run directory ${dir}: ${describeFsError(error)}`);
  }
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new SnippetError(`cannot create run directory ${dir}: ${describeFsError(error)}`);
  }
}

/** A file block about to be written: where, and whether it creates, keeps or replaces a file. */
export interface PlannedWrite {
  name: string;
  target: string;
  /** Zero-based line of the file block. */
  line: number;
  /** `replaces`: something else stands there now (another text, a link, a folder). */
  state: 'new' | 'same' | 'replaces';
}

/** What writing `files` into `dir` would do to each of them; reads, never writes. */
export function plannedWrites(dir: string, files: readonly PlannedFile[]): PlannedWrite[] {
  return files.map((file) => {
    const target = path.resolve(dir, file.name);
    return { name: file.name, target, line: file.line, state: stateOf(target, file.content) };
  });
}

function stateOf(target: string, content: string): PlannedWrite['state'] {
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!stat) return 'new';
  if (!stat.isFile()) return 'replaces';
  try {
    return fs.readFileSync(target, 'utf8') === content ? 'same' : 'replaces';
  } catch {
    return 'replaces';
  }
}

/** Writes the file blocks into `dir`; returns the paths written. Throws SnippetError. */
export function writePlannedFiles(dir: string, files: readonly PlannedFile[]): string[] {
  const written: string[] = [];
  for (const file of files) {
    const target = resolveInside(dir, file.name);
    try {
      makeParents(dir, file.name);
      // A symlink left by an earlier run would redirect the write elsewhere; replace it instead.
      if (fs.lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(target);
      writeNoFollow(target, file.content);
    } catch (error) {
      if (error instanceof SnippetError) throw error;
      throw new SnippetError(`cannot write ${file.name} (block at line ${file.line + 1}) into ${dir}: ${describeFsError(error)}`);
    }
    written.push(target);
  }
  return written;
}

/**
 * Creates the folders of `sub/x` one by one, refusing any that is a symlink: a link planted at
 * `sub` would send the write anywhere.
 */
function makeParents(dir: string, name: string): void {
  const parts = name.split('/').slice(0, -1);
  let current = dir;
  for (const part of parts) {
    current = path.join(current, part);
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) {
      throw new SnippetError(
        `not writing ${name}: ${current} is a symbolic link, and a file block is written only inside the run's directory`,
      );
    }
    if (!stat) fs.mkdirSync(current);
  }
}

/** O_NOFOLLOW: should a link appear between the check and the write, the write fails instead of following it. */
function writeNoFollow(target: string, content: string): void {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NOFOLLOW ?? 0);
  const fd = fs.openSync(target, flags, 0o644);
  try {
    fs.writeFileSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
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
    case 'ELOOP':
      return 'a symbolic link stands where the file should go';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
