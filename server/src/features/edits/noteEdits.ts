// What renames and file moves share: the edits they make to notes, the texts those edits are made in,
// and where a note writes its link targets.

import type { LinkGraph } from '../../index/linkGraph';
import type { NotesView } from '../../index/notesView';
import type { NoteFacts, Range } from '../../parse/facts';
import type { LineMap } from '../../parse/lineMap';

export interface TextEditLike {
  range: Range;
  newText: string;
}

/** The edits of one note, with the text they were worked out in: an editor holding other text must refuse them. */
export interface NoteEdit {
  uri: string;
  text: string;
  edits: TextEditLike[];
}

/** Why a position cannot be renamed, or a rename cannot be done, in words for the user. */
export interface Refusal {
  refused: string;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && typeof (value as Refusal).refused === 'string';
}

/**
 * The index, able to read the text of a closed note back from disk (the index keeps only open notes' texts),
 * and to say which notes link to a file.
 */
export interface NotesWithText extends NotesView {
  readonly linkGraph: NotesView['linkGraph'] & Pick<LinkGraph, 'notesLinkingTo'>;
  loadText(uri: string): Promise<boolean>;
}

/** A note's facts with the text and line map they were read from. */
export interface NoteWithText {
  uri: string;
  facts: NoteFacts;
  text: string;
  lines: LineMap;
}

/**
 * Reads the notes' texts (a few, the ones a link graph lookup named: never the whole workspace); a note
 * whose text changed on disk since it was indexed is left out.
 */
export async function notesWithText(index: NotesWithText, uris: Iterable<string>): Promise<NoteWithText[]> {
  const unique = [...new Set(uris)];
  const loaded = await Promise.all(unique.map((uri) => index.loadText(uri).catch(() => false)));
  const notes: NoteWithText[] = [];
  unique.forEach((uri, position) => {
    const note = loaded[position] ? noteWithText(index, uri) : undefined;
    if (note) notes.push(note);
  });
  return notes;
}

/** A note whose text the index holds now (an open note's, or one just loaded). */
export function noteWithText(index: NotesView, uri: string): NoteWithText | undefined {
  const facts = index.facts(uri);
  const text = index.text(uri);
  const lines = index.lineMap(uri);
  return facts && text !== undefined && lines ? { uri, facts, text, lines } : undefined;
}

/** A link target as it stands in the note: where, what is written there, and whether it sits in `<…>`. */
export interface WrittenTarget {
  range: Range;
  source: string;
  angle: boolean;
  /** The target as the parser read it (escapes and entities undone): what it resolves from. */
  target: string;
  kind: 'inline' | 'html' | 'definition';
  isImage: boolean;
}

/** The targets a note writes out (inline links, HTML `href`/`src`, reference definitions); reference uses borrow their definition's. */
export function writtenTargets(note: NoteWithText): WrittenTarget[] {
  const found: WrittenTarget[] = [];
  for (const link of note.facts.links) {
    if (link.kind !== 'inline' && link.kind !== 'html') continue;
    // An inline link whose destination could not be located has its whole range as target range: nothing to edit.
    if (link.kind === 'inline' && sameRange(link.range, link.targetRange)) continue;
    found.push({ ...located(note, link.targetRange), target: link.target, kind: link.kind, isImage: link.isImage });
  }
  for (const definition of note.facts.referenceDefinitions) {
    found.push({ ...located(note, definition.targetRange), target: definition.target, kind: 'definition', isImage: false });
  }
  return found;
}

/** The written target, widened to its closing `>` when it stands in angle brackets (a definition's range stops at a space). */
function located(note: NoteWithText, range: Range): Pick<WrittenTarget, 'range' | 'source' | 'angle'> {
  const start = note.lines.offsetAt(range.start);
  let end = note.lines.offsetAt(range.end);
  const angle = note.text[start - 1] === '<';
  if (angle && note.text[end] !== '>') {
    const close = note.text.indexOf('>', end);
    const lineEnd = note.lines.lineEnd(range.end.line);
    if (close >= 0 && close <= lineEnd) end = close;
  }
  return { range: note.lines.rangeOf(start, end), source: note.text.slice(start, end), angle };
}

export function sourceAt(note: Pick<NoteWithText, 'text' | 'lines'>, range: Range): string {
  return note.text.slice(note.lines.offsetAt(range.start), note.lines.offsetAt(range.end));
}

/** The range `length` characters long starting `from` characters after `range` starts. */
export function subRange(note: Pick<NoteWithText, 'lines'>, range: Range, from: number, length: number): Range {
  const start = note.lines.offsetAt(range.start) + from;
  return note.lines.rangeOf(start, start + length);
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Groups edits by note, in the order the notes were first met. */
export class EditsByNote {
  private readonly byUri = new Map<string, NoteEdit>();

  add(note: Pick<NoteWithText, 'uri' | 'text'>, edit: TextEditLike): void {
    let entry = this.byUri.get(note.uri);
    if (!entry) this.byUri.set(note.uri, (entry = { uri: note.uri, text: note.text, edits: [] }));
    entry.edits.push(edit);
  }

  get notes(): NoteEdit[] {
    return [...this.byUri.values()];
  }
}
