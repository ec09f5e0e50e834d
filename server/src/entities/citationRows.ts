import type { EntityCandidate } from '../parse/facts';
import { makeCandidate } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { identityOf, isHttpUrl, isPdfAddress, type Identity } from './identity';
import type { ParsedNote } from '../parse/parseNote';
import { linksOfCell, strongOfCell, type CellModel, type TableModel } from './tableModel';
import { withoutTrailingSlashes } from './trim';

// Shape: a table of citations, whose title stands in bold or quotes and whose links have a column of
// their own, e.g. (cnrv's paper list)
// | **Celio2017** | C. Celio, … "**BOOM v2: An open-source out-of-order RISC-V core.**" In _proc. of CARRV_, 2017. | [[URL](https://carrv.github.io/)] [[PDF](…/celio-boom2-carrv2017.pdf)] |
// The paper is named by its title, identified by its PDF or page, and described by the rest of the cell
// (authors, venue, year).

/** A column most of whose cells hold a bold title of a few words, quoted or not. */
const MIN_TITLE_WORDS = 3;

export function citationRowCandidates(context: ExtractionContext, table: TableModel): EntityCandidate[] {
  const note = context.note;
  const titleColumn = findTitleColumn(note, table);
  if (titleColumn < 0) return [];
  const candidates: EntityCandidate[] = [];
  for (const row of table.rows) {
    const cell = row[titleColumn];
    const title = cell && titleOf(note, cell);
    const identity = title ? paperIdentity(row, titleColumn) : undefined;
    if (!cell?.strong || !title || (!identity && !keptAsLocalPdf(row, titleColumn))) continue;
    candidates.push(
      makeCandidate({
        name: title,
        kind: 'paper',
        shape: 'table-row',
        range: cell.strong.range,
        urls: identity ? [identity.url] : [],
        identity: identity ?? null,
        summary: cell.text
          .replace(cell.strong.text, ' ')
          .replace(/["“”]\s*["“”]?/g, ' ')
          .replace(/^[\s.,]+/, ''),
      }),
    );
  }
  return candidates;
}

function findTitleColumn(note: ParsedNote, table: TableModel): number {
  for (let column = 0; column < table.headers.length; column++) {
    const cells = table.rows.map((row) => row[column]).filter((cell): cell is CellModel => Boolean(cell));
    const titled = cells.filter((cell) => titleOf(note, cell)).length;
    if (cells.length > 0 && titled * 2 >= cells.length) return column;
  }
  return -1;
}

/** The bold title of a citation, without its closing period; a bold key (`**Celio2017**`) is not one. */
function titleOf(note: ParsedNote, cell: CellModel): string | undefined {
  const title = strongOfCell(note, cell)
    ?.text.replace(/^["“]|["”]$/g, '')
    .replace(/[.。]$/, '')
    .trim();
  if (!title || title.split(/\s+/).length < MIN_TITLE_WORDS) return undefined;
  return title;
}

/**
 * `[Note](…/issues/22)` beside `[Paper](…)`: the reader's notes on the paper, kept in their own repository
 * or issue tracker; an address about the paper, never the paper's.
 */
const READING_NOTES_LINK = /^(?:my |reading )?notes?$|^(?:阅读|读书|论文)?笔记$/i;

/** The paper's own link among the row's other cells: a paper identity, else a PDF, else its page. */
function paperIdentity(row: CellModel[], titleColumn: number): Identity | undefined {
  const links = row
    .flatMap((cell, index) => (index === titleColumn ? [] : linksOfCell(cell)))
    .filter((link) => !READING_NOTES_LINK.test(link.text.trim()));
  const identities = links
    .map((link) => ({ link, identity: identityOf(link.url) }))
    .filter((entry): entry is { link: (typeof links)[number]; identity: Identity } => Boolean(entry.identity));
  const paper = identities.find(({ identity }) => identity.kind === 'paper');
  const pdf = identities.find(({ link }) => /pdf/i.test(link.text) || isPdfAddress(link.url));
  // A conference's front page beside a PDF is where the paper was shown, not the paper.
  const page = identities.find(({ identity }) => pathOf(identity.url) !== '');
  return (paper ?? pdf ?? page)?.identity;
}

/**
 * `[Paper](papers/osdi23-mai.pdf)`: the reader keeps the paper's PDF beside the notes. No address names it
 * for anyone else, but the bold title still does, so the row is a card known by that title.
 */
function keptAsLocalPdf(row: CellModel[], titleColumn: number): boolean {
  return row.some(
    (cell, index) => index !== titleColumn && linksOfCell(cell).some((link) => !isHttpUrl(link.url) && isPdfAddress(link.url)),
  );
}

function pathOf(url: string): string {
  try {
    return withoutTrailingSlashes(new URL(url).pathname);
  } catch {
    return '';
  }
}
