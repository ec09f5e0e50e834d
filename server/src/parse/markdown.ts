import { unified, type Plugin } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import type { Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { LineMap } from './lineMap';

// GFM without its autolink-literal extension: that one grows superlinearly with paragraph size
// (a 1 MB paragraph took over 20 s), so bare URLs are linked afterwards by `linkBareUrls`, in one pass.
const gfmWithoutAutolinkLiterals: Plugin<[], Root> = function () {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough(), gfmTaskListItem(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(
    gfmTableFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
    gfmFootnoteFromMarkdown(),
  );
};

const processor = unified().use(remarkParse).use(gfmWithoutAutolinkLiterals).use(remarkFrontmatter, ['yaml', 'toml']);

/** The syntax tree of a text; `lines`, when the caller has the text's line map already, saves making another. */
export function parseMarkdown(text: string, lines?: LineMap): Root {
  const tree = processor.parse(text);
  linkBareUrls(tree, text, lines);
  return tree;
}

const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`，。；、）】》]+/g;

/** Turns `https://…` and `www.…` written in plain text into link nodes, as GitHub does. */
export function linkBareUrls(tree: Root, source: string, lines?: LineMap): void {
  let points: PointFinder | undefined;
  const visit = (parent: Parent): void => {
    if (parent.type === 'link' || parent.type === 'linkReference') return;
    // The parent's new children, made once its first text is split: splicing a paragraph of many
    // thousand URLs in place took time quadratic in their count, and spreading them overflowed the stack.
    let children: Nodes[] | undefined;
    for (let index = 0; index < parent.children.length; index++) {
      const child = parent.children[index] as Nodes;
      if (child.type === 'text') {
        const replacement = splitText(child, source, () => (points ??= new PointFinder(lines ?? new LineMap(source))));
        if (replacement) {
          children ??= parent.children.slice(0, index) as Nodes[];
          for (const part of replacement) children.push(part);
          continue;
        }
      } else if ('children' in child) {
        visit(child);
      }
      children?.push(child);
    }
    if (children) parent.children = children as never[];
  };
  visit(tree);
}

function splitText(node: Text, source: string, pointsOf: () => PointFinder): PhrasingContent[] | undefined {
  // Most text has no URL at all: saying so is cheaper than the checks below.
  if (!node.value.includes('http') && !node.value.includes('www.')) return undefined;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const written = new WrittenAt(node.value, source, start, end);
  const parts: PhrasingContent[] = [];
  let last = 0;
  let lastOffset = start;
  for (const match of node.value.matchAll(BARE_URL)) {
    const url = trimTrailingPunctuation(match[0]);
    const at = match.index ?? 0;
    if (at > 0 && /[\w@/.-]/.test(node.value[at - 1])) continue;
    if (!hasValidDomain(url)) continue;
    // A URL whose place in the source cannot be told for sure (escapes on both sides of it) stays text.
    const offset = written.offsetOf(at, url.length);
    if (offset === undefined) continue;
    const points = pointsOf();
    if (at > last) parts.push(textNode(node.value.slice(last, at), lastOffset, offset, points));
    const href = url.startsWith('www.') ? `http://${url}` : url;
    const link: Link = {
      type: 'link',
      url: href,
      title: null,
      children: [textNode(url, offset, offset + url.length, points)],
      position: points.positionOf(offset, offset + url.length),
    };
    parts.push(link);
    last = at + url.length;
    lastOffset = offset + url.length;
  }
  if (parts.length === 0) return undefined;
  if (last < node.value.length) parts.push(textNode(node.value.slice(last), lastOffset, end, pointsOf()));
  return parts;
}

/**
 * Where the characters of a text node's value were written. The value is its source verbatim but for
 * what the parser drops or replaces: each continuation line of a paragraph loses its indentation (a
 * list item's, a quote's `>`, or the lazy indentation of a paragraph's own lines), each line but the
 * last its trailing spaces, and escapes and character references give the characters they stand for.
 * So a piece of the value is looked for on its own line of the source: at the line's start on the
 * node's first line, or at the line's end (less trailing spaces) on any line, and only where the
 * source holds exactly that text. Pieces are asked for in order; each line is compared once.
 */
class WrittenAt {
  private readonly verbatim: boolean;
  private first = true;
  /** The value's line of the last piece asked for, and the same line in the source. */
  private valueLine = 0;
  private valueLineEnd = 0;
  private sourceLine = 0;
  private sourceLineEnd = 0;
  private compared = false;
  /** How much of the first line's start is written as is at the node's start. */
  private sameStart = 0;
  /** How much of the line's end is written as is at the end of its source line, which is `sameEndAt`. */
  private sameEnd = 0;
  private sameEndAt = 0;

  constructor(
    private readonly value: string,
    private readonly source: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.verbatim = source.slice(start, end) === value;
    if (this.verbatim) return;
    this.valueLineEnd = lineEndIn(value, 0, value.length);
    this.sourceLine = start;
    this.sourceLineEnd = lineEndIn(source, start, end);
  }

  /** The source offset of `value[at, at + length)`, which lies within one line; undefined when not sure. */
  offsetOf(at: number, length: number): number | undefined {
    if (this.verbatim) return this.start + at;
    while (this.valueLineEnd < at) {
      // The value keeps every line ending of its source, so its next line is the source's next line.
      if (this.sourceLineEnd >= this.end) return undefined;
      this.valueLine = this.valueLineEnd + lineEndingLength(this.value, this.valueLineEnd);
      this.valueLineEnd = lineEndIn(this.value, this.valueLine, this.value.length);
      this.sourceLine = this.sourceLineEnd + lineEndingLength(this.source, this.sourceLineEnd);
      this.sourceLineEnd = lineEndIn(this.source, this.sourceLine, this.end);
      this.first = false;
      this.compared = false;
    }
    if (!this.compared) this.compareLine();
    if (at + length <= this.valueLine + this.sameStart) return this.sourceLine + (at - this.valueLine);
    if (at >= this.valueLineEnd - this.sameEnd) return this.sameEndAt - (this.valueLineEnd - at);
    return undefined;
  }

  private compareLine(): void {
    const { value, source, valueLine, valueLineEnd, sourceLine, sourceLineEnd } = this;
    let same = 0;
    if (this.first)
      while (valueLine + same < valueLineEnd && sourceLine + same < sourceLineEnd && value[valueLine + same] === source[sourceLine + same])
        same++;
    this.sameStart = same;
    let trimmed = sourceLineEnd;
    while (trimmed > sourceLine && (source[trimmed - 1] === ' ' || source[trimmed - 1] === '\t')) trimmed--;
    this.sameEnd = -1;
    for (const lineEnd of [sourceLineEnd, trimmed]) {
      let sameEnd = 0;
      while (
        valueLineEnd - sameEnd > valueLine &&
        lineEnd - sameEnd > sourceLine &&
        value[valueLineEnd - sameEnd - 1] === source[lineEnd - sameEnd - 1]
      )
        sameEnd++;
      if (sameEnd > this.sameEnd) {
        this.sameEnd = sameEnd;
        this.sameEndAt = lineEnd;
      }
    }
    this.compared = true;
  }
}

/** Where the line that `text[from]` is on ends (its line ending, or `to`). */
function lineEndIn(text: string, from: number, to: number): number {
  for (let index = from; index < to; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x0a || char === 0x0d) return index;
  }
  return to;
}

function lineEndingLength(text: string, at: number): number {
  return text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
}

/**
 * GFM's trailing punctuation, which ends a bare URL rather than belonging to it: `https://example.com/a).`
 * and `[https://example.com/b]` keep a closing bracket only when the URL opened one.
 */
function trimTrailingPunctuation(url: string): string {
  let trimmed = url.replace(/[.,:;!?*_~]+$/, '');
  while (unbalancedAtEnd(trimmed, '(', ')') || unbalancedAtEnd(trimmed, '[', ']'))
    trimmed = trimmed.slice(0, -1).replace(/[.,:;!?*_~]+$/, '');
  return trimmed;
}

function unbalancedAtEnd(text: string, open: string, close: string): boolean {
  return text.endsWith(close) && count(text, open) < count(text, close);
}

/**
 * GFM's rule for the domain of a bare URL, which runs from `https://` (or after `www.`) to the first
 * punctuation other than `-`, `.` and `_`: it holds a letter, digit or `-`, and no `_` in its last two
 * parts. So `http://...`, a placeholder, is no link.
 */
function hasValidDomain(url: string): boolean {
  const afterPrefix = url.slice(/^www\./i.test(url) ? 4 : url.indexOf('//') + 2);
  const domain = /^(?:[^\p{P}\p{S}\s]|[-._])*/u.exec(afterPrefix)?.[0] ?? '';
  if (!/[^._]/.test(domain)) return false;
  return !domain
    .split('.')
    .slice(-2)
    .some((part) => part.includes('_'));
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function textNode(value: string, start: number, end: number, points: PointFinder): Text {
  return { type: 'text', value, position: points.positionOf(start, end) };
}

/** Lines and columns of offsets, as the parser gives them, for the nodes made of bare URLs. */
class PointFinder {
  constructor(private readonly lines: LineMap) {}

  positionOf(start: number, end: number) {
    return { start: this.pointAt(start), end: this.pointAt(end) };
  }

  private pointAt(offset: number) {
    const { line, character } = this.lines.positionAt(offset);
    return { line: line + 1, column: character + 1, offset };
  }
}

export function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}
