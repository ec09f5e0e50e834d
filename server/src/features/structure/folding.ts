// What folds in a note: each heading's section (up to the next heading of its level or higher), code
// blocks, and the multi-line list items, tables and block quotes the parser kept. Read from the note's
// facts: the note is not parsed again.

import type { NotesView } from '../../index/notesView';
import type { Range } from '../../parse/facts';
import type { LineMap } from '../../parse/lineMap';

export interface Fold {
  /** Zero-based; the line that stays in view. */
  startLine: number;
  endLine: number;
  kind: 'heading' | 'code' | 'listItem' | 'table' | 'blockquote';
}

export function foldsOf(index: NotesView, uri: string): Fold[] {
  const facts = index.facts(uri);
  const lines = index.lineMap(uri);
  if (!facts || !lines) return [];
  // A closed note's map has no text: then trailing blank lines cannot be told apart and stay in the fold.
  const hasText = index.text(uri) !== undefined;
  const lastFilled = (line: number, floor: number) => {
    let end = line;
    while (hasText && end > floor && !lines.lineText(end).trim()) end--;
    return end;
  };
  const folds: Fold[] = [];
  // Headings still open, outer first: a heading closes those of its level and deeper.
  const open: Array<{ level: number; line: number }> = [];
  const close = (level: number, before: number) => {
    while (open.length && open[open.length - 1].level >= level) {
      const { line } = open.pop()!;
      folds.push({ startLine: line, endLine: lastFilled(before - 1, line), kind: 'heading' });
    }
  };
  for (const heading of facts.headings) {
    close(heading.level, heading.range.start.line);
    open.push({ level: heading.level, line: heading.range.start.line });
  }
  close(0, lines.lineCount);
  for (const block of facts.codeBlocks)
    folds.push({ startLine: block.range.start.line, endLine: lastLineOf(block.range, lines), kind: 'code' });
  for (const block of facts.blocks)
    folds.push({ startLine: block.range.start.line, endLine: lastLineOf(block.range, lines), kind: block.kind });
  return widestPerStart(folds.filter((fold) => fold.endLine > fold.startLine));
}

/** The last line a range covers: not the next line when it ends right after a line break. */
function lastLineOf(range: Range, lines: LineMap): number {
  const { line, character } = range.end;
  return character === 0 && line > range.start.line ? line - 1 : Math.min(line, lines.lineCount - 1);
}

/** One fold per start line (editors keep one), the widest; in the order of their start lines. */
function widestPerStart(folds: Fold[]): Fold[] {
  const byStart = new Map<number, Fold>();
  for (const fold of folds) {
    const kept = byStart.get(fold.startLine);
    if (!kept || fold.endLine > kept.endLine) byStart.set(fold.startLine, fold);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
