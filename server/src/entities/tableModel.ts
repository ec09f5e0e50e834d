import type { Link, Nodes, Paragraph, PhrasingContent, Strong, Table, TableCell } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Range } from '../parse/facts';
import { endOffset, startOffset } from '../parse/markdown';
import type { ParsedNote } from '../parse/parseNote';
import { leadingLink, linkNodesIn, linksIn, linkTextRange, nodeRange, textOf, urlsIn } from './mdastHelpers';

/** A table cell reduced to what entity extraction needs. */
export interface CellModel {
  text: string;
  /** The link the cell starts with, if any: in a name column, the entity's own link. */
  link?: { text: string; url: string; offset: number; textRange: Range };
  /** Where the badges before that link point (`[![Star](…shields.io…)](https://github.com/o/r)`): the thing's repository. */
  badgeUrls?: string[];
  /** The cell's only link, wherever it stands in the cell (`AlexNet` of `重读奠基作之一：[AlexNet](…)`). */
  onlyLink?: { text: string; url: string; offset: number; textRange: Range };
  /** The cell's first bold text, with where it stands: a citation's title (`"**Nile: A … coprocessor.**"`). */
  strong?: { text: string; range: Range };
  /** Every link of the cell with its text, for a column of `[[PDF](…)] [[Web](…)]` labels. */
  links?: Array<{ text: string; url: string }>;
  /** The cell as parsed, from which citation tables read `strong` and `links` when they need them. */
  node?: TableCell;
  urls: string[];
  range: Range;
}

/** A cell's first bold text; read on demand, as only citation tables need it. */
export function strongOfCell(note: ParsedNote, cell: CellModel): CellModel['strong'] {
  if (cell.node && cell.strong === undefined) cell.strong = strongOf(note, cell.node).strong;
  return cell.strong;
}

/** A cell's links with their texts; read on demand, as only citation tables need them. */
export function linksOfCell(cell: CellModel): NonNullable<CellModel['links']> {
  cell.links ??= cell.node ? linksIn(cell.node) : [];
  return cell.links;
}

export interface TableModel {
  headers: string[];
  rows: CellModel[][];
}

/** Every table of a note: GFM tables, and pipe tables GFM rejected (a delimiter row with a wrong cell count). */
export function tablesOf(note: ParsedNote): TableModel[] {
  const tables: TableModel[] = [];
  for (const node of note.nodes.tablesAndParagraphs) {
    if (node.type === 'table') tables.push(fromGfmTable(note, node));
    else if (looksLikePipeTable(note, node)) tables.push(fromPipeParagraph(note, node));
  }
  return tables;
}

function fromGfmTable(note: ParsedNote, table: Table): TableModel {
  const [header, ...rows] = table.children;
  return {
    headers: header ? header.children.map((cell) => textOf(cell)) : [],
    rows: rows.map((row) =>
      row.children.map((cell) => {
        const badges = leadingBadges(cell);
        const link = leadingLink(badges.length > 0 ? { ...cell, children: cell.children.slice(badges.length) } : cell);
        const links = linkNodesIn(cell).filter((candidate) => !isBadge(candidate));
        return {
          text: textOf(cell),
          ...(link ? { link: linkModel(note, link) } : {}),
          ...(link && badges.some(isBadge) ? { badgeUrls: badges.filter(isBadge).map((badge) => (badge as Link).url) } : {}),
          ...(!link && links.length === 1 ? { onlyLink: linkModel(note, links[0]) } : {}),
          node: cell,
          urls: urlsIn(cell),
          range: nodeRange(note, cell),
        };
      }),
    ),
  };
}

/**
 * The badges a cell opens with, with the blanks and `<br>` between them: `[![Star](…)](github…)<br>[Title](arxiv…)`.
 * A badge is a picture that links somewhere; it shows a count or a venue, never the row's name.
 */
function leadingBadges(cell: TableCell): PhrasingContent[] {
  let count = 0;
  for (const child of cell.children) {
    if (isBadge(child) || (child.type === 'text' && !child.value.trim()) || child.type === 'html') count++;
    else break;
  }
  return cell.children.slice(0, count);
}

function isBadge(node: PhrasingContent): boolean {
  return node.type === 'link' && node.children.length > 0 && node.children.every((child) => child.type === 'image');
}

function strongOf(note: ParsedNote, cell: Nodes): Pick<CellModel, 'strong'> {
  let found: Strong | undefined;
  visit(cell, 'strong', (node: Strong) => {
    found ??= node;
  });
  return found ? { strong: { text: textOf(found), range: nodeRange(note, found) } } : {};
}

function linkModel(note: ParsedNote, link: Link): NonNullable<CellModel['link']> {
  return { text: textOf(link), url: link.url, offset: startOffset(link), textRange: linkTextRange(note, link) };
}

function looksLikePipeTable(note: ParsedNote, paragraph: Paragraph): boolean {
  const source = note.text.slice(startOffset(paragraph), endOffset(paragraph));
  const lines = source.split(/\r?\n/);
  return (
    lines.length >= 3 &&
    lines.every((line) => line.trimStart().startsWith('|')) &&
    /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[1]) &&
    lines[1].includes('-')
  );
}

function fromPipeParagraph(note: ParsedNote, paragraph: Paragraph): TableModel {
  const links: Link[] = [];
  visit(paragraph, 'link', (link: Link) => {
    links.push(link);
  });
  const start = startOffset(paragraph);
  const source = note.text.slice(start, endOffset(paragraph));
  const rows: CellModel[][] = [];
  let lineStart = start;
  for (const line of source.split(/(?<=\n)/)) {
    rows.push(cellsOfLine(note, line.replace(/\r?\n$/, ''), lineStart, links));
    lineStart += line.length;
  }
  const [header, , ...body] = rows;
  return { headers: header.map((cell) => cell.text), rows: body };
}

function cellsOfLine(note: ParsedNote, line: string, lineOffset: number, links: Link[]): CellModel[] {
  const cells: CellModel[] = [];
  const bounds = pipePositions(line);
  for (let index = 0; index + 1 < bounds.length; index++) {
    const cellStart = lineOffset + bounds[index] + 1;
    const cellEnd = lineOffset + bounds[index + 1];
    const inCell = links.filter((link) => startOffset(link) >= cellStart && endOffset(link) <= cellEnd);
    const raw = note.text.slice(cellStart, cellEnd);
    const first = inCell[0];
    const before = first ? note.text.slice(cellStart, startOffset(first)).replace(/[\s*_]/g, '') : 'x';
    cells.push({
      text: plainText(raw),
      ...(first && !before ? { link: linkModel(note, first) } : {}),
      urls: inCell.map((link) => link.url),
      links: inCell.map((link) => ({ text: textOf(link), url: link.url })),
      range: note.lines.rangeOf(cellStart, cellEnd),
    });
  }
  return cells;
}

/** Offsets of the unescaped pipes outside inline code; a missing trailing pipe counts as one at the end. */
function pipePositions(line: string): number[] {
  const positions: number[] = [];
  let inCode = false;
  for (let index = 0; index < line.length; index++) {
    const c = line[index];
    if (c === '\\') {
      index++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) positions.push(index);
  }
  if (line.trimEnd().endsWith('|') === false) positions.push(line.length);
  return positions;
}

function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
