import type { EntityCandidate } from '../parse/facts';
import { makeCandidate } from './candidate';
import { citationRowCandidates } from './citationRows';
import { identityOf } from './identity';
import type { ExtractionContext } from './extractEntities';
import { isGenericLabel, isGenericLinkText } from './names';
import { tablesOf, type CellModel, type TableModel } from './tableModel';
import { withoutKeeper } from './recordNames';
import { shortNameColumn, shortNameOfCell } from './tableShortNames';
import { titledRowCandidates } from './titledRows';

// Shape 1: tables listing projects or papers, one per row, e.g.
// | 1 | [vLLM](https://github.com/vllm-project/vllm) | UC Berkeley | vLLM 是… |

const INDEX_HEADER = /^(编号|序号|#|no\.?|id|排名|rank|序)$/i;
/** Headers of a column saying who made each row's thing: its `team` field, never its name. */
const TEAM_HEADERS = '团队|team|机构|组织|organi[sz]ation|公司|company|institutes?|institutions?|affiliations?';
/** Headers of a column naming each row's developer: its `developer` field. */
const DEVELOPER_HEADERS = '开发者|开发商|developers?';
const NOT_A_NAME_HEADER = new RegExp(
  `^(日期|时间|date|time|作者|authors?|${TEAM_HEADERS}|org|${DEVELOPER_HEADERS}|链接|地址|links?|urls?|homepage|主页|官网|github|gitee|csdn|blog|博客|知乎|实例|examples?|demo|licen[sc]e|许可|stars?|版本|version|语言|languages?|备注|notes?|描述|介绍|详情|简介|说明|descriptions?|summary|details|代码|code|pdf)$`,
  'i',
);
const TEAM_HEADER = new RegExp(`^(${TEAM_HEADERS})$`, 'i');
const DEVELOPER_HEADER = new RegExp(`^(${DEVELOPER_HEADERS})$`, 'i');
const NAME_HEADER =
  /(名称|名字|项目|模型|论文|工具|框架|库|引擎|系统|平台|name|project|paper|model|tool|framework|library|engine|system|title|标题|repo|仓库)/i;
const SUMMARY_HEADER = /(描述|介绍|详情|简介|说明|概述|摘要|description|summary|details|abstract|notes?|备注)/i;
const PAPER_HEADER = /(论文|paper)/i;
const EMPTY_CELL = /^(na|n\/a|none|-|—|无|暂无|\?)?$/i;

export function tableRowCandidates(context: ExtractionContext): EntityCandidate[] {
  return tablesOf(context.note).flatMap((table) => candidatesOfTable(context, table));
}

function candidatesOfTable(context: ExtractionContext, table: TableModel): EntityCandidate[] {
  const nameColumn = findNameColumn(table);
  if (nameColumn < 0) {
    const citations = citationRowCandidates(context, table);
    return citations.length > 0 ? citations : titledRowCandidates(context, table);
  }
  const summaryColumn = table.headers.findIndex((text, index) => index !== nameColumn && SUMMARY_HEADER.test(text));
  const isPaperTable = PAPER_HEADER.test(table.headers[nameColumn]);
  const columns: Columns = { name: nameColumn, summary: summaryColumn, shortName: shortNameColumn(table, nameColumn) };
  return table.rows
    .map((row) => candidateOfRow(context, table.headers, row, columns, isPaperTable))
    .filter((candidate): candidate is EntityCandidate => Boolean(candidate));
}

interface Columns {
  name: number;
  summary: number;
  /** A column that may hold each paper's short name (tableShortNames.ts), or -1. */
  shortName: number;
}

/**
 * The column that names each row: the first that is neither an index, a date, a person nor a link list
 * and whose cells link their names (a `名字`/`name`-like header needs only some links). A column of
 * ticks or years before it is skipped.
 */
function findNameColumn(table: TableModel): number {
  for (let column = 0; column < table.headers.length; column++) {
    const header = table.headers[column];
    const cells = table.rows.map((row) => row[column]).filter((cell): cell is CellModel => Boolean(cell));
    const texts = cells.map((cell) => cell.text).filter((text) => !EMPTY_CELL.test(text));
    if (INDEX_HEADER.test(header) || NOT_A_NAME_HEADER.test(header)) continue;
    if (texts.length > 0 && texts.every((text) => /^[\d\s.\-/:]+$/.test(text))) continue;
    // `[[pdf]](…)` in every row is a column of links to the row's thing, not of its names.
    const linked = cells.filter((cell) => {
      const link = cell.link ?? cell.onlyLink;
      return link && !isGenericLinkText(link.text);
    }).length;
    if (linked > 0 && (NAME_HEADER.test(header) || linked * 2 >= texts.length)) return column;
  }
  return -1;
}

function candidateOfRow(
  context: ExtractionContext,
  headers: string[],
  row: CellModel[],
  columns: Columns,
  isPaperTable: boolean,
): EntityCandidate | undefined {
  const { name: nameColumn, summary: summaryColumn } = columns;
  const nameCell = row[nameColumn];
  if (!nameCell) return undefined;
  // `9年后重读深度学习奠基作之一：[AlexNet](…)`: the one link of a title cell is the row's name.
  const link = nameCell.link ?? nameCell.onlyLink;
  const name = link ? link.text : nameCell.text;
  if (EMPTY_CELL.test(name) || isGenericLabel(name) || name.length > 200) return undefined;
  if (link) context.claimedLinks.add(link.offset);
  const isPaper = (link && /arxiv\.org/i.test(link.url)) || isPaperTable;
  const shortName = isPaper && columns.shortName >= 0 ? shortNameOfCell(row[columns.shortName]) : undefined;
  const declaredSummary = summaryColumn >= 0 ? row[summaryColumn] : undefined;
  // Rows with a missing cell shift their text left, so fall back to the longest cell: one that says what
  // the row is, not who made it or what it is called.
  const labels = headers.map((header, index) => index === columns.shortName || fieldName(header) === 'team');
  const summaryCell =
    declaredSummary && !EMPTY_CELL.test(declaredSummary.text) ? declaredSummary : longestOtherCell(row, nameColumn, labels);
  const fields: Record<string, string> = {};
  row.forEach((cell, index) => {
    const header = headers[index] ?? '';
    if (index === nameColumn || cell === summaryCell || !header || INDEX_HEADER.test(header) || EMPTY_CELL.test(cell.text)) return;
    fields[fieldName(header)] = cell.text;
  });
  const called = withoutKeeper(name);
  return makeCandidate({
    name: called,
    shape: 'table-row',
    range: link ? link.textRange : nameCell.range,
    urls: link ? [link.url, ...(nameCell.badgeUrls ?? [])] : nameCell.urls,
    summary: summaryCell?.text ?? '',
    fields,
    kind: isPaper ? 'paper' : undefined,
    aliases: [...(shortName ? [shortName] : []), ...(called !== name ? [name] : [])],
    // A row without a link (or with one to an anchor) names something only if a linked record elsewhere gives it an identity.
    weak: !link || !identityOf(link.url, name),
  });
}

function longestOtherCell(row: CellModel[], nameColumn: number, labels: boolean[]): CellModel | undefined {
  let best: CellModel | undefined;
  row.forEach((cell, index) => {
    if (index !== nameColumn && !labels[index] && cell.text.length > 15 && (!best || cell.text.length > best.text.length)) best = cell;
  });
  return best;
}

function fieldName(header: string): string {
  if (TEAM_HEADER.test(header.trim())) return 'team';
  if (DEVELOPER_HEADER.test(header)) return 'developer';
  return header;
}
