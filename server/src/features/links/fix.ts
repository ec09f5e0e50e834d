// What a quick fix for a link is, and the small pieces every kind of fix is made of.

import type { NotesView } from '../../index/notesView';
import type { Position, Range } from '../../parse/facts';
import type { LineMap } from '../../parse/lineMap';
import type { LinkDiagnostic } from './policy';

/** Code action kind of "fix everything that is safe to fix in this note". */
export const FIX_ALL_KIND = 'source.fixAll.marginalia';

export interface TextEditLike {
  range: Range;
  newText: string;
}

export interface LinkFix {
  title: string;
  kind: 'quickfix' | typeof FIX_ALL_KIND;
  edits: TextEditLike[];
  command?: { title: string; command: string; arguments: unknown[] };
  isPreferred?: boolean;
  /** The diagnostics the fix resolves. */
  diagnostics: LinkDiagnostic[];
}

/** The note a fix is made for, open in an editor: fixes are edits of its current text. */
export interface FixNote {
  index: NotesView;
  uri: string;
  text: string;
  lines: LineMap;
}

/** A fix an editor may apply on its own ("fix all", auto-fix): only for fixes that need no guess. */
export function preferred(title: string, edits: TextEditLike[], diagnostic: LinkDiagnostic): LinkFix {
  return { title, kind: 'quickfix', edits, isPreferred: true, diagnostics: [diagnostic] };
}

/** The text a range of the note covers. */
export function sourceOf(note: FixNote, range: Range): string {
  return note.text.slice(note.lines.offsetAt(range.start), note.lines.offsetAt(range.end));
}

export function collapsed(position: Position): Range {
  return { start: position, end: position };
}
