// `[[` → notes by name (without extension), entities by name or alias; `![[` → images and other files by
// name (extension kept), then notes; `[[note#` and `[[#` → that note's headings, written as their text,
// which is what wiki links resolve.

import { normalizeName } from '../../entities/names';
import type { NotesView } from '../../index/notesView';
import { headingEntry } from './anchors';
import { NO_COMPLETIONS, typedRange, type CompletionAnswer, type CompletionEntry } from './entry';
import { entityDocumentation } from './entities';
import { entityNames, namesStartingWith } from './entityNames';
import { capped, ranked } from './filter';
import { workspaceFiles, type NoteName, type WorkspaceFiles } from './workspaceFiles';

export interface WikiRequest {
  uri: string;
  line: number;
  typed: string;
  start: number;
  /** `![[`: an embed, most often of an image. */
  embed: boolean;
}

export function wikiCompletions(index: NotesView, request: WikiRequest): CompletionAnswer {
  const hash = request.typed.lastIndexOf('#');
  if (hash >= 0) return headingCompletions(index, request, hash);
  const range = typedRange(request.line, request.start, request.start + request.typed.length);
  const files = workspaceFiles(index);
  const lookup = noteLookup(files);
  const notes = ranked(lookup.notes, request.typed, (note) => note.name.toLowerCase()).map((note): CompletionEntry => {
    const written = lookup.repeated.has(normalizeName(note.name)) ? note.path : note.name;
    return { label: written, kind: 'note', detail: note.path, newText: written, range, filterText: written };
  });
  if (request.embed) return capped([...embeddedFiles(files, request.typed, range), ...notes]);
  const entities = request.typed
    ? namesStartingWith(entityNames(index), request.typed).map(({ name, entity }): CompletionEntry => ({
        label: name,
        kind: 'entity',
        detail: entity.kind,
        documentation: entityDocumentation(entity),
        newText: name,
        range,
      }))
    : [];
  return capped([...notes, ...entities]);
}

/** Files by name, written with their path where several share the name; images come first. */
function embeddedFiles(files: WorkspaceFiles, typed: string, range: CompletionEntry['range']): CompletionEntry[] {
  const repeated = repeatedFileNames(files);
  return ranked(files.attachments, typed, (file) => file.name.toLowerCase()).map((file): CompletionEntry => {
    const written = repeated.has(normalizeName(file.name)) ? file.path : file.name;
    return { label: written, kind: 'file', detail: file.path, newText: written, range, filterText: written };
  });
}

const repeatedFiles = new WeakMap<WorkspaceFiles, Set<string>>();

/** Names several files share, once per rebuild of the files rather than at every keystroke. */
function repeatedFileNames(files: WorkspaceFiles): Set<string> {
  let repeated = repeatedFiles.get(files);
  if (repeated) return repeated;
  const seen = new Set<string>();
  repeated = new Set();
  for (const file of files.attachments) {
    const key = normalizeName(file.name);
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  repeatedFiles.set(files, repeated);
  return repeated;
}

function headingCompletions(index: NotesView, request: WikiRequest, hash: number): CompletionAnswer {
  const notePart = request.typed.slice(0, request.typed.indexOf('#')).trim();
  const note = notePart
    ? noteLookup(workspaceFiles(index)).byName.get(normalizeName(notePart.replace(/\.(md|markdown)$/i, '')))
    : request.uri;
  if (!note) return NO_COMPLETIONS;
  const typed = request.typed.slice(hash + 1);
  const range = typedRange(request.line, request.start + hash + 1, request.start + request.typed.length);
  const headings = ranked(index.outline(note)?.headings ?? [], typed, (heading) => heading.text.toLowerCase());
  return capped(
    headings.map((heading) => ({ ...headingEntry(heading, heading.text, range), label: heading.text, filterText: heading.text })),
  );
}

interface NoteLookup {
  notes: NoteName[];
  /** Names that several notes share: those are written with their path. */
  repeated: Set<string>;
  /** The first note by each name and by each path from its workspace folder, normalised. */
  byName: Map<string, string>;
}

const lookups = new WeakMap<WorkspaceFiles, NoteLookup>();

function noteLookup(files: WorkspaceFiles): NoteLookup {
  let lookup = lookups.get(files);
  if (lookup) return lookup;
  const seen = new Set<string>();
  lookup = { notes: files.notes, repeated: new Set(), byName: new Map() };
  for (const note of files.notes) {
    const key = normalizeName(note.name);
    if (seen.has(key)) lookup.repeated.add(key);
    seen.add(key);
    if (!lookup.byName.has(key)) lookup.byName.set(key, note.uri);
    lookup.byName.set(normalizeName(note.path), note.uri);
  }
  lookups.set(files, lookup);
  return lookup;
}
