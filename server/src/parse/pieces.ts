// A note of many megabytes is parsed a piece at a time. The Markdown parser's memory grows with the
// whole syntax tree, and some of its steps grow faster than the text (a note of 4 MB took twelve times
// as long as one of 1 MB), so one parse of a 50 MB note would take minutes and gigabytes.
//
// A piece may only end where the parse of the rest cannot depend on it: before a line that starts at
// column 0 after a blank line, and that no list continues. Such a line closes every list, block quote,
// table, paragraph and HTML block of types 6 and 7; only a fenced code block or an HTML block of types
// 1 to 5 (`<!--`, `<pre>`, …) left open at the top level runs on through it. The parse of the piece says
// whether it ended inside one of those; the piece then runs on to the line that closes it.

import type { Html, Nodes, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import type { LineMap } from './lineMap';
import { parseMarkdown } from './markdown';
import { normalizeLabel } from './links/references';
import { describeError } from './parseErrors';
import type { LineSpan } from './parseNote';

/** Characters parsed at once in a large note: the parser's tree of this much text is a few dozen MB. */
export const PIECE_CHARS = 256 * 1024;

/** A list item marker, which would continue a list across the blank line before it. */
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The first offset at or after `from` where a piece may start, or the text's length when there is none.
 * Among the boundaries of the next piece's length, one before a heading is preferred, the shallowest
 * first: entity shapes read a heading with the blocks under it, so those had better stay in one piece.
 */
export function pieceEnd(text: string, from: number, span = PIECE_CHARS): number {
  const first = nextBoundary(text, from);
  if (first >= text.length) return text.length;
  let best = first;
  let bestDepth = headingDepthAt(text, first);
  for (let at = nextBoundary(text, first + 1); at < text.length && at < first + span && bestDepth > 1; at = nextBoundary(text, at + 1)) {
    const depth = headingDepthAt(text, at);
    if (depth < bestDepth) {
      best = at;
      bestDepth = depth;
    }
  }
  return best;
}

function nextBoundary(text: string, from: number): number {
  const blankLine = /\n[ \t]*\r?\n|\r[ \t]*\r(?!\n)/g;
  blankLine.lastIndex = Math.max(0, from - 1);
  for (let match = blankLine.exec(text); match; match = blankLine.exec(text)) {
    const lineStart = match.index + match[0].length;
    const firstChar = text[lineStart];
    if (lineStart < from || firstChar === undefined) {
      blankLine.lastIndex = match.index + 1;
      continue;
    }
    if (!/\s/.test(firstChar) && !LIST_MARKER.test(text.slice(lineStart, lineStart + 12))) return lineStart;
    // Overlapping blank lines: the next match may start at this one's second line break.
    blankLine.lastIndex = match.index + 1;
  }
  return text.length;
}

/** The depth of an ATX heading starting at the offset; 7 for any other line. */
function headingDepthAt(text: string, offset: number): number {
  const match = /^(#{1,6})(?:[ \t]|\r|\n|$)/.exec(text.slice(offset, offset + 8));
  return match ? match[1].length : 7;
}

/**
 * When the piece's last top-level block is a fenced code block or an HTML block that the piece leaves
 * open, the offset in the note just past the line that closes it (or the note's end); otherwise
 * undefined. `tree` is the parse of `source`, where the piece's own text runs from `ownStart` to
 * `ownEnd`, maybe with lines of its own before or after; `afterPiece` is where the piece ends in the note.
 */
export function openBlockRunsTo(
  tree: Root,
  source: string,
  ownStart: number,
  ownEnd: number,
  text: string,
  afterPiece: number,
): number | undefined {
  const last = lastBlockWithin(tree.children, ownStart, ownEnd);
  if (!last?.position) return undefined;
  if (last.type === 'code')
    return openFenceRunsTo(source, last.position.start.offset ?? 0, last.position.end.offset ?? 0, ownEnd, text, afterPiece);
  if (last.type === 'html') return openHtmlRunsTo(last, text, afterPiece);
  return undefined;
}

function lastBlockWithin(children: RootContent[], start: number, end: number): RootContent | undefined {
  for (let index = children.length - 1; index >= 0; index--) {
    const offset = children[index].position?.start.offset ?? 0;
    if (offset >= start && offset < end) return children[index];
  }
  return undefined;
}

function openFenceRunsTo(source: string, start: number, end: number, ownEnd: number, text: string, afterPiece: number): number | undefined {
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(source.slice(start, start + 64));
  if (!opening) return undefined;
  const fence = opening[1];
  const closing = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}[ \\t]*$`, 'm');
  const lastLineStart = source.lastIndexOf('\n', end - 1) + 1;
  // The opening fence's own line cannot close it; a block that ran past the piece was not closed in it.
  const closed = end <= ownEnd && lastLineStart > start && closing.test(source.slice(lastLineStart, end));
  return closed ? undefined : lineEndAfter(text, closing, afterPiece);
}

/** HTML blocks of types 1 to 5 end at a marker rather than at a blank line. */
const HTML_BLOCK_ENDS: Array<[RegExp, (opening: RegExpExecArray) => RegExp]> = [
  [/^<(script|pre|style|textarea)(?:[\s>]|$)/i, (opening) => new RegExp(`</${opening[1]}>`, 'i')],
  [/^<!--/, () => /-->/],
  [/^<\?/, () => /\?>/],
  [/^<!\[CDATA\[/, () => /\]\]>/],
  [/^<![A-Za-z]/, () => />/],
];

function openHtmlRunsTo(node: Html, text: string, afterPiece: number): number | undefined {
  const value = node.value.trimStart();
  for (const [starts, endOf] of HTML_BLOCK_ENDS) {
    const opening = starts.exec(value);
    if (!opening) continue;
    const marker = endOf(opening);
    // The opening's own characters cannot close it (`<!-->` aside, which CommonMark closes at once too).
    if (marker.test(value.slice(opening[0].length))) return undefined;
    return lineEndAfter(text, marker, afterPiece);
  }
  return undefined;
}

/** Just past the end of the first line, from `from` on, that the pattern matches; the text's end when none does. */
function lineEndAfter(text: string, pattern: RegExp, from: number): number {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  global.lastIndex = from;
  const match = global.exec(text);
  if (!match) return text.length;
  const lineEnd = text.indexOf('\n', match.index + match[0].length);
  return lineEnd < 0 ? text.length : lineEnd + 1;
}

/**
 * Parses a large note a piece at a time, handing each piece's tree, its positions made
 * the note's, to `read` before the next is parsed: no more than one piece's tree exists at once. A piece
 * that cannot be parsed is reported and the others are read all the same.
 */
export function readInPieces(
  text: string,
  lines: LineMap,
  pieceChars: number,
  read: (tree: Root, lineSpan: LineSpan) => void,
  problems: string[],
): void {
  const definitions = referenceDefinitionsIn(text);
  for (let start = 0; start < text.length;) {
    let end = pieceEnd(text, start + pieceChars, pieceChars);
    try {
      for (;;) {
        const piece = parsePiece(text, start, end, definitions);
        const runsTo = openBlockRunsTo(piece.tree, piece.source, piece.prefix.length, piece.prefix.length + piece.length, text, end);
        if (runsTo === undefined || runsTo <= end) {
          const first = lines.positionAt(start).line;
          read(pieceTreeInNote(piece, first), { first, end: end === text.length ? lines.lineCount : lines.positionAt(end).line });
          break;
        }
        end = pieceEnd(text, runsTo, pieceChars);
      }
    } catch (error) {
      const first = lines.positionAt(start).line + 1;
      const last = lines.positionAt(Math.max(start, end - 1)).line + 1;
      problems.push(`could not parse lines ${first}–${last}: ${describeError(error)}`);
    }
    start = end;
  }
}

interface ParsedPiece {
  tree: Root;
  /** What was parsed: the piece's text after `prefix` and before the rest. */
  source: string;
  prefix: string;
  start: number;
  length: number;
}

/** A label defined by a `[label]: destination` line, and where. */
interface DefinitionLine {
  label: string;
  key: string;
  offset: number;
}

const DEFINITION_LINE = /^ {0,3}\[((?:[^\[\]\\\r\n]|\\.){1,999})\]:/gm;
const BRACKETED = /\[((?:[^\[\]\\\r\n]|\\.){1,999})\]/g;

function referenceDefinitionsIn(text: string): DefinitionLine[] {
  return [...text.matchAll(DEFINITION_LINE)].map((match) => ({ label: match[1], key: normalizeLabel(match[1]), offset: match.index ?? 0 }));
}

/**
 * Parses the note's text from `start` to `end`. A reference link is only a link when its label is
 * defined, and the definition may be in another piece: such definitions go along with the piece,
 * as lines of their own before it (after it in the first piece, which may open with front matter).
 */
function parsePiece(text: string, start: number, end: number, definitions: readonly DefinitionLine[]): ParsedPiece {
  const own = text.slice(start, end);
  const borrowed = borrowedDefinitions(own, start, end, definitions);
  const prefix = start > 0 && borrowed ? `${borrowed}\n` : '';
  const suffix = start === 0 && borrowed ? `\n\n${borrowed}` : '';
  const source = `${prefix}${own}${suffix}`;
  const piece = { tree: parseMarkdown(source), source, prefix, start, length: own.length };
  // A block left open at the note's very end swallows the lines put after it: read without them then.
  const last = piece.tree.children[piece.tree.children.length - 1];
  if (suffix && (last?.position?.start.offset ?? 0) < own.length && (last?.position?.end.offset ?? 0) > own.length) {
    return { tree: parseMarkdown(own), source: own, prefix: '', start, length: own.length };
  }
  return piece;
}

/** `[label]: #` lines for the labels the piece uses in brackets and the note defines elsewhere. */
function borrowedDefinitions(own: string, start: number, end: number, definitions: readonly DefinitionLine[]): string {
  if (definitions.length === 0) return '';
  const used = new Set([...own.matchAll(BRACKETED)].map((match) => normalizeLabel(match[1])));
  const ownKeys = new Set(definitions.filter((line) => line.offset >= start && line.offset < end).map((line) => line.key));
  const lines = new Map<string, string>();
  for (const line of definitions) {
    if (used.has(line.key) && !ownKeys.has(line.key) && !lines.has(line.key)) lines.set(line.key, `[${line.label}]: #\n`);
  }
  return [...lines.values()].join('');
}

/** The piece's own blocks, with positions in the note: the borrowed definitions are left out. */
function pieceTreeInNote(piece: ParsedPiece, startLine: number): Root {
  const prefixLength = piece.prefix.length;
  const prefixLines = piece.prefix.split('\n').length - 1;
  const children = piece.tree.children.filter((node) => {
    const offset = node.position?.start.offset ?? 0;
    return offset >= prefixLength && offset < prefixLength + piece.length;
  });
  const shift = (point: Point): Point => ({
    line: point.line - prefixLines + startLine,
    column: point.column,
    offset: (point.offset ?? 0) - prefixLength + piece.start,
  });
  const tree: Root = { type: 'root', children };
  visit(tree, (node: Nodes) => {
    if (node.position) node.position = { start: shift(node.position.start), end: shift(node.position.end) };
  });
  return tree;
}
