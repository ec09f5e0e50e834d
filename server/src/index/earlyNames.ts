// While a vault is indexed for the first time, a hover may ask about a name whose defining note has not
// been parsed yet. These helpers pick the notes worth parsing first: those whose bytes contain the word
// under the cursor, best first when it sits on a line shaped like a definition (a table row, a heading,
// a list item with a link). Only the order of parsing depends on them; what counts as an entity is still
// decided by the real parse.

/** Latin letters, digits and the joiners names use (`FlashAttention-2`, `llama.cpp`, `vllm_ext`). */
const NAME_CHAR = /[\p{Script=Latin}\p{Nd}_]/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const JOINERS = new Set(['-', '.']);
const MIN_TERM_LENGTH = 2;
/** A CJK name has no spaces around it, so only the characters under the cursor can be searched for. */
const CJK_WINDOW = 2;

/**
 * What a note defining the name under the cursor must contain (a mention may differ from it in ASCII
 * case); undefined when the cursor is on nothing name-like (spaces, punctuation, a single letter).
 */
export function searchTermAt(text: string, offset: number): string | undefined {
  const at = characterAt(text, offset);
  if (at === undefined) return undefined;
  if (CJK_CHAR.test(text[at])) return cjkWindowAt(text, at);
  if (!NAME_CHAR.test(text[at])) return undefined;
  const isPartOfName = (index: number, step: number) =>
    NAME_CHAR.test(text[index] ?? '') || (JOINERS.has(text[index] ?? '') && NAME_CHAR.test(text[index + step] ?? ''));
  let start = at;
  while (start > 0 && isPartOfName(start - 1, -1)) start--;
  let end = at + 1;
  while (end < text.length && isPartOfName(end, 1)) end++;
  const word = text.slice(start, end);
  return word.length < MIN_TERM_LENGTH ? undefined : word;
}

/** The cursor sits just after a word as often as on it: the character before counts when the one at the offset is a boundary. */
function characterAt(text: string, offset: number): number | undefined {
  const isWordish = (index: number) => index >= 0 && index < text.length && (NAME_CHAR.test(text[index]) || CJK_CHAR.test(text[index]));
  if (isWordish(offset)) return offset;
  if (isWordish(offset - 1)) return offset - 1;
  return undefined;
}

function cjkWindowAt(text: string, at: number): string | undefined {
  const start = Math.max(0, CJK_CHAR.test(text[at + 1] ?? '') ? at : at - 1);
  const window = text.slice(start, start + CJK_WINDOW);
  return window.length === CJK_WINDOW && [...window].every((char) => CJK_CHAR.test(char)) ? window : undefined;
}

/**
 * Finds the term in a note's bytes read as latin1 (one character per byte, so match offsets are byte
 * offsets, and no note needs decoding), ignoring ASCII case as mentions of longer names do.
 */
export function bytePatternOf(term: string): RegExp {
  const latin1 = Buffer.from(term, 'utf8').toString('latin1');
  return new RegExp(latin1.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
}

/** Occurrences looked at: enough to find the definition line in a note that also mentions the name often. */
const MAX_OCCURRENCES = 20;
/** Only the start of a long line is looked at. */
const MAX_LINE_BYTES = 512;

/**
 * How likely the note defines a name containing one of the terms: -1 when no term occurs at all, else the
 * best score of the lines where one does (0 for prose, more for lines shaped like definitions).
 */
export function definitionLikelihood(bytes: Uint8Array, term: RegExp): number {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = buffer.toString('latin1');
  let best = -1;
  term.lastIndex = 0;
  for (let seen = 0; seen < MAX_OCCURRENCES; seen++) {
    const match = term.exec(latin1);
    if (!match) break;
    best = Math.max(best, lineShapeScore(buffer, match.index));
  }
  return best;
}

/** A table row or heading with a repository or paper link: the likeliest shape of a definition. */
export const SUREST_DEFINITION_SCORE = 5;

const TABLE_ROW = /^\s*\|/;
const HEADING = /^\s{0,3}#{1,6}\s/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s/;
const ENTITY_LINK = /github\.com\/|arxiv\.org\/|huggingface\.co\//i;
const EXPLICIT_ENTITY = /marginalia:/;

function lineShapeScore(buffer: Buffer, at: number): number {
  const start = at === 0 ? 0 : buffer.lastIndexOf(0x0a, at - 1) + 1;
  const newline = buffer.indexOf(0x0a, at);
  const end = Math.min(newline < 0 ? buffer.length : newline, Math.max(at + 1, start + MAX_LINE_BYTES));
  const line = buffer.toString('utf8', start, end);
  let score = 0;
  // Shapes entities are defined in; see entities/extractEntities.ts.
  if (TABLE_ROW.test(line) || HEADING.test(line) || EXPLICIT_ENTITY.test(line)) score += 3;
  else if (LIST_ITEM.test(line)) score += 2;
  if (ENTITY_LINK.test(line)) score += 2;
  return score;
}
