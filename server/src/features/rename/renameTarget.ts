// What a rename at a position renames: a heading (on the heading, or on the `#fragment` of a link or of a
// `[[note#heading]]` wiki link to it) or a reference label (on `[text][label]`, `[label][]`, `[label]` or a
// `[label]: url` definition).
// Anything else is refused with the reason, which the editor shows.

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { contains } from '../../index/positions';
import type { NotesView } from '../../index/notesView';
import type { LinkFact, Position, Range, ReferenceDefinitionFact } from '../../parse/facts';
import { normalizeLabel } from '../../parse/links/references';
import { canonicalUri, classifyTarget, resolveLocalTarget, type LocalTarget } from '../../parse/links/target';
import { sourceAt, subRange, writtenTargets, type NoteWithText, type Refusal, type WrittenTarget } from '../edits/noteEdits';
import { partRange, writtenWikiLinks, type WrittenWikiLink } from '../edits/wikiTargets';
import { wikiHeadingIndex } from '../links/wiki';
import { headingNamedBy, headingTextRange } from './headings';

export type RenameTarget =
  | { kind: 'heading'; note: string; heading: number; range: Range; placeholder: string }
  | { kind: 'reference'; label: string; range: Range; placeholder: string };

export const NOTHING_TO_RENAME =
  'Only a heading, the #anchor of a link to a heading, and a reference label ([text][label], [label]: url) can be renamed';
const WIKI_NOTE_NOT_RENAMED =
  'This is the note a wiki link names: rename the file itself (in the explorer), and the wiki links to it follow when marginalia.links.updateOnFileMove allows';
const PATH_NOT_RENAMED =
  'This is the path of a link: rename or move the file itself (in the explorer), and the links to it follow when marginalia.links.updateOnFileMove allows';

export function renameTargetAt(index: NotesView, note: NoteWithText, position: Position): RenameTarget | Refusal {
  const headings = note.facts.headings;
  const onHeading = headings.findIndex((heading) => contains(heading.range, position));
  if (onHeading >= 0) return ownHeading(note, onHeading);
  const definition = note.facts.referenceDefinitions.find((candidate) => contains(candidate.range, position));
  const written = writtenTargets(note).find((candidate) => contains(candidate.range, position));
  if (written) return inTarget(index, note, written, position);
  if (definition) return definitionLabel(note, definition);
  const reference = note.facts.links.find((link) => link.kind === 'reference' && contains(link.range, position));
  if (reference) return referenceLabel(note, reference);
  const wiki = writtenWikiLinks(index, note).find((candidate) => contains(candidate.range, position));
  if (wiki) return inWikiTarget(index, note, wiki, position);
  return { refused: NOTHING_TO_RENAME };
}

/** On a wiki link: its `#heading` renames the heading it resolves to, as the wiki-link check resolves it. */
function inWikiTarget(index: NotesView, note: NoteWithText, link: WrittenWikiLink, position: Position): RenameTarget | Refusal {
  const heading = link.parts.heading;
  const headingRange = heading && partRange(note, link, heading);
  if (!heading || !headingRange || position.character < headingRange.start.character - 1) return { refused: WIKI_NOTE_NOT_RENAMED };
  if (!link.linked)
    return { refused: `[[${link.parts.note.text}]] leads to no single note, so #${heading.text} names no heading to rename` };
  const headings = index.outline(link.linked)?.headings ?? [];
  const named = wikiHeadingIndex(headings, heading.text);
  if (named === undefined) return { refused: `No heading answers #${heading.text}: there is nothing to rename` };
  return { kind: 'heading', note: link.linked, heading: named, range: headingRange, placeholder: headings[named].text };
}

function ownHeading(note: NoteWithText, heading: number): RenameTarget | Refusal {
  const range = headingTextRange(note, note.facts.headings[heading]);
  if (!range) return { refused: 'A heading written over several lines cannot be renamed; join its lines first' };
  const placeholder = sourceAt(note, range);
  if (!placeholder.trim()) return { refused: 'This heading has no text to rename' };
  return { kind: 'heading', note: note.uri, heading, range, placeholder };
}

/** On a link's target: its `#fragment` renames the heading it names; its path is the file's, not ours to rename. */
function inTarget(index: NotesView, note: NoteWithText, written: WrittenTarget, position: Position): RenameTarget | Refusal {
  const target = classifyTarget(written.target);
  if (target.kind !== 'local') return { refused: 'A web address cannot be renamed' };
  const hash = written.source.indexOf('#');
  if (hash < 0 || position.character < written.range.start.character + hash) return { refused: PATH_NOT_RENAMED };
  const targetNote = target.path ? noteLinkedTo(index, note.uri, target) : note.uri;
  if (!targetNote) return { refused: `${target.path} is not a note, so #${target.fragment} names no heading to rename` };
  const name = path.posix.basename(URI.parse(targetNote).path);
  const headings = index.outline(targetNote)?.headings ?? [];
  const heading = headingNamedBy(headings, target.fragment ?? '');
  if (heading === undefined) return { refused: `No heading of ${name} answers #${target.fragment}: there is nothing to rename` };
  const range = subRange(note, written.range, hash + 1, written.source.length - hash - 1);
  return { kind: 'heading', note: targetNote, heading, range, placeholder: headings[heading].text };
}

function noteLinkedTo(index: NotesView, noteUri: string, target: LocalTarget): string | undefined {
  const file = resolveLocalTarget(target, noteUri, index.linkGraph.folders);
  return file === undefined ? undefined : (index.linkGraph.noteAt(file) ?? (file === canonicalUri(noteUri) ? noteUri : undefined));
}

/** `[label]: url`: the label between the brackets, as written. */
function definitionLabel(note: NoteWithText, definition: ReferenceDefinitionFact): RenameTarget | Refusal {
  const source = sourceAt(note, definition.range);
  const close = labelEnd(source, 1);
  if (!source.startsWith('[') || close < 0) return { refused: NOTHING_TO_RENAME };
  const range = subRange(note, definition.range, 1, close - 1);
  return { kind: 'reference', label: normalizeLabel(definition.label), range, placeholder: source.slice(1, close) };
}

/** `[text][label]` renames the label; `[label][]` and `[label]`, whose text is their label, rename that. */
function referenceLabel(note: NoteWithText, link: LinkFact): RenameTarget | Refusal {
  const form = referenceForm(sourceAt(note, link.range));
  if (!form) return { refused: NOTHING_TO_RENAME };
  const range = subRange(note, link.range, form.labelStart, form.label.length);
  return { kind: 'reference', label: normalizeLabel(link.referenceLabel ?? form.label), range, placeholder: form.label };
}

/** How a reference use is written, and where its label (or the text standing for it) is, relative to its start. */
export interface ReferenceForm {
  form: 'full' | 'collapsed' | 'shortcut';
  label: string;
  labelStart: number;
}

export function referenceForm(source: string): ReferenceForm | undefined {
  const textStart = source.startsWith('!') ? 2 : 1;
  if (source.endsWith('[]')) return { form: 'collapsed', label: source.slice(textStart, -3), labelStart: textStart };
  const full = /\]\[((?:[^[\]\\]|\\.)+)\]$/.exec(source);
  if (full) return { form: 'full', label: full[1], labelStart: source.length - full[1].length - 1 };
  if (source.endsWith(']')) return { form: 'shortcut', label: source.slice(textStart, -1), labelStart: textStart };
  return undefined;
}

/** The offset of the `]` that ends a label starting at `from`, skipping escapes; -1 when there is none. */
function labelEnd(source: string, from: number): number {
  for (let index = from; index < source.length; index++) {
    if (source[index] === '\\') index++;
    else if (source[index] === ']') return index;
  }
  return -1;
}
