// `[[Name]]`, `[[note#heading]]`, `[[#heading]]`: wiki links resolve to a note (by file name or a
// trailing part of its path), a heading anywhere, or an entity's name or alias.

import * as path from 'node:path';
import { slug } from 'github-slugger';
import { URI } from 'vscode-uri';
import { normalizeName } from '../../entities/names';
import type { HeadingFact } from '../../parse/facts';
import type { NotesView } from '../../index/notesView';

export interface WikiLookup {
  /** Note URIs by file name and by each trailing part of their path, without extension. */
  notes: Map<string, string[]>;
  /** Normalised heading texts and slugs of every note. */
  headings: Set<string>;
  /** Normalised entity names and aliases. */
  entities: Set<string>;
}

const lookups = new WeakMap<NotesView, { generation: number; lookup: WikiLookup }>();

/** Built once per index change, on first use: most workspaces have no wiki links at all. */
export function wikiLookup(index: NotesView): WikiLookup {
  const generation = index.linkGraph.generation;
  const cached = lookups.get(index);
  if (cached?.generation === generation) return cached.lookup;
  const lookup: WikiLookup = { notes: new Map(), headings: new Set(), entities: new Set() };
  for (const uri of index.noteUris()) {
    for (const key of pathKeys(uri, index.linkGraph.folders)) {
      const list = lookup.notes.get(key) ?? [];
      list.push(uri);
      lookup.notes.set(key, list);
    }
    for (const heading of index.outline(uri)?.headings ?? []) for (const key of headingKeys(heading)) lookup.headings.add(key);
  }
  for (const entity of index.allEntities()) for (const name of [entity.name, ...entity.aliases]) lookup.entities.add(normalizeName(name));
  lookups.set(index, { generation, lookup });
  return lookup;
}

/** Why a wiki link resolves to nothing, or undefined when it resolves. */
export function unresolvedWikiReason(index: NotesView, lookup: WikiLookup, noteUri: string, target: string): string | undefined {
  const hash = target.indexOf('#');
  const notePart = (hash < 0 ? target : target.slice(0, hash)).trim();
  // `[[note#section#subsection]]` names the last heading; `#^block` ids are not tracked.
  const headingPart =
    hash < 0
      ? undefined
      : target
          .slice(hash + 1)
          .split('#')
          .pop()!
          .trim();
  if (headingPart?.startsWith('^')) return undefined;
  if (!notePart) {
    if (!headingPart) return undefined;
    return hasHeading(index.outline(noteUri)?.headings ?? [], headingPart) ? undefined : `no heading '${headingPart}' in this note`;
  }
  const notes = lookup.notes.get(noteKey(notePart)) ?? [];
  if (headingPart === undefined) {
    if (notes.length || lookup.entities.has(normalizeName(notePart)) || lookup.headings.has(normalizeName(notePart))) return undefined;
    return 'it matches no note, heading or entity';
  }
  if (!notes.length) return `no note named '${notePart}'`;
  return notes.some((uri) => hasHeading(index.outline(uri)?.headings ?? [], headingPart))
    ? undefined
    : `no heading '${headingPart}' in ${notePart}`;
}

function hasHeading(headings: readonly HeadingFact[], wanted: string): boolean {
  const keys = new Set([normalizeName(wanted), slug(wanted)]);
  return headings.some((heading) => headingKeys(heading).some((key) => keys.has(key)));
}

function headingKeys(heading: HeadingFact): string[] {
  return [normalizeName(heading.text), heading.slug];
}

function noteKey(name: string): string {
  return normalizeName(name.replace(/\.(md|markdown)$/i, ''));
}

/** `a/b/Note.md` under a folder gives `note`, `b/note` and `a/b/note`. */
function pathKeys(uri: string, folders: readonly string[]): string[] {
  const filePath = URI.parse(uri).path;
  const folder = folders.map((candidate) => URI.parse(candidate).path).find((candidate) => filePath.startsWith(`${candidate}/`));
  const relative = folder ? path.posix.relative(folder, filePath) : path.posix.basename(filePath);
  const segments = relative.replace(/\.(md|markdown)$/i, '').split('/');
  return segments.map((_, index) => normalizeName(segments.slice(index).join('/')));
}
