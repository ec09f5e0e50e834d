import type { Root } from 'mdast';
import { FACTS_VERSION, type EntityCandidate, type HeadingFact, type LinkFact, type NoteFacts } from './facts';
import { FactCollector, mergeRanges } from './factCollector';
import { LineMap } from './lineMap';
import { parseMarkdown } from './markdown';
import { capNesting, MAX_NESTING } from './nesting';
import { indexNodes, NodeIndex } from './nodeIndex';
import { describeError } from './parseErrors';
import { PIECE_CHARS, readInPieces } from './pieces';
import { htmlAnchorsIn } from './links/anchors';
import { lostHeadingsIn } from './links/lostHeadings';
import { undefinedReferencesIn } from './links/references';
import { silencedLines } from './links/silencing';

export { describeError } from './parseErrors';

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
): Pick<NoteFacts, 'silencedLines' | 'htmlAnchors' | 'undefinedReferences' | 'lostHeadings'> {
  return {
    silencedLines: silencedLines(text, facts.codeBlocks),
    htmlAnchors: htmlAnchorsIn(text),
    undefinedReferences: undefinedReferencesIn(facts, text, lines),
    lostHeadings: lostHeadingsIn(facts, text, lines),
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
    blocks: collector.blocks,
    entities,
    opaqueRanges: mergeRanges(collector.opaque),
    problems: [...problems, ...collector.problems],
    silencedLines: [],
    htmlAnchors: [],
    undefinedReferences: [],
    lostHeadings: [],
  };
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
    blocks: [],
    entities: [],
    opaqueRanges: [],
    problems: [],
    silencedLines: [],
    htmlAnchors: [],
    undefinedReferences: [],
    lostHeadings: [],
  };
}
