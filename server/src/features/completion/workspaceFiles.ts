// The workspace's files as folders of names, for completing link destinations and wiki links. Built
// from what the link graph knows exists (every note, and the other files the workspace walk saw), when a
// completion asks after the index changed and the files it knows did too: no request lists a folder on disk.

import { URI } from 'vscode-uri';
import type { NotesView } from '../../index/notesView';
import { safeDecode } from '../../parse/links/target';

export interface FileEntry {
  /** The file's name as it is on disk (decoded). */
  name: string;
  image: boolean;
  /** The index's URI of the note, when the file is a note. */
  note?: string;
}

export interface FolderEntries {
  /** Names of the folders inside, decoded. */
  folders: Set<string>;
  files: FileEntry[];
  /** Whether any image lies in it or below it. */
  hasImages: boolean;
}

export interface NoteName {
  /** The index's URI. */
  uri: string;
  /** The file name without its extension: what `[[name]]` says. */
  name: string;
  /** The path from the workspace folder, without extension: what `[[folder/name]]` says when names repeat. */
  path: string;
}

export interface WorkspaceFiles {
  /** The entries of a folder, by its canonical URI ending in `/`. */
  folder(uri: string): FolderEntries | undefined;
  /** Every note, in the order of their paths. */
  notes: NoteName[];
  /** Every other file (images first), named with its extension, as `![[arch.png]]` embeds it. */
  attachments: NoteName[];
}

const IMAGE = /\.(png|jpe?g|gif|svg|webp|bmp|ico|avif|tiff?)$/i;
const NOTE_EXTENSION = /\.(md|markdown)$/i;

interface Built {
  generation: number;
  /** The link graph's known files the folders were built from, in its order. */
  listed: readonly string[];
  files: WorkspaceFiles;
}

const built = new WeakMap<NotesView, Built>();

/**
 * The workspace's files as folders. Every edit changes the index, but seldom its files: the known files are
 * listed again (a few milliseconds for 10,000 notes) and the folders rebuilt (tens of them) only when the list
 * differs, so that typing in a note does not rebuild them at every keystroke.
 */
export function workspaceFiles(index: NotesView): WorkspaceFiles {
  const cached = built.get(index);
  if (cached?.generation === index.linkGraph.generation) return cached.files;
  const listed = index.linkGraph.existingFiles();
  // Listing settles the graph's pending notes, which counts as a change: the generation is read after it.
  const generation = index.linkGraph.generation;
  if (cached && sameList(cached.listed, listed)) {
    cached.generation = generation;
    return cached.files;
  }
  const files = buildFiles(index, listed);
  built.set(index, { generation, listed, files });
  return files;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

export function isImageName(name: string): boolean {
  return IMAGE.test(name);
}

function buildFiles(index: NotesView, listed: readonly string[]): WorkspaceFiles {
  const graph = index.linkGraph;
  const folders = new Map<string, FolderEntries>();
  const notes: NoteName[] = [];
  const attachments: NoteName[] = [];
  const roots = graph.folders.map((folder) => withSlash(URI.parse(folder).toString()));
  for (const uri of listed) {
    const slash = uri.lastIndexOf('/');
    if (slash < 0) continue;
    const name = safeDecode(uri.slice(slash + 1));
    if (!name) continue;
    const image = isImageName(name);
    const note = graph.noteAt(uri);
    const folder = folderAt(folders, uri.slice(0, slash + 1));
    folder.files.push(note ? { name, image, note } : { name, image });
    if (image) markImages(folders, uri.slice(0, slash + 1));
    if (note) notes.push(noteName(note, uri, name, roots));
    else attachments.push(fileName(uri, name, roots));
  }
  // A linked folder is known to exist as a file would be; it is listed once, as a folder.
  for (const entries of folders.values()) entries.files = entries.files.filter((file) => !entries.folders.has(file.name));
  notes.sort(byPath);
  // A linked folder is in the list as a file would be: only what has a folder of its own entries is left out.
  const files = attachments.filter((file) => !folders.has(withSlash(file.uri))).sort(byPath);
  return { folder: (uri) => folders.get(uri), notes, attachments: [...files.filter(isImage), ...files.filter((file) => !isImage(file))] };
}

function byPath(a: NoteName, b: NoteName): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function isImage(file: NoteName): boolean {
  return isImageName(file.name);
}

/** The entries of a folder, created with its parents (each naming it) when first met. */
function folderAt(folders: Map<string, FolderEntries>, key: string): FolderEntries {
  const existing = folders.get(key);
  if (existing) return existing;
  const created: FolderEntries = { folders: new Set(), files: [], hasImages: false };
  folders.set(key, created);
  const parent = parentOf(key);
  if (parent) folderAt(folders, parent).folders.add(safeDecode(key.slice(parent.length, -1)));
  return created;
}

function markImages(folders: Map<string, FolderEntries>, key: string | undefined): void {
  for (let current = key && folders.get(key); current && !current.hasImages; current = key && folders.get(key)) {
    current.hasImages = true;
    key = parentOf(key!);
  }
}

/** `file:///a/b/` → `file:///a/`; none above `file:///` (or `scheme://authority/`). */
function parentOf(key: string): string | undefined {
  const pathStart = key.indexOf('/', key.indexOf('://') + 3);
  if (pathStart < 0 || key.length - 1 <= pathStart) return undefined;
  return key.slice(0, key.lastIndexOf('/', key.length - 2) + 1);
}

function noteName(uri: string, canonical: string, fileName: string, roots: readonly string[]): NoteName {
  const root = roots.find((candidate) => canonical.startsWith(candidate));
  const relative = root ? safeDecode(canonical.slice(root.length)) : fileName;
  return { uri, name: fileName.replace(NOTE_EXTENSION, ''), path: relative.replace(NOTE_EXTENSION, '') };
}

/** A file other than a note, named as an embed names it: extension kept. */
function fileName(canonical: string, name: string, roots: readonly string[]): NoteName {
  const root = roots.find((candidate) => canonical.startsWith(candidate));
  return { uri: canonical, name, path: root ? safeDecode(canonical.slice(root.length)) : name };
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
