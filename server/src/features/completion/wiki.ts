// `[[` → notes by name (without extension), entities by name or alias; `[[note#` and `[[#` → that
// note's headings, written as their text, which is what wiki links resolve.

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
}

export function wikiCompletions(index: NotesView, request: WikiRequest): CompletionAnswer {
  const hash = request.typed.lastIndexOf('#');
  if (hash >= 0) return headingCompletions(index, request, hash);
  const range = typedRange(request.line, request.start, request.start + request.typed.length);
  const lookup = noteLookup(workspaceFiles(index));
  const notes = ranked(lookup.notes, request.typed, (note) => note.name.toLowerCase()).map((note): CompletionEntry => {
    const written = lookup.repeated.has(normalizeName(note.name)) ? note.path : note.name;
    return { label: written, kind: 'note', detail: note.path, newText: written, range, filterText: written };
  });
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
