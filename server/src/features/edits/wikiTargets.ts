// Where a note writes its wiki links, and which note each leads to, as the wiki-link check resolves them:
// renames and file moves rewrite the parts of `[[note#heading|alias]]` that change, never the alias.

import type { NotesView } from '../../index/notesView';
import type { Range } from '../../parse/facts';
import { wikiLinkedFile, wikiLinkedNote, wikiLookup, wikiParts, type WikiLookup, type WikiParts } from '../links/wiki';
import { sourceAt, subRange, type NoteWithText } from './noteEdits';

/** A wiki link's target (before any `|alias`) as it stands in the note, and the note it leads to now. */
export interface WrittenWikiLink {
  range: Range;
  parts: WikiParts;
  /** The note the link leads to, or the file an embed names (`![[arch.png]]`); undefined when none or several answer it. */
  linked: string | undefined;
}

/** The note's wiki links, read from its text so that each part's place in it is known. */
export function writtenWikiLinks(index: NotesView, note: NoteWithText): WrittenWikiLink[] {
  const lookup = wikiLookup(index);
  return note.facts.links
    .filter((link) => link.kind === 'wiki')
    .map((link) => {
      const parts = wikiParts(sourceAt(note, link.targetRange));
      return { range: link.targetRange, parts, linked: linkedBy(index, lookup, note.uri, parts) };
    });
}

/**
 * The notes with a wiki link that `wanted` picks, found from the facts of the notes that have wiki links
 * (no text is read): in a vault of wiki links that can be every note, and only the few picked are loaded.
 */
export function notesWithWikiLinks(index: NotesView, wanted: (linked: string, parts: WikiParts) => boolean): string[] {
  const lookup = wikiLookup(index);
  return index.linkGraph.wikiLinkingNotes().filter((uri) =>
    (index.facts(uri)?.links ?? []).some((link) => {
      if (link.kind !== 'wiki') return false;
      const parts = wikiParts(link.target);
      const linked = linkedBy(index, lookup, uri, parts);
      return linked !== undefined && wanted(linked, parts);
    }),
  );
}

function linkedBy(index: NotesView, lookup: WikiLookup, noteUri: string, parts: WikiParts): string | undefined {
  return wikiLinkedNote(index, lookup, noteUri, parts) ?? wikiLinkedFile(lookup, parts);
}

/** The range of a part of a written wiki target. */
export function partRange(note: NoteWithText, link: WrittenWikiLink, part: { text: string; start: number }): Range {
  return subRange(note, link.range, part.start, part.text.length);
}
