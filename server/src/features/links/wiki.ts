// `[[Name]]`, `[[note#heading]]`, `[[#heading]]`: wiki links resolve to a note (by file name or a
// trailing part of its path), a heading anywhere, or an entity's name or alias.

import { slug } from 'github-slugger';
import { normalizeName } from '../../entities/names';
import type { HeadingFact } from '../../parse/facts';
import type { NotesView } from '../../index/notesView';
import { hasNoteExtension, notesByWikiName, wikiNameKey } from './wikiNames';

export interface WikiLookup {
  /** Note URIs by file name and by each trailing part of their path, without extension. */
  notes: Map<string, string[]>;
  /** Other files (images, PDFs) by file name and each trailing part of their path, extension kept: `![[arch.png]]`. */
  files: Map<string, string[]>;
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
  const uris = index.noteUris();
  const { folders } = index.linkGraph;
  const files = index.linkGraph.existingOtherFiles();
  const lookup: WikiLookup = {
    notes: notesByWikiName(uris, folders),
    files: notesByWikiName(files, folders),
    headings: new Set(),
    entities: new Set(),
  };
  for (const uri of uris) {
    for (const heading of index.outline(uri)?.headings ?? []) for (const key of headingKeys(heading)) lookup.headings.add(key);
  }
  for (const entity of index.allEntities()) for (const name of [entity.name, ...entity.aliases]) lookup.entities.add(normalizeName(name));
  lookups.set(index, { generation, lookup });
  return lookup;
}

/** A part of a wiki target, trimmed, and where it starts in the target as written. */
export interface WikiSpan {
  text: string;
  start: number;
}

/** `note#section#heading`: the note part (empty for `[[#heading]]`) and the heading named, the last one. */
export interface WikiParts {
  note: WikiSpan;
  heading?: WikiSpan;
}

/** Splits a wiki target (what stands before any `|alias`) as the resolver reads it; offsets count from `written`. */
export function wikiParts(written: string): WikiParts {
  const hash = written.indexOf('#');
  const note = trimmedSpan(written, 0, hash < 0 ? written.length : hash);
  // `[[note#section#subsection]]` names the last heading.
  return hash < 0 ? { note } : { note, heading: trimmedSpan(written, written.lastIndexOf('#') + 1, written.length) };
}

function trimmedSpan(text: string, from: number, to: number): WikiSpan {
  const raw = text.slice(from, to);
  return { text: raw.trim(), start: from + raw.length - raw.trimStart().length };
}

/** Why a wiki link resolves to nothing, or undefined when it resolves. */
export function unresolvedWikiReason(index: NotesView, lookup: WikiLookup, noteUri: string, target: string): string | undefined {
  const parts = wikiParts(target);
  const notePart = parts.note.text;
  const headingPart = parts.heading?.text;
  // `#^block` ids are not tracked.
  if (headingPart?.startsWith('^')) return undefined;
  if (!notePart) {
    if (!headingPart) return undefined;
    return hasHeading(index.outline(noteUri)?.headings ?? [], headingPart) ? undefined : `no heading '${headingPart}' in this note`;
  }
  const notes = notesNamed(lookup, notePart);
  // `Node.js` may be an entity's name or a note's; only what names nothing else is looked for as a file.
  if (!notes.length && namesAttachment(notePart) && lookup.files.has(wikiNameKey(notePart))) return undefined;
  if (headingPart === undefined) {
    if (notes.length || lookup.entities.has(normalizeName(notePart)) || lookup.headings.has(normalizeName(notePart))) return undefined;
    return namesAttachment(notePart) ? 'it matches no file, note, heading or entity' : 'it matches no note, heading or entity';
  }
  if (!notes.length) return `no note named '${notePart}'`;
  return notes.some((uri) => hasHeading(index.outline(uri)?.headings ?? [], headingPart))
    ? undefined
    : `no heading '${headingPart}' in ${notePart}`;
}

/**
 * The one note a wiki link leads to: the note it stands in for `[[#heading]]`, else the note its name or
 * path names, or of several so named the one with its heading. Undefined when none or several do.
 */
export function wikiLinkedNote(index: NotesView, lookup: WikiLookup, noteUri: string, parts: WikiParts): string | undefined {
  if (!parts.note.text) return parts.heading ? noteUri : undefined;
  let notes = notesNamed(lookup, parts.note.text);
  const heading = parts.heading?.text;
  if (notes.length > 1 && heading) notes = notes.filter((uri) => hasHeading(index.outline(uri)?.headings ?? [], heading));
  return notes.length === 1 ? notes[0] : undefined;
}

/** The one file other than a note that `![[arch.png]]` names; undefined when none or several do. */
export function wikiLinkedFile(lookup: WikiLookup, parts: WikiParts): string | undefined {
  if (!namesAttachment(parts.note.text)) return undefined;
  const files = lookup.files.get(wikiNameKey(parts.note.text)) ?? [];
  return files.length === 1 ? files[0] : undefined;
}

/** `arch.png`, `papers/attention.pdf`: a name with an extension other than a note's names a file, not a note. */
function namesAttachment(notePart: string): boolean {
  return /\.[a-z0-9]{1,8}$/i.test(notePart) && !hasNoteExtension(notePart);
}

/** The notes a wiki link's note part names: by file name or a trailing part of the path, extension optional. */
export function notesNamed(lookup: Pick<WikiLookup, 'notes'>, notePart: string): readonly string[] {
  return lookup.notes.get(wikiNameKey(notePart)) ?? [];
}

/** The first heading `#wanted` names: by its text (case and spacing aside) or by its slug, either way round. */
export function wikiHeadingIndex(headings: readonly HeadingFact[], wanted: string): number | undefined {
  const keys = new Set([normalizeName(wanted), slug(wanted)]);
  const found = headings.findIndex((heading) => headingKeys(heading).some((key) => keys.has(key)));
  return found < 0 ? undefined : found;
}

function hasHeading(headings: readonly HeadingFact[], wanted: string): boolean {
  return wikiHeadingIndex(headings, wanted) !== undefined;
}

function headingKeys(heading: HeadingFact): string[] {
  return [normalizeName(heading.text), heading.slug];
}
