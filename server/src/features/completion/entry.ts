import type { Range } from '../../parse/facts';

export type EntryKind = 'folder' | 'file' | 'note' | 'heading' | 'reference' | 'entity';

/** One completion, without the protocol: `lsp/completion.ts` converts it. */
export interface CompletionEntry {
  label: string;
  kind: EntryKind;
  /** One line beside the label: a heading as written, a file's path, an entity's kind. */
  detail?: string;
  /** Markdown, every piece of note text escaped. */
  documentation?: string;
  /** The text that replaces `range`: what was typed of the same thing, up to the cursor. */
  newText: string;
  range: Range;
  /** What the editor compares the typed text with, when not the label (an anchor's slug for a heading's text). */
  filterText?: string;
  /** Orders the list before the editor's own ranking: folders before files. */
  sortText?: string;
}

export interface CompletionAnswer {
  items: CompletionEntry[];
  /** Some matches were left out (see `MAX_ITEMS`): the editor asks again as the user types on. */
  isIncomplete: boolean;
}

export const NO_COMPLETIONS: CompletionAnswer = { items: [], isIncomplete: false };

/** The range on the cursor's line from `start` to the cursor. */
export function typedRange(line: number, start: number, cursor: number): Range {
  return { start: { line, character: start }, end: { line, character: cursor } };
}
