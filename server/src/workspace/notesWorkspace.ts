// The index reads notes only through this interface, so it runs the same on disk, in tests on an
// in-memory workspace, and behind any editor.

export interface NoteFile {
  uri: string;
  /** Size in bytes, when known without reading. */
  size?: number;
  /** Last modification time, when known without reading: with the size, it tells whether cached facts still hold. */
  mtimeMs?: number;
}

export interface NotesWorkspace {
  /** The workspace folders, as file URIs. */
  readonly folders: readonly string[];
  /** Every note the configuration includes; problems (unreadable folders, link loops) go to the logger. */
  listNotes(): Promise<NoteFile[]>;
  /** The notes inside a folder (none when the URI is not a folder): for a folder created or moved in. */
  listNotesUnder(folderUri: string): Promise<NoteFile[]>;
  readNote(uri: string): Promise<Uint8Array>;
  /**
   * Reads a note at once, blocking; undefined when it cannot be read. For searching thousands of small notes
   * in a hurry, where a promise per file costs more than the read itself.
   */
  readNoteBlocking(uri: string): Uint8Array | undefined;
  /** Size and modification time of a note, without reading it; undefined when it does not exist. */
  statNote(uri: string): Promise<NoteFile | undefined>;
  /** Whether a URI is a note this workspace would index (for file events). */
  isNote(uri: string): boolean;
  /** Whether a file or folder exists (for link checks). */
  exists(uri: string): Promise<boolean>;
  /** The files other than notes that the last `listNotes` walk saw (images, PDFs…), for suggesting link fixes. */
  attachments(): readonly string[];
  /**
   * The addresses of the repositories the workspace folders are checked out from (their git remotes):
   * a link into the notes' own repository describes no project.
   */
  ownRepositories(): Promise<string[]>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
