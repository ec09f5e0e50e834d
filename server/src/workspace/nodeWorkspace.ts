import { promises as fs, readFileSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import type { MarginaliaConfig } from '../config';
import type { Logger, NoteFile, NotesWorkspace } from './notesWorkspace';
import { FileStatter } from './statFiles';

/** Enough for any notes folder; a folder with more files than this is not a notes folder. */
const MAX_ATTACHMENTS = 200_000;

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

/** Notes on disk under the workspace folders, filtered by the include/exclude globs and .gitignore. */
export class NodeWorkspace implements NotesWorkspace {
  readonly folders: readonly string[];
  private readonly roots: string[];
  private readonly isIncluded: (relative: string) => boolean;
  private readonly isExcluded: (relative: string) => boolean;
  private seenAttachments: string[] = [];
  private statter = new FileStatter();

  constructor(
    folderPaths: readonly string[],
    private readonly config: MarginaliaConfig,
    private readonly logger: Logger,
  ) {
    this.roots = folderPaths.map((folder) => path.resolve(folder));
    this.folders = this.roots.map((root) => URI.file(root).toString());
    this.isIncluded = picomatch(config.include, { dot: true });
    this.isExcluded = picomatch(config.exclude, { dot: true });
  }

  async listNotes(): Promise<NoteFile[]> {
    const notes: NoteFile[] = [];
    const attachments: string[] = [];
    // Each full listing finds out again whether the disk is fast.
    this.statter = new FileStatter();
    for (const root of this.roots) await this.walk(root, root, [], new Set(), notes, attachments);
    this.seenAttachments = attachments;
    return notes;
  }

  attachments(): readonly string[] {
    return this.seenAttachments;
  }

  async ownRepositories(): Promise<string[]> {
    const remotes = await Promise.all(this.roots.map((root) => gitRemotesOf(root)));
    return [...new Set(remotes.flat())];
  }

  async listNotesUnder(folderUri: string): Promise<NoteFile[]> {
    const folder = URI.parse(folderUri).fsPath;
    const root = this.roots.find((candidate) => folder === candidate || folder.startsWith(candidate + path.sep));
    const stat = await fs.stat(folder).catch(() => undefined);
    if (!root || !stat?.isDirectory()) return [];
    const relative = toPosix(path.relative(root, folder));
    if (relative && (this.isExcluded(`${relative}/`) || this.isExcluded(relative))) return [];
    const scopes = await this.gitignoreScopesAbove(root, relative);
    if (relative && isIgnored(scopes, folder, true)) return [];
    const notes: NoteFile[] = [];
    await this.walk(root, folder, scopes, new Set(), notes, []);
    return notes;
  }

  /** The .gitignore rules of the root and of every folder between it and `relative` (exclusive): they apply inside it too. */
  private async gitignoreScopesAbove(root: string, relative: string): Promise<IgnoreScope[]> {
    if (!this.config.respectGitignore) return [];
    let scopes = await this.withGitignore(root, []);
    const parts = relative ? relative.split('/').slice(0, -1) : [];
    let directory = root;
    for (const part of parts) {
      directory = path.join(directory, part);
      scopes = await this.withGitignore(directory, scopes);
    }
    return scopes;
  }

  async readNote(uri: string): Promise<Uint8Array> {
    return fs.readFile(URI.parse(uri).fsPath);
  }

  readNoteBlocking(uri: string): Uint8Array | undefined {
    try {
      return readFileSync(URI.parse(uri).fsPath);
    } catch {
      return undefined;
    }
  }

  async statNote(uri: string): Promise<NoteFile | undefined> {
    const filePath = URI.parse(uri).fsPath;
    const stat = await fs.stat(filePath).catch(() => undefined);
    return stat?.isFile() ? noteFile(filePath, stat) : undefined;
  }

  isNote(uri: string): boolean {
    const filePath = URI.parse(uri).fsPath;
    const root = this.roots.find((candidate) => filePath === candidate || filePath.startsWith(candidate + path.sep));
    if (!root) return false;
    const relative = toPosix(path.relative(root, filePath));
    return this.isIncluded(relative) && !this.isExcluded(relative);
  }

  async exists(uri: string): Promise<boolean> {
    try {
      await fs.stat(URI.parse(uri).fsPath);
      return true;
    } catch {
      return false;
    }
  }

  private async walk(
    root: string,
    directory: string,
    scopes: IgnoreScope[],
    visited: Set<string>,
    notes: NoteFile[],
    attachments: string[],
  ): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(directory);
    } catch (error) {
      this.logger.warn(`skipped folder ${directory}: ${describe(error)}`);
      return;
    }
    // A symbolic link back up the tree would otherwise be walked forever.
    if (visited.has(real)) {
      this.logger.warn(`skipped ${directory}: a symbolic link loop leads back to ${real}`);
      return;
    }
    visited.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
      this.logger.warn(`skipped folder ${directory}: ${describe(error)}`);
      return;
    }
    const localScopes = this.config.respectGitignore ? await this.withGitignore(directory, scopes) : scopes;
    const noteFiles: string[] = [];
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      const relative = toPosix(path.relative(root, full));
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => undefined);
        if (!target) {
          this.logger.warn(`skipped ${full}: broken symbolic link`);
          continue;
        }
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDirectory) {
        if (this.isExcluded(`${relative}/`) || this.isExcluded(relative) || isIgnored(localScopes, full, true)) continue;
        await this.walk(root, full, localScopes, visited, notes, attachments);
      } else if (isFile && !this.isExcluded(relative) && !isIgnored(localScopes, full, false)) {
        if (!this.isIncluded(relative)) {
          if (attachments.length < MAX_ATTACHMENTS) attachments.push(URI.file(full).toString());
          continue;
        }
        noteFiles.push(full);
      }
    }
    const stats = await this.statter.statAll(noteFiles);
    noteFiles.forEach((full, index) => notes.push(noteFile(full, stats[index])));
  }

  private async withGitignore(directory: string, scopes: IgnoreScope[]): Promise<IgnoreScope[]> {
    const texts = await Promise.all(IGNORE_FILES.map((name) => fs.readFile(path.join(directory, name), 'utf8').catch(() => undefined)));
    const rules = texts.filter((text) => text !== undefined);
    return rules.length ? [...scopes, { base: directory, rules: ignore().add(rules.join('\n')) }] : scopes;
  }
}

/**
 * Files of ignore rules in a folder, read with .gitignore's syntax: the repository's own, the ones that
 * search tools share (`.ignore`), and the clone's private list (`.git/info/exclude`, found in the folder
 * that holds `.git`).
 */
const IGNORE_FILES = ['.gitignore', '.ignore', path.join('.git', 'info', 'exclude')];

function noteFile(full: string, stat: Stats | undefined): NoteFile {
  const uri = URI.file(full).toString();
  return stat ? { uri, size: stat.size, mtimeMs: stat.mtimeMs } : { uri };
}

function isIgnored(scopes: IgnoreScope[], full: string, isDirectory: boolean): boolean {
  return scopes.some((scope) => {
    const relative = toPosix(path.relative(scope.base, full));
    return relative !== '' && !relative.startsWith('..') && scope.rules.ignores(isDirectory ? `${relative}/` : relative);
  });
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no longer exists';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}

/** How far above a workspace folder its repository's `.git` may be: notes often live in a subfolder. */
const GIT_SEARCH_DEPTH = 4;

/**
 * The remote addresses, as written, in the `.git/config` of the repository holding a folder (the folder itself or one
 * of its parents); none when there is no repository or it cannot be read. Never throws.
 */
export async function gitRemotesOf(folder: string): Promise<string[]> {
  let directory = folder;
  for (let depth = 0; depth <= GIT_SEARCH_DEPTH; depth++) {
    const config = await readGitConfig(path.join(directory, '.git'));
    if (config !== undefined) return [...config.matchAll(/^\s*url\s*=\s*(\S+)\s*$/gm)].map((match) => match[1]);
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return [];
}

/** `.git` is a folder, or in a worktree or submodule a file naming the folder (`gitdir: …`). */
async function readGitConfig(dotGit: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(dotGit);
    if (stat.isDirectory()) return await fs.readFile(path.join(dotGit, 'config'), 'utf8');
    const pointer = /^gitdir:\s*(.+)$/m.exec(await fs.readFile(dotGit, 'utf8'))?.[1]?.trim();
    if (!pointer) return undefined;
    const gitDir = path.resolve(path.dirname(dotGit), pointer);
    const common = await fs
      .readFile(path.join(gitDir, 'commondir'), 'utf8')
      .then((text) => path.resolve(gitDir, text.trim()))
      .catch(() => gitDir);
    return await fs.readFile(path.join(common, 'config'), 'utf8');
  } catch {
    return undefined;
  }
}
