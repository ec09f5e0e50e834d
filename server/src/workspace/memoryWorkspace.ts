import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { DEFAULT_CONFIG } from '../config';
import type { NoteFile, NotesWorkspace } from './notesWorkspace';

/** Notes held in memory, keyed by URI: the workspace of unit tests. */
export class MemoryWorkspace implements NotesWorkspace {
  private readonly files = new Map<string, Uint8Array>();
  /** A write counter stands in for modification times: every write makes a note newer. */
  private readonly modified = new Map<string, number>();
  private clock = 0;
  private readonly isIncluded = picomatch(DEFAULT_CONFIG.include, { dot: true });

  constructor(
    files: Record<string, string | Uint8Array> = {},
    readonly folders: readonly string[] = ['file:///notes'],
    private readonly remotes: readonly string[] = [],
  ) {
    for (const [uri, content] of Object.entries(files)) this.write(uri, content);
  }

  write(uri: string, content: string | Uint8Array): void {
    this.files.set(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.modified.set(uri, ++this.clock);
  }

  /** Changes a note's modification time only, as `touch` or a checkout of the same content does. */
  touch(uri: string): void {
    this.modified.set(uri, ++this.clock);
  }

  delete(uri: string): void {
    this.files.delete(uri);
    this.modified.delete(uri);
  }

  async ownRepositories(): Promise<string[]> {
    return [...this.remotes];
  }

  async listNotes(): Promise<NoteFile[]> {
    return [...this.files.entries()]
      .filter(([uri]) => this.isNote(uri))
      .map(([uri, bytes]) => ({ uri, size: bytes.length, mtimeMs: this.modified.get(uri) }));
  }

  async listNotesUnder(folderUri: string): Promise<NoteFile[]> {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    return (await this.listNotes()).filter((note) => note.uri.startsWith(prefix));
  }

  async readNote(uri: string): Promise<Uint8Array> {
    const bytes = this.files.get(uri);
    if (!bytes) throw new Error(`no such note: ${uri}`);
    return bytes;
  }

  readNoteBlocking(uri: string): Uint8Array | undefined {
    return this.files.get(uri);
  }

  async statNote(uri: string): Promise<NoteFile | undefined> {
    const bytes = this.files.get(uri);
    return bytes ? { uri, size: bytes.length, mtimeMs: this.modified.get(uri) } : undefined;
  }

  isNote(uri: string): boolean {
    return this.isIncluded(decodeURIComponent(uri.replace(/^file:\/\//, '')));
  }

  attachments(): readonly string[] {
    return [...this.files.keys()].filter((uri) => !this.isNote(uri));
  }

  async exists(uri: string): Promise<boolean> {
    // Compared in one spelling, so `file:///notes/图.png` and `file:///notes/%E5%9B%BE.png` are the same file.
    const wanted = URI.parse(uri).toString();
    const prefix = wanted.endsWith('/') ? wanted : `${wanted}/`;
    return [...this.files.keys()].some((key) => {
      const file = URI.parse(key).toString();
      return file === wanted || file.startsWith(prefix);
    });
  }
}
