// `](sub/fi` → the files and folders of `sub/`, relative to the note (folders first; images only, and the
// folders holding some, after `![](`). A destination with a `#` completes anchors instead (`anchors.ts`).

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { NotesView } from '../../index/notesView';
import { safeDecode } from '../../parse/links/target';
import { typedRange, type CompletionAnswer, type CompletionEntry } from './entry';
import { capped, ranked } from './filter';
import { spell, type PathSpelling } from './spelling';
import { workspaceFiles, type FileEntry } from './workspaceFiles';

export interface DestinationRequest {
  uri: string;
  line: number;
  /** The destination typed so far (inside `<…>`, without the `<`), starting at column `start`. */
  written: string;
  start: number;
  image: boolean;
  angle: boolean;
  spelling: PathSpelling;
}

type Listed = { name: string; folder: true } | (FileEntry & { folder?: false });

export function pathCompletions(index: NotesView, request: DestinationRequest): CompletionAnswer {
  const { written, start, line } = request;
  if (/^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith('//')) return { items: [], isIncomplete: false };
  const slash = written.lastIndexOf('/');
  const folderPart = written.slice(0, slash + 1);
  const typed = safeDecode(written.slice(slash + 1));
  const folderUri = folderOf(index, request.uri, safeDecode(folderPart));
  const entries = folderUri ? workspaceFiles(index).folder(folderUri) : undefined;
  if (!entries) return { items: [], isIncomplete: false };
  const listed: Listed[] = [];
  const shown = (name: string) => !name.startsWith('.') || typed.startsWith('.');
  for (const name of sortedNames(entries.folders))
    if (shown(name) && (!request.image || hasImagesIn(index, folderUri!, name))) listed.push({ name, folder: true });
  for (const file of sortedFiles(entries.files)) if (shown(file.name) && (!request.image || file.image)) listed.push(file);
  const range = typedRange(line, start + slash + 1, start + written.length);
  const result = capped(ranked(listed, typed, (entry) => entry.name.toLowerCase()));
  return { items: result.items.map((entry) => toEntry(entry, request, range)), isIncomplete: result.isIncomplete };
}

function toEntry(entry: Listed, request: DestinationRequest, range: CompletionEntry['range']): CompletionEntry {
  const written = spell(entry.name, request.spelling, request.angle);
  if (entry.folder)
    return { label: `${entry.name}/`, kind: 'folder', newText: `${written}/`, range, filterText: entry.name, sortText: `0${entry.name}` };
  return { label: entry.name, kind: entry.note ? 'note' : 'file', newText: written, range, sortText: `1${entry.name}` };
}

/** The canonical URI (ending in `/`) of the folder a typed folder part names, from the note's folder or, for `/…`, its workspace folder. */
function folderOf(index: NotesView, noteUri: string, folderPart: string): string | undefined {
  const note = URI.parse(noteUri);
  let base = path.posix.dirname(note.path);
  if (folderPart.startsWith('/')) {
    const root = index.linkGraph.folders.map((folder) => URI.parse(folder).path).find((folder) => note.path.startsWith(`${folder}/`));
    if (!root) return undefined;
    base = root;
  }
  const joined = path.posix.join(base, folderPart.startsWith('/') ? folderPart.slice(1) : folderPart);
  const folderUri = note.with({ path: joined, query: '', fragment: '' }).toString();
  return folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
}

function hasImagesIn(index: NotesView, folderUri: string, name: string): boolean {
  const child = URI.parse(folderUri);
  const key = child.with({ path: path.posix.join(child.path, name) }).toString();
  return workspaceFiles(index).folder(`${key}/`)?.hasImages ?? false;
}

/** Sorted once per built list: a folder's files are in the order the walk met them. */
const sortedFileLists = new WeakMap<FileEntry[], FileEntry[]>();

function sortedFiles(files: FileEntry[]): FileEntry[] {
  let sorted = sortedFileLists.get(files);
  if (!sorted) sortedFileLists.set(files, (sorted = [...files].sort((a, b) => byName(a.name, b.name))));
  return sorted;
}

function sortedNames(names: ReadonlySet<string>): string[] {
  return [...names].sort(byName);
}

function byName(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}
