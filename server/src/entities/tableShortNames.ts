import { isNameLike } from './recordNames';
import type { CellModel, TableModel } from './tableModel';
import { isCommonPhrase, isFieldTerm } from './words';

// Shape: a paper table that gives each paper's short name in a column of its own, e.g.
// | Date    | keywords   | Institute | Paper                                                          |
// | 2022-04 | Chinchilla | DeepMind  | [Training Compute-Optimal Large Language Models](…/2203.15556) |
// Readers call the paper `Chinchilla`, not by its title: the cell is the paper's alias, never its summary.

const SHORT_NAME_HEADER =
  /^(?:keywords?|short ?names?|abbr\.?|abbreviations?|alias(?:es)?|aka|nick ?names?|models?|methods?|names?|简称|缩写|别名|关键词|模型|方法)$/i;
/** `Megatron-Turing NLG`, `Flan 2022 Collection`: a short name has a few words at most. */
const MAX_WORDS = 3;

/** The column of short names beside a paper table's title column, or -1. */
export function shortNameColumn(table: TableModel, titleColumn: number): number {
  return table.headers.findIndex((header, index) => index !== titleColumn && SHORT_NAME_HEADER.test(header.trim()));
}

/**
 * The cell's text when it is a name: `Chinchilla`, `GPT 1.0`, `PaLM 2`. A topic (`Scaling Law`, `Emergent
 * Abilities`, `Transformers`) names what the paper is about and would match every sentence on it; two names
 * (`Flan-T5/PaLM`) are neither one's.
 */
export function shortNameOfCell(cell: CellModel | undefined): string | undefined {
  const text = cell?.text.trim() ?? '';
  if (!text || cell?.link || cell?.onlyLink || /[/,&;|]/.test(text)) return undefined;
  const words = text.split(/\s+/);
  if (words.length > MAX_WORDS || !isNameLike(text, { link: false })) return undefined;
  if (isFieldTerm(text) || (isCommonPhrase(text) && (words.length > 1 || text === text.toLowerCase()))) return undefined;
  return text;
}
