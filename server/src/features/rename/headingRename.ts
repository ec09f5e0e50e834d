// Renaming a heading: its text, and every `#fragment` that named it or another heading of the note whose
// slug the rename changes (duplicates are numbered in order, so renaming one can renumber the others),
// in the note itself and in the notes the link graph says link to it; and the wiki links naming it
// (see wikiHeadingRename.ts).

import { contains } from '../../index/positions';
import type { HeadingFact, Range } from '../../parse/facts';
import { headingTextOf, slugsOf } from '../../parse/links/headingSlugs';
import { canonicalUri, classifyTarget, resolveLocalTarget } from '../../parse/links/target';
import { spellFragmentLike } from '../edits/linkSpelling';
import {
  EditsByNote,
  notesWithText,
  subRange,
  writtenTargets,
  type NotesWithText,
  type NoteEdit,
  type NoteWithText,
  type Refusal,
  type TextEditLike,
} from '../edits/noteEdits';
import { headingNamedBy, headingTextRange } from './headings';
import { notesWithWikiLinksTo, wikiHeadingEdits } from './wikiHeadingRename';

export async function renameHeading(
  index: NotesWithText,
  noteUri: string,
  heading: number,
  newName: string,
): Promise<NoteEdit[] | Refusal> {
  const newText = headingTextOf(newName);
  if (newText === undefined) return { refused: 'A heading needs a name of one line, with some text in it' };
  const linking = [...index.linkGraph.notesLinkingTo(noteUri), ...notesWithWikiLinksTo(index, noteUri)];
  const [note, ...others] = await notesWithText(index, [noteUri, ...linking.filter((uri) => uri !== noteUri)]);
  if (note?.uri !== noteUri) return { refused: 'The note changed on disk since it was indexed; try again in a moment' };
  const headings = note.facts.headings;
  const textRange = headings[heading] && headingTextRange(note, headings[heading]);
  if (!textRange) return { refused: 'A heading written over several lines cannot be renamed; join its lines first' };
  const after = renamedHeadings(headings, heading, newText);
  const edits = new EditsByNote();
  edits.add(note, { range: textRange, newText: newName.trim() });
  for (const linkingNote of [note, ...others]) {
    for (const edit of linkEdits(index, linkingNote, noteUri, headings, after)) {
      if (linkingNote === note && contains(textRange, edit.range.start)) continue;
      edits.add(linkingNote, edit);
    }
  }
  return edits.notes;
}

/** The headings as the rename leaves them: one text changed, and the slugs that changes (duplicates are numbered in order). */
function renamedHeadings(headings: readonly HeadingFact[], renamed: number, newText: string): HeadingFact[] {
  const texts = headings.map((old, position) => (position === renamed ? newText : old.text));
  const slugs = slugsOf(texts);
  return headings.map((old, position) => ({ ...old, text: texts[position], slug: slugs[position] }));
}

/** The edits of one note's Markdown links and wiki links into `noteUri` that the rename changes. */
function linkEdits(
  index: NotesWithText,
  linking: NoteWithText,
  noteUri: string,
  before: readonly HeadingFact[],
  after: readonly HeadingFact[],
): TextEditLike[] {
  const newSlugs = after.map((heading) => heading.slug);
  return [
    ...fragmentEdits(linking, noteUri, before, newSlugs, index.linkGraph.folders),
    ...wikiHeadingEdits(index, linking, noteUri, before, after),
  ];
}

/** The edits of one note's links into `noteUri` whose fragment names a heading whose slug changes. */
function fragmentEdits(
  linking: NoteWithText,
  noteUri: string,
  headings: readonly HeadingFact[],
  newSlugs: readonly string[],
  folders: readonly string[],
): Array<{ range: Range; newText: string }> {
  const edits: Array<{ range: Range; newText: string }> = [];
  const renamedNote = canonicalUri(noteUri);
  const ownNote = canonicalUri(linking.uri) === renamedNote;
  for (const written of writtenTargets(linking)) {
    const target = classifyTarget(written.target);
    if (target.kind !== 'local' || target.fragment === undefined) continue;
    const points = target.path ? resolveLocalTarget(target, linking.uri, folders) === renamedNote : ownNote;
    const named = points ? headingNamedBy(headings, target.fragment) : undefined;
    if (named === undefined || headings[named].slug === newSlugs[named]) continue;
    const hash = written.source.indexOf('#');
    if (hash < 0) continue;
    const fragment = written.source.slice(hash + 1);
    edits.push({
      range: subRange(linking, written.range, hash + 1, fragment.length),
      newText: spellFragmentLike(fragment, newSlugs[named]),
    });
  }
  return edits;
}
