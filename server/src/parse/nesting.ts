// Markdown parsers slow down sharply with nesting depth: `- ` ten thousand times on one line took a
// minute, `> - ` five thousand times a gigabyte, and trees that deep overflow the stack of whatever
// walks them. Like markdown-it, which stops at a depth of 100, the parse is given a copy of the note
// in which no container (block quote or list item) opens deeper than that: the marker that would open
// one is replaced by a backslash, so the line's rest is read as paragraph text. The copy has the
// note's length, so every position in its tree is a position in the note.
//
// The depth of a line is not known before parsing, so it is bounded from above in one pass: each `>`
// or list marker at the line's start may open a container, and each container the line continues
// needs at least two columns of indentation (or a `>`, counted as a marker), never more containers
// than the lines before left open. Those stay open at most until a line at column 0 after a blank
// line, which closes them all. Lines inside fenced code blocks open nothing, so they are changed only
// when their own markers, with no indentation counted, reach the limit: a fence this scan believes
// open while the parser does not can hide no line that nests deeply by itself.

/** Containers nested deeper than this are not opened: what lies deeper is paragraph text. */
export const MAX_NESTING = 100;

export interface CappedNesting {
  /** The note with the marker of each container too deep replaced by a backslash: the same length. */
  text: string;
  /** Zero-based lines where a marker was replaced. */
  lines: number[];
}

/** The note with its nesting capped, or undefined when no line nests that deep. Linear in the text. */
export function capNesting(text: string, maxDepth = MAX_NESTING): CappedNesting | undefined {
  const replaced: number[] = [];
  const lines: number[] = [];
  const scan = new NestingScan(maxDepth);
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    const end = lineEnd(text, start);
    const at = scan.deepMarkerAt(text, start, end);
    if (at !== undefined) {
      replaced.push(at);
      lines.push(line);
    }
    if (end >= text.length) break;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  if (replaced.length === 0) return undefined;
  const parts: string[] = [];
  let from = 0;
  for (const at of replaced) {
    parts.push(text.slice(from, at), '\\');
    from = at + 1;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), lines };
}

function lineEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x0a || char === 0x0d) return index;
  }
  return text.length;
}

const LIST_MARKER = /[-+*]|\d{1,9}[.)]/y;
const FENCE = /(`{3,}|~{3,})/y;

class NestingScan {
  /** The most containers the lines since the last column-0 line after a blank line may have left open. */
  private open = 0;
  private afterBlank = true;
  private fence?: { char: string; length: number };

  constructor(private readonly maxDepth: number) {}

  /** Where the marker that would open a container deeper than allowed starts on the line, if one does. */
  deepMarkerAt(text: string, start: number, end: number): number | undefined {
    let index = start;
    let column = 0;
    let markers = 0;
    let indentColumns = 0;
    let deepMarker: number | undefined;
    for (;;) {
      while (index < end && (text[index] === ' ' || text[index] === '\t')) {
        const width = text[index] === '\t' ? 4 - (column % 4) : 1;
        column += width;
        indentColumns += width;
        index++;
      }
      const markerLength = containerMarkerLength(text, index, end);
      if (markerLength === 0) break;
      const depth = markers + (this.fence ? 0 : Math.min(Math.floor(indentColumns / 2), this.open));
      if (depth >= this.maxDepth) {
        deepMarker = index;
        break;
      }
      markers++;
      index += markerLength;
      column += markerLength;
    }
    const blank = index >= end;
    if (this.fence) {
      if (!blank) this.followFences(text, index, end);
      this.afterBlank = blank;
      return deepMarker;
    }
    if (!blank && index === start && this.afterBlank) this.open = 0;
    this.open = Math.max(this.open, markers + Math.min(Math.floor(indentColumns / 2), this.open));
    if (!blank) this.followFences(text, index, end);
    this.afterBlank = blank;
    return deepMarker;
  }

  private followFences(text: string, index: number, end: number): void {
    FENCE.lastIndex = index;
    const fence = FENCE.exec(text);
    if (!fence || fence.index !== index) return;
    const char = fence[1][0];
    const length = fence[1].length;
    if (!this.fence) {
      // A backtick fence's info string holds no backtick.
      if (char === '~' || !text.slice(index + length, end).includes('`')) this.fence = { char, length };
    } else if (char === this.fence.char && length >= this.fence.length && text.slice(index + length, end).trim() === '') {
      this.fence = undefined;
    }
  }
}

/** The length of a `>` or list marker starting at the offset (with the space after a list marker's), or 0. */
function containerMarkerLength(text: string, index: number, end: number): number {
  if (index >= end) return 0;
  if (text[index] === '>') return 1;
  LIST_MARKER.lastIndex = index;
  const marker = LIST_MARKER.exec(text);
  if (!marker || marker.index !== index) return 0;
  const after = index + marker[0].length;
  // A list marker is one only when followed by a space, a tab or the line's end.
  if (after < end && text[after] !== ' ' && text[after] !== '\t') return 0;
  return marker[0].length;
}
