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
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmFootnoteFromMarkdown());
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
    for (let index = 0; index < parent.children.length; index++) {
      const child = parent.children[index] as Nodes;
      if (child.type === 'text') {
        const replacement = splitText(child, source, () => (points ??= new PointFinder(lines ?? new LineMap(source))));
        if (replacement) {
          parent.children.splice(index, 1, ...(replacement as never[]));
          index += replacement.length - 1;
        }
      } else if ('children' in child) {
        visit(child);
      }
    }
  };
  visit(tree);
}

function splitText(node: Text, source: string, pointsOf: () => PointFinder): PhrasingContent[] | undefined {
  // Most text has no URL at all: saying so is cheaper than the checks below.
  if (!node.value.includes('http') && !node.value.includes('www.')) return undefined;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  // Only nodes whose value is their source verbatim can be split by offset; escaped text is left alone.
  if (start === undefined || end === undefined || source.slice(start, end) !== node.value) return undefined;
  const parts: PhrasingContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(BARE_URL)) {
    const url = trimTrailingPunctuation(match[0]);
    const at = match.index ?? 0;
    if (at > 0 && /[\w@/.-]/.test(node.value[at - 1])) continue;
    const points = pointsOf();
    if (at > last) parts.push(textNode(node.value.slice(last, at), start + last, points));
    const href = url.startsWith('www.') ? `http://${url}` : url;
    const link: Link = { type: 'link', url: href, title: null, children: [textNode(url, start + at, points)], position: points.positionOf(start + at, start + at + url.length) };
    parts.push(link);
    last = at + url.length;
  }
  if (parts.length === 0) return undefined;
  if (last < node.value.length) parts.push(textNode(node.value.slice(last), start + last, pointsOf()));
  return parts;
}

/** `https://example.com/a).` keeps its closing bracket only when the URL opened one. */
function trimTrailingPunctuation(url: string): string {
  let trimmed = url.replace(/[.,:;!?*_~]+$/, '');
  while (trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')')) trimmed = trimmed.slice(0, -1).replace(/[.,:;!?*_~]+$/, '');
  return trimmed;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function textNode(value: string, offset: number, points: PointFinder): Text {
  return { type: 'text', value, position: points.positionOf(offset, offset + value.length) };
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
