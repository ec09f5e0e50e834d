import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import YAML from 'yaml';
import type { Code, Definition, Heading, Html, Image, ImageReference, Link, LinkReference, Nodes, Root, Text, Yaml } from 'mdast';
import type { Point } from 'unist';
import {
  FACTS_VERSION,
  type CodeBlockFact,
  type EntityCandidate,
  type HeadingFact,
  type LinkFact,
  type NoteFacts,
  type ReferenceDefinitionFact,
} from './facts';
import { LineMap } from './lineMap';
import { endOffset, parseMarkdown, startOffset } from './markdown';
import { capNesting, MAX_NESTING } from './nesting';
import { indexNodes, NodeIndex } from './nodeIndex';
import { openBlockRunsTo, PIECE_CHARS, pieceEnd } from './pieces';
import { htmlAnchorsIn } from './links/anchors';
import { normalizeLabel, undefinedReferencesIn } from './links/references';
import { silencedLines } from './links/silencing';

/** Everything an entity extractor may look at while the syntax tree still exists. */
export interface ParsedNote {
  uri: string;
  text: string;
  tree: Root;
  lines: LineMap;
  nodes: NodeIndex;
  headings: HeadingFact[];
  links: LinkFact[];
  frontMatter?: Record<string, unknown>;
  /** The lines `tree` covers, the last excluded: all of them, or one piece's of a large note. */
  lineSpan: LineSpan;
}

export interface LineSpan {
  first: number;
  end: number;
}

/**
 * Reads the entity candidates of one syntax tree, a whole note's or one piece's of a large note, while
 * the tree exists. Handed in by the caller (pipeline/noteFacts.ts) so that parse/ knows nothing of
 * entities/, which builds on it: the tree is read once, and no tree outlives its parse.
 */
export type EntityExtractor = (note: ParsedNote) => EntityCandidate[];

/**
 * Parses one note into facts, with the entity candidates `extractEntities` reads from its trees. Never
 * throws: a note that cannot be parsed yields empty facts and a problem. A note more than two pieces
 * long is parsed a piece of about `pieceChars` characters at a time.
 */
export function parseNoteWith(
  extractEntities: EntityExtractor,
  uri: string,
  text: string,
  lines = new LineMap(text),
  pieceChars = PIECE_CHARS,
): NoteFacts {
  const facts = readFacts(uri, text, lines, pieceChars, extractEntities);
  return { ...facts, ...linkCheckFacts(facts, text, lines) };
}

/**
 * What the link checks would otherwise read from the text, read while the text is at hand so that
 * checking a note never needs it. Also for notes read as plain text or not parsed at all, which
 * the checks treat like any other.
 */
function linkCheckFacts(
  facts: NoteFacts,
  text: string,
  lines: LineMap,
): Pick<NoteFacts, 'silencedLines' | 'htmlAnchors' | 'undefinedReferences'> {
  return {
    silencedLines: silencedLines(text, facts.codeBlocks),
    htmlAnchors: htmlAnchorsIn(text),
    undefinedReferences: undefinedReferencesIn(facts, text, lines),
  };
}

function readFacts(uri: string, text: string, lines: LineMap, pieceChars: number, extractEntities: EntityExtractor): NoteFacts {
  const capped = capNesting(text);
  // The parser reads the capped copy; positions are the same in both, and everything else reads the note.
  const source = capped?.text ?? text;
  const collector = new FactCollector(text, lines);
  const problems: string[] = capped ? [nestingProblem(capped.lines)] : [];
  const entities: EntityCandidate[] = [];
  const readPiece = (tree: Root, lineSpan: LineSpan): void => {
    let nodes: NodeIndex | undefined;
    try {
      nodes = collector.collect(tree);
    } catch (error) {
      problems.push(`partly indexed: ${describeError(error)}`);
    }
    try {
      // A walk that stopped part way indexed only part of the tree; the extractors still get all of it.
      nodes ??= indexNodes(tree);
      entities.push(
        ...extractEntities({
          uri,
          text,
          tree,
          lines,
          nodes,
          headings: collector.headings,
          links: collector.links,
          frontMatter: collector.frontMatter,
          lineSpan,
        }),
      );
    } catch (error) {
      problems.push(`entities not extracted: ${describeError(error)}`);
    }
  };
  if (text.length > 2 * pieceChars) {
    readInPieces(source, lines, pieceChars, readPiece, problems);
  } else {
    let tree: Root;
    try {
      tree = parseMarkdown(source, lines);
    } catch (error) {
      return { ...emptyFacts(uri), problems: [`could not parse Markdown: ${describeError(error)}`] };
    }
    readPiece(tree, { first: 0, end: lines.lineCount });
  }
  collector.resolveReferences();
  return {
    uri,
    version: FACTS_VERSION,
    title: collector.title(),
    frontMatter: collector.frontMatter,
    headings: collector.headings,
    links: collector.links,
    referenceDefinitions: collector.definitions,
    codeBlocks: collector.codeBlocks,
    entities,
    opaqueRanges: mergeRanges(collector.opaque),
    problems: [...problems, ...collector.problems],
    silencedLines: [],
    htmlAnchors: [],
    undefinedReferences: [],
  };
}

/**
 * Parses a large note a piece at a time (see pieces.ts), handing each piece's tree, its positions made
 * the note's, to `read` before the next is parsed: no more than one piece's tree exists at once. A piece
 * that cannot be parsed is reported and the others are read all the same.
 */
function readInPieces(
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

function nestingProblem(lines: readonly number[]): string {
  const where = lines.length === 1 ? `line ${lines[0] + 1}` : `${lines.length} lines from line ${lines[0] + 1}`;
  return `nested more than ${MAX_NESTING} levels deep on ${where}; what lies deeper is indexed as text`;
}

export function emptyFacts(uri: string): NoteFacts {
  return {
    uri,
    version: FACTS_VERSION,
    headings: [],
    links: [],
    referenceDefinitions: [],
    codeBlocks: [],
    entities: [],
    opaqueRanges: [],
    problems: [],
    silencedLines: [],
    htmlAnchors: [],
    undefinedReferences: [],
  };
}

class FactCollector {
  readonly headings: HeadingFact[] = [];
  readonly links: LinkFact[] = [];
  readonly definitions: ReferenceDefinitionFact[] = [];
  readonly codeBlocks: CodeBlockFact[] = [];
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
          this.addDefinition(node);
          break;
        case 'code':
          this.addCode(node);
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
    this.links.push({ kind: written, target: node.url, text, isImage, range: this.lines.rangeOf(start, end), targetRange });
    if (written === 'autolink' || isImage) this.opaque.push([start, end]);
    else this.opaque.push([start + (target ? sourceTextEnd(source) : 0), end]);
  }

  private addReference(node: LinkReference | ImageReference, isImage: boolean): void {
    const label = (node.label ?? node.identifier).toLowerCase();
    const text = node.type === 'imageReference' ? (node.alt ?? '') : toString(node);
    const range = this.rangeOf(node);
    const fact: LinkFact = { kind: 'reference', target: '', text, isImage, range, targetRange: range, referenceLabel: label };
    this.links.push(fact);
    this.pendingReferences.push({ fact, label });
  }

  private addDefinition(node: Definition): void {
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

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function describeError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the note is nested too deeply to parse';
  return error instanceof Error ? error.message : String(error);
}
