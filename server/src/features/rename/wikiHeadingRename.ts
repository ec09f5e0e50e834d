// Renaming a heading, for wiki links: `[[note#Heading]]`, `[[note#Heading|alias]]` and `[[#Heading]]`
// that name it take its new text, found with the wiki-link check's own resolution (the note by name, the
// first heading whose text or slug matches). A link that named a heading by its slug (`#cuda-setup`)
// takes the new slug, so that one renumbered by the rename stays on its heading too.

import { normalizeName } from '../../entities/names';
import type { NotesView } from '../../index/notesView';
import type { HeadingFact } from '../../parse/facts';
import { canonicalUri } from '../../parse/links/target';
import type { NoteWithText, TextEditLike } from '../edits/noteEdits';
import { notesWithWikiLinks, partRange, writtenWikiLinks } from '../edits/wikiTargets';
import { wikiHeadingIndex } from '../links/wiki';

/** What a wiki link cannot hold in its heading part: `#` would start another, the rest end the link. */
const NOT_IN_WIKI_HEADING = /[#|[\]\r\n]/;

/** The notes with a wiki link to a heading of `noteUri` (the note itself included when it has one). */
export function notesWithWikiLinksTo(index: NotesView, noteUri: string): string[] {
  const renamed = canonicalUri(noteUri);
  return notesWithWikiLinks(index, (linked, parts) => parts.heading !== undefined && canonicalUri(linked) === renamed);
}

/** The edits of one note's wiki links to headings of `noteUri` whose text or slug the rename changes. */
export function wikiHeadingEdits(
  index: NotesView,
  linking: NoteWithText,
  noteUri: string,
  before: readonly HeadingFact[],
  after: readonly HeadingFact[],
): TextEditLike[] {
  const renamed = canonicalUri(noteUri);
  const edits: TextEditLike[] = [];
  for (const link of writtenWikiLinks(index, linking)) {
    const heading = link.parts.heading;
    if (!heading || heading.text.startsWith('^') || !link.linked || canonicalUri(link.linked) !== renamed) continue;
    const named = wikiHeadingIndex(before, heading.text);
    if (named === undefined) continue;
    const spelled = spellWikiHeading(heading.text, named, before, after);
    if (spelled !== heading.text) edits.push({ range: partRange(linking, link, heading), newText: spelled });
  }
  return edits;
}

/**
 * How a wiki link naming heading `named` is written after the rename: as it was while that still names it,
 * else the way it was written (by text or by slug) with the new text or slug; the slug where the text
 * cannot stand in a wiki link or would name another heading (a duplicate standing before it).
 */
function spellWikiHeading(written: string, named: number, before: readonly HeadingFact[], after: readonly HeadingFact[]): string {
  const wanted = normalizeName(written);
  const bySlug = wanted === before[named].slug && wanted !== normalizeName(before[named].text);
  const changed = bySlug ? before[named].slug !== after[named].slug : before[named].text !== after[named].text;
  if (!changed && wikiHeadingIndex(after, written) === named) return written;
  const spelled = bySlug ? after[named].slug : after[named].text;
  if (NOT_IN_WIKI_HEADING.test(spelled) || wikiHeadingIndex(after, spelled) !== named) return after[named].slug;
  return spelled;
}
