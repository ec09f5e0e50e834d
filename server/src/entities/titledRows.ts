import type { EntityCandidate } from '../parse/facts';
import { makeCandidate, squashName } from './candidate';
import type { ExtractionContext } from './extractEntities';
import { identityOf, isPdfAddress, type Identity } from './identity';
import { isGenericLinkText } from './names';
import { cleanLinkName, isNameLike } from './recordNames';
import { linksOfCell, type CellModel, type TableModel } from './tableModel';
import { isCommonPhrase } from './words';

// Shape: a paper table whose title is plain text and whose links stand in columns of their own, as LLM
// paper lists write them:
// |Date|Title|Paper|Code|Recom|
// |2023.09|🔥[**vLLM**] Efficient Memory Management for … PagedAttention(@UC Berkeley etc)|[[pdf]](https://arxiv.org/pdf/2309.06180.pdf)|[[vllm]](https://github.com/vllm-project/vllm)|⭐️⭐️|
// Each row gives the paper, named by its title (the bracketed tag an alias when it is a name), and the
// repository of its code, named by its link when the link names that repository.

const TITLE_HEADER = /^(?:titles?|papers?|标题|论文|题目|论文标题|paper titles?)$/i;
const CODE_HEADER = /^(?:code|codes|代码|源码|github|repo|repository|implementation|实现)$/i;
/** `🔥[**vLLM**] Efficient …(@UC Berkeley etc)`: decoration, a bracketed tag, the title, then who wrote it. */
const LEADING_TAG = /^[^\p{L}\p{N}[]*\[([^[\]]{1,60})\]\s*/u;
/**
 * `(@UC Berkeley etc)` closing a title says who wrote it; `(PaLM)` without the `@` is a name the title gives.
 * No leading `\s*`: tried at every offset of a long run of blanks, it would cost quadratic time (see trim.ts).
 */
const AFFILIATION = /[(（]@([^()（）]{1,80})[)）]\s*$/;
/** Words most titles of a column have, for it to be a column of titles. */
const MIN_TITLE_WORDS = 3;

export function titledRowCandidates(context: ExtractionContext, table: TableModel): EntityCandidate[] {
  const titleColumn = table.headers.findIndex((header) => TITLE_HEADER.test(header.trim()));
  if (titleColumn < 0 || !holdsPlainTitles(table, titleColumn)) return [];
  const codeColumn = table.headers.findIndex((header, index) => index !== titleColumn && CODE_HEADER.test(header.trim()));
  const candidates: EntityCandidate[] = [];
  for (const row of table.rows) {
    // Once the column holds titles, a short one (`TP-AWARE DEQUANTIZATION`) is a title too.
    const title = row[titleColumn] && titleOf(row[titleColumn].text, 1);
    if (!title) continue;
    const link = paperLinkOf(row, titleColumn, codeColumn);
    const paper = link ? paperCandidate(context, row[titleColumn], title, link) : undefined;
    if (paper) candidates.push(paper);
    const code = codeColumn >= 0 ? codeRepositoryOf(row[codeColumn]) : undefined;
    if (code) {
      context.claimedLinks.add(code.link.offset);
      candidates.push(codeCandidate(code, title, paper ? [paper.name, ...paper.aliases] : [title.tag ?? '']));
    }
  }
  return candidates;
}

interface Title {
  text: string;
  tag?: string;
  team?: string;
}

/** A column whose cells are titles in their own words, not links (those are name columns, read elsewhere). */
function holdsPlainTitles(table: TableModel, column: number): boolean {
  const cells = table.rows.map((row) => row[column]).filter((cell): cell is CellModel => Boolean(cell));
  const titled = cells.filter((cell) => !cell.link && !cell.onlyLink && titleOf(cell.text, MIN_TITLE_WORDS)).length;
  return cells.length > 0 && titled * 2 >= cells.length;
}

function titleOf(cellText: string, minWords: number): Title | undefined {
  const tagged = LEADING_TAG.exec(cellText);
  const rest = tagged ? cellText.slice(tagged[0].length) : cellText.replace(/^[^\p{L}\p{N}]+/u, '');
  const affiliation = AFFILIATION.exec(rest);
  const text = (affiliation ? rest.slice(0, affiliation.index) : rest).replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text) || text.split(' ').length < minWords) return undefined;
  return { text, tag: tagged?.[1].trim(), team: affiliation?.[1].trim() };
}

interface RowLink {
  text: string;
  url: string;
  offset?: number;
  identity: Identity;
}

/** The paper's own link among the other cells: an arXiv or other paper address, or a PDF. */
function paperLinkOf(row: CellModel[], titleColumn: number, codeColumn: number): RowLink | undefined {
  for (const [index, cell] of row.entries()) {
    if (index === titleColumn || index === codeColumn) continue;
    for (const link of linksOf(cell)) {
      const identity = identityOf(link.url);
      if (identity && (identity.kind === 'paper' || isPdfAddress(identity.url))) return { ...link, identity };
    }
  }
  return undefined;
}

function linksOf(cell: CellModel): Array<{ text: string; url: string; offset?: number }> {
  const leading = cell.link ?? cell.onlyLink;
  return leading ? [leading] : linksOfCell(cell);
}

function paperCandidate(context: ExtractionContext, cell: CellModel, title: Title, paper: RowLink): EntityCandidate {
  if (paper.offset !== undefined) context.claimedLinks.add(paper.offset);
  const cleaned = cleanLinkName(title.text, paper.identity);
  const tag = title.tag && isTagAName(title.tag) ? [title.tag] : [];
  return makeCandidate({
    name: cleaned?.name ?? title.text,
    kind: 'paper',
    shape: 'table-row',
    range: cell.range,
    urls: [paper.url],
    identity: paper.identity,
    aliases: [...tag, ...(cleaned?.aliases ?? [])],
    summary: cleaned?.subtitle ?? cleaned?.description ?? '',
    fields: title.team ? { team: title.team } : {},
  });
}

/**
 * `[vLLM]` before a title is what readers call the paper; `[Continuous Batching]` and `[Speculative
 * Decoding]` are its topic, even when the title holds them, and would match every sentence on it.
 */
function isTagAName(tag: string): boolean {
  return !/\s/.test(tag) && isNameLike(tag, { link: false }) && !/[?？!！]/.test(tag) && !isCommonPhrase(tag.toLowerCase());
}

interface CodeLink {
  name: string;
  link: NonNullable<CellModel['link']>;
  identity: Identity;
}

/** The repository in the code cell, when its link names it (`[[vllm]](…/vllm-project/vllm)`, not `[[deepspeed-fastgen]](…/DeepSpeed)`). */
function codeRepositoryOf(cell: CellModel | undefined): CodeLink | undefined {
  const link = cell?.link ?? cell?.onlyLink;
  if (!link || isGenericLinkText(link.text)) return undefined;
  const identity = identityOf(link.url, link.text);
  const cleaned = identity?.kind === 'repository' ? cleanLinkName(link.text, identity) : undefined;
  if (!identity?.repositoryName || !cleaned) return undefined;
  if (squashName(cleaned.name) !== squashName(identity.repositoryName)) return undefined;
  return { name: cleaned.name, link, identity };
}

/**
 * The code of `[vLLM] Efficient Memory Management …` is vLLM, which the title describes; the code of
 * `ZeroQuant: …` kept in DeepSpeed is not described by it, so there the title is only the paper it holds.
 */
function codeCandidate(code: CodeLink, title: Title, paperNames: string[]): EntityCandidate {
  const describes = paperNames.some((name) => squashName(name) === squashName(code.name));
  return makeCandidate({
    name: code.name,
    shape: 'table-row',
    range: code.link.textRange,
    urls: [code.link.url],
    identity: code.identity,
    summary: describes ? title.text : '',
    fields: describes ? {} : { paper: title.text },
  });
}
