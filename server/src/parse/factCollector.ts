// One walk over a note's syntax tree collects its facts: headings with their GitHub anchors, links and
// reference definitions, code blocks, front matter, and the ranges no name may be matched in.
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import YAML from 'yaml';
import type { Code, Definition, Heading, Html, Image, ImageReference, Link, LinkReference, Nodes, Root, Text, Yaml } from 'mdast';
import type { BlockFact, CodeBlockFact, HeadingFact, LinkFact, ReferenceDefinitionFact } from './facts';
import type { LineMap } from './lineMap';
import { endOffset, startOffset } from './markdown';
import { MAX_REVERSED_OPENING, reversedOpeningAtEnd } from './links/reversedLinks';
import { NodeIndex } from './nodeIndex';
import { describeError } from './parseErrors';

export class FactCollector {
  readonly headings: HeadingFact[] = [];
  readonly links: LinkFact[] = [];
  readonly definitions: ReferenceDefinitionFact[] = [];
  readonly codeBlocks: CodeBlockFact[] = [];
  readonly blocks: BlockFact[] = [];
  readonly opaque: Array<[number, number]> = [];
  readonly problems: string[] = [];
  frontMatter?: Record<string, unknown>;
  private readonly slugger = new GithubSlugger();
  private readonly pendingReferences: Array<{ fact: LinkFact; label: string }> = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineMap,
  ) {}

  /** Collects the facts and, in the same walk, indexes the nodes that entity extractors look for. */
  collect(tree: Root): NodeIndex {
    const nodes = new NodeIndex();
    visit(tree, (node: Nodes, _position, parent) => {
      nodes.add(node, parent);
      // TOML front matter is not part of mdast's node union, but remark-frontmatter produces it.
      if ((node.type as string) === 'toml') this.markOpaque(node);
      switch (node.type) {
        case 'heading':
          this.addHeading(node);
          break;
        case 'link':
          this.addLink(node, false);
          break;
        case 'image':
          this.addLink(node, true);
          break;
        case 'linkReference':
          this.addReference(node, false);
          break;
        case 'imageReference':
          this.addReference(node, true);
          break;
        case 'definition':
          this.addDefinition(node, parent?.type === 'listItem' && parent.children[0] === node);
          break;
        case 'code':
          this.addCode(node);
          break;
        case 'listItem':
        case 'table':
        case 'blockquote':
          this.addBlock(node.type, node);
          break;
        case 'inlineCode':
          this.markOpaque(node);
          break;
        case 'html':
          this.addHtml(node);
          break;
        case 'yaml':
          this.addFrontMatter(node);
          break;
        case 'text':
          this.addWikiLinks(node);
          break;
      }
    });
    return nodes;
  }

  title(): string | undefined {
    const fromFrontMatter = this.frontMatter?.title;
    if (typeof fromFrontMatter === 'string' && fromFrontMatter.trim()) return fromFrontMatter.trim();
    return this.headings.find((heading) => heading.level === 1)?.text;
  }

  private addHeading(node: Heading): void {
    const text = toString(node, { includeHtml: false }).trim();
    this.headings.push({ text: text, level: node.depth, slug: this.slugger.slug(text), range: this.rangeOf(node) });
  }

  private addLink(node: Link | Image, isImage: boolean): void {
    const start = startOffset(node);
    const end = endOffset(node);
    const source = this.text.slice(start, end);
    const text = node.type === 'image' ? (node.alt ?? '') : toString(node);
    const written = isImage || source.startsWith('[') ? 'inline' : 'autolink';
    const target = written === 'inline' ? locateInlineTarget(source) : undefined;
    const targetRange = target ? this.lines.rangeOf(start + target.start, start + target.end) : this.lines.rangeOf(start, end);
    const reversed = written === 'autolink' ? this.reversedAround(start, end) : undefined;
    this.links.push({
      kind: written,
      target: node.url,
      text,
      isImage,
      range: this.lines.rangeOf(start, end),
      targetRange,
      ...(reversed ? { reversed } : {}),
    });
    if (written === 'autolink' || isImage) this.opaque.push([start, end]);
    else this.opaque.push([start + (target ? sourceTextEnd(source) : 0), end]);
  }

  /** `(vLLM)[https://…]` around a bare address: the link its writer meant (see reversedLinks.ts). */
  private reversedAround(start: number, end: number): LinkFact['reversed'] {
    if (this.text[end] !== ']') return undefined;
    const opening = reversedOpeningAtEnd(this.text.slice(Math.max(0, start - MAX_REVERSED_OPENING), start));
    return opening && { text: opening.name, range: this.lines.rangeOf(start - opening.length, end + 1) };
  }

  private addReference(node: LinkReference | ImageReference, isImage: boolean): void {
    const label = (node.label ?? node.identifier).toLowerCase();
    const text = node.type === 'imageReference' ? (node.alt ?? '') : toString(node);
    const range = this.rangeOf(node);
    const fact: LinkFact = { kind: 'reference', target: '', text, isImage, range, targetRange: range, referenceLabel: label };
    this.links.push(fact);
    this.pendingReferences.push({ fact, label });
  }

  private addDefinition(node: Definition, opensListItem: boolean): void {
    const start = startOffset(node);
    const source = this.text.slice(start, endOffset(node));
    const colon = source.indexOf(']:');
    const urlStart = colon < 0 ? 0 : colon + 2 + (/^\s*<?/.exec(source.slice(colon + 2))?.[0].length ?? 0);
    const urlLength = source.slice(urlStart).search(/[\s>]|$/);
    this.definitions.push({
      label: (node.label ?? node.identifier).toLowerCase(),
      target: node.url,
      range: this.rangeOf(node),
      targetRange: this.lines.rangeOf(start + urlStart, start + urlStart + Math.max(urlLength, 0)),
      ...(opensListItem ? { inListItem: true } : {}),
    });
    this.markOpaque(node);
  }

  private addCode(node: Code): void {
    const start = startOffset(node);
    const opening = this.text.slice(start, start + 4).trimStart();
    const fenced = opening.startsWith('```') || opening.startsWith('~~~');
    this.codeBlocks.push({ lang: node.lang ?? '', meta: node.meta ?? '', value: node.value, fenced, range: this.rangeOf(node) });
    // Indented blocks in research notes are mostly prose pasted from chat tools, so names inside them still count.
    if (fenced) this.markOpaque(node);
  }

  /** Only blocks over several lines: one line has nothing to fold. */
  private addBlock(kind: BlockFact['kind'], node: Nodes): void {
    const range = this.rangeOf(node);
    if (range.end.line > range.start.line) this.blocks.push({ kind, range });
  }

  private addHtml(node: Html): void {
    this.markOpaque(node);
    const start = startOffset(node);
    // Pasted HTML often runs attributes together (`rel="license"href=…`), so a quote may precede the name too.
    for (const match of node.value.matchAll(/<(a|img)\b[^>]*?[\s"'](href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const value = match[3] ?? match[4] ?? match[5] ?? '';
      const valueOffset =
        start + (match.index ?? 0) + match[0].length - value.length - (match[3] !== undefined || match[4] !== undefined ? 1 : 0);
      const range = this.lines.rangeOf(valueOffset, valueOffset + value.length);
      this.links.push({ kind: 'html', target: value, text: '', isImage: match[1].toLowerCase() === 'img', range, targetRange: range });
    }
  }

  private addFrontMatter(node: Yaml): void {
    this.markOpaque(node);
    try {
      const parsed: unknown = YAML.parse(node.value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) this.frontMatter = parsed as Record<string, unknown>;
    } catch (error) {
      this.problems.push(`front matter is not valid YAML: ${describeError(error).split('\n')[0]}`);
    }
  }

  private addWikiLinks(node: Text): void {
    const start = startOffset(node);
    const source = this.text.slice(start, endOffset(node));
    // Escapes make the node's value differ from its source; wiki links are read from the source to keep ranges exact.
    for (const match of source.matchAll(/\[\[([^\[\]\n|]+)(?:\|([^\[\]\n]+))?\]\]/g)) {
      const linkStart = start + (match.index ?? 0);
      const targetStart = linkStart + 2;
      this.links.push({
        kind: 'wiki',
        target: match[1].trim(),
        text: (match[2] ?? match[1]).trim(),
        isImage: false,
        range: this.lines.rangeOf(linkStart, linkStart + match[0].length),
        targetRange: this.lines.rangeOf(targetStart, targetStart + match[1].length),
      });
    }
  }

  /** Once every piece of the note is collected: a definition may come after the links that use it. */
  resolveReferences(): void {
    // CommonMark: when a label is defined twice, the first definition wins.
    const byLabel = new Map<string, string>();
    for (const definition of this.definitions) if (!byLabel.has(definition.label)) byLabel.set(definition.label, definition.target);
    for (const { fact, label } of this.pendingReferences) fact.target = byLabel.get(label) ?? '';
  }

  private markOpaque(node: Nodes): void {
    this.opaque.push([startOffset(node), endOffset(node)]);
  }

  private rangeOf(node: Nodes) {
    return this.lines.rangeOf(startOffset(node), endOffset(node));
  }
}

/** Where the destination of `[text](destination "title")` starts and ends, relative to the link's source. */
export function locateInlineTarget(source: string): { start: number; end: number } | undefined {
  const open = sourceTextEnd(source);
  if (open <= 0 || source[open] !== '(') return undefined;
  let index = open + 1;
  while (source[index] === ' ' || source[index] === '\t' || source[index] === '\n') index++;
  if (source[index] === '<') {
    const close = source.indexOf('>', index);
    return close < 0 ? undefined : { start: index + 1, end: close };
  }
  const start = index;
  let depth = 0;
  for (; index < source.length; index++) {
    const c = source[index];
    if (c === '\\') {
      index++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (/\s/.test(c)) break;
  }
  return { start, end: Math.min(index, source.length) };
}

/** Offset just after the `]` that closes a link's text, or 0 when there is none. */
function sourceTextEnd(source: string): number {
  let depth = 0;
  for (let index = source[0] === '!' ? 1 : 0; index < source.length; index++) {
    const c = source[index];
    if (c === '\\') {
      index++;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return 0;
}

export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
