// The byline after a paper's title: `by Jacob Devlin, Ming-Wei Chang and Kristina Toutanova.`,
// `by Tom B. Brown (OpenAI) et al. - "We train GPT-3 …"`, `by Yandex is a GPT-like model …`. Authors are
// read name by name rather than up to the first full stop: initials (`William W. Cohen`) carry full stops,
// and a byline may run straight into the sentence that describes the paper. What follows the names is
// the record's description.
import { charsOf, trimChars } from './trim';

export interface Byline {
  /** What the record says after its byline (or the whole text when it has none). */
  summary: string;
  authors?: string;
}

/** An initial (`W.`), a capitalised word (`Ming-Wei`, `O'Neil`, `Łukasz`), Han characters, or a year. */
const NAME_WORD = /(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}\p{N}'’-]*|\p{Script=Han}{1,8}|(?:19|20)\d{2})/uy;
/** Lower-case words inside a name: `Ludwig van Beethoven`, `Vincent de Paul`, `Georgia Institute of Technology`. */
const PARTICLE = /\s+(?:van|von|de|der|den|da|di|du|del|la|le|of)\s+(?=\p{Lu})/uy;
const WORD_GAP = /\s+/y;
/** `(OpenAI)` after a name says where its author works. */
const AFFILIATION = /\s*\([^()\n]{1,100}\)/y;
/** `,`, `&`, `and`, and `@` or `at` between a team and its company (`by Llama Team, AI @ Meta, Jul 2024`, `by FAIR at Meta`). */
const NAME_SEPARATOR = /(?:\s*[,&@]\s*(?:and\s+)?|\s+(?:and|at)\s+)/y;
/** `by Borgeaud et al. at DeepMind`: where the authors work, after `et al.`. */
const AT = /\s+at\s+/y;
const ET_AL = /(?:,\s*|\s+)et\.?\s+al\b\.?/y;
/** `et al., 2023`: the year closes the byline. */
const YEAR = /\s*,\s*(?:19|20)\d{2}\b/y;
const BY = /^(?:by|from)\s+/;
/** `from Facebook AI - Multimodal …` is a byline; `from PyTorch to TensorRT` is not: after `from`, the names end a clause. */
const CLAUSE_END = /^\s*(?:$|[-–—.:;,，。：；])/;
// No pattern here nests one run of blanks in another: a long run of spaces costs linear time (see trim.ts).

/** Splits `by <names>` off the start of a record's rest; text without a byline is all summary. */
export function splitByline(text: string): Byline {
  const by = BY.exec(text);
  if (!by) return { summary: text };
  let end = namesEnd(text, by[0].length);
  if (end === undefined) return { summary: text };
  const etAl = matchAt(ET_AL, text, end);
  if (etAl !== undefined) end = matchAt(YEAR, text, etAl) ?? etAl;
  const at = etAl === undefined ? undefined : matchAt(AT, text, end);
  const workplace = at === undefined ? undefined : namesEnd(text, at);
  if (workplace !== undefined) end = workplace;
  if (by[0].startsWith('from') && !CLAUSE_END.test(text.slice(end))) return { summary: text };
  const authors = text.slice(by[0].length, end).trim();
  const rest = trimChars(text.slice(end), charsOf(':：-–—,，.。;；|/'), { end: false });
  return { summary: rest, authors };
}

/** Where the run of names starting at `from` ends, or undefined when no name starts there. */
function namesEnd(text: string, from: number): number | undefined {
  const first = nameEnd(text, from);
  if (first === undefined) return undefined;
  let end: number = first;
  for (;;) {
    const separator: number | undefined = matchAt(NAME_SEPARATOR, text, end);
    const next: number | undefined = separator === undefined ? undefined : nameEnd(text, separator);
    if (next === undefined) return end;
    end = next;
  }
}

/** One name: words and initials, lower-case particles between them, then an optional affiliation. */
function nameEnd(text: string, from: number): number | undefined {
  const first = matchAt(NAME_WORD, text, from);
  if (first === undefined) return undefined;
  let end: number = first;
  for (;;) {
    const gap: number | undefined = matchAt(PARTICLE, text, end) ?? matchAt(WORD_GAP, text, end);
    const word: number | undefined = gap === undefined ? undefined : matchAt(NAME_WORD, text, gap);
    if (word === undefined) break;
    end = word;
  }
  return matchAt(AFFILIATION, text, end) ?? end;
}

function matchAt(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text) ? pattern.lastIndex : undefined;
}

/**
 * Whether a line is nothing but the authors: `Alexander Beischl (Technical University of Munich, Germany),
 * Timo Kersten (…), …`, as a paper list writes under its titles. Most of it must read as names, and more
 * than one; a stray lower-case name (`Batchakui bernabé`) may end the run early.
 */
export function isAuthorList(text: string): boolean {
  const line = text.trim();
  const end = namesEnd(line, 0);
  if (end === undefined || !/,|\band\b|&/.test(line.slice(0, end))) return false;
  return end >= line.length * AUTHOR_SHARE;
}

const AUTHOR_SHARE = 0.8;

/** `,`, `&` or `and` between the names of a list set apart from the text (in italics, say). */
const LIST_SEPARATOR = /\s*(?:,|&|\band\b)\s*/;
/** Most items must read as names whole: a stray lower-case one (`Cyprien de Masson d’Autume`) is forgiven. */
const NAME_ITEM_SHARE = 0.8;

/**
 * Whether a run of text set apart from a record is nothing but people's names (`Ada B. Example, Bo Sample
 * and Quinn Lee`, or one name). Unlike `isAuthorList`, which finds where a run of names ends in running
 * text, the whole text here is known to be one list, so each item is read as one name on its own.
 */
export function isNameList(text: string): boolean {
  const items = text
    .trim()
    .replace(/[.,;]$/, '')
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) return false;
  const names = items.filter((item) => namesEnd(item, 0) === item.length && /\s/.test(item)).length;
  return names >= items.length * NAME_ITEM_SHARE;
}

/** A surname: one capitalised word (`Vaswani`, `O’Neil`); a name with inner capitals (`PyTorch`) is a product's. */
const SURNAME = String.raw`\p{Lu}[\p{Ll}'’-]{1,30}`;
/** `等人`, `et al.`, `和 Le`: the words that make a surname a citation of a paper, with or without its year. */
const OTHERS = String.raw`(?:\s*等人?|\s+et\.?\s+al\.?|\s*(?:和|与)\s*${SURNAME})`;
/** `, 2019`, `（2020）`, `，2018年`; after `et al` a space will do. */
const CITED_YEAR = String.raw`(?:19|20)\d{2}[a-z]?\s*年?\s*[)）]?`;
const SET_OFF_YEAR = String.raw`\s*[,，(（]\s*${CITED_YEAR}`;
/** `Wang等人，2019年`, `Trinh和Le`, `Vaswani et al`, `Kudo & Le, 2018`, `Smith (2020)`; not `Windows 2000`. */
const AUTHOR_CITATION = new RegExp(
  String.raw`^${SURNAME}(?:${OTHERS}(?:${SET_OFF_YEAR}|\s+${CITED_YEAR})?|(?:\s*[&＆]\s*${SURNAME})?${SET_OFF_YEAR})$`,
  'u',
);

/**
 * Whether a link's text cites a paper by its authors (`[Wang等人，2019年](https://arxiv.org/…)`, `[Vaswani
 * et al](…)`): who wrote it, as a sentence refers to a paper, never what the paper is called.
 */
export function isAuthorCitation(text: string): boolean {
  return text.length <= 60 && AUTHOR_CITATION.test(text.trim());
}
