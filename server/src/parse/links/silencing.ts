// Inline silencing with HTML comments, which every Markdown renderer hides:
//
//   [old](gone.md) <!-- marginalia-ignore -->      silences the link checks of this line
//   <!-- marginalia-ignore-next-line -->            silences the line below
//   <!-- marginalia-ignore-start -->                silences every line up to the matching
//   ...                                             <!-- marginalia-ignore-end -->
//   <!-- marginalia-ignore-end -->                  (or to the end of the note when it is missing)
//
// Comments inside code blocks are examples, not instructions, and are not obeyed.

import type { CodeBlockFact } from '../facts';

export const IGNORE_LINE_COMMENT = '<!-- marginalia-ignore -->';
export const IGNORE_NEXT_LINE_COMMENT = '<!-- marginalia-ignore-next-line -->';
export const IGNORE_START_COMMENT = '<!-- marginalia-ignore-start -->';
export const IGNORE_END_COMMENT = '<!-- marginalia-ignore-end -->';

const COMMENT = /<!--\s*marginalia-ignore(-next-line|-start|-end)?\s*-->/g;

/** Sorted zero-based lines whose link problems are silenced; read at parse time, kept in the facts. */
export function silencedLines(text: string, codeBlocks: readonly CodeBlockFact[]): number[] {
  if (!text.includes('marginalia-ignore')) return [];
  const silenced = new Set<number>();
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const inCode = (line: number) => codeBlocks.some((block) => line >= block.range.start.line && line <= block.range.end.line);
  let regionStart: number | undefined;
  for (const match of text.matchAll(COMMENT)) {
    const line = lineOf(match.index ?? 0);
    if (inCode(line)) continue;
    switch (match[1]) {
      case undefined:
        silenced.add(line);
        break;
      case '-next-line':
        silenced.add(line + 1);
        break;
      case '-start':
        regionStart ??= line;
        break;
      case '-end':
        if (regionStart !== undefined)
          for (let silencedLine = regionStart; silencedLine <= line; silencedLine++) silenced.add(silencedLine);
        regionStart = undefined;
        break;
    }
  }
  if (regionStart !== undefined) for (let line = regionStart; line < lineStarts.length; line++) silenced.add(line);
  return [...silenced].sort((a, b) => a - b);
}
