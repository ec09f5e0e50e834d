// The tail of a citation after its linked title, as reading lists write it:
//   - [Attention Is All You Need](https://arxiv.org/abs/1706.03762). *Ada Example, Bo Sample*. NeurIPS 2017. Introduces **X**.
// The names in italics are who wrote the paper and the sentence that ends in a year is where and when it
// appeared: both are fields of the card, not what the paper is. What follows them is the description.
import { isNameList } from './byline';
import type { Segment } from './segments';

export interface CitationTail {
  authors: string;
  /** `NeurIPS 2017`, `J. Mach. Learn. Res. 2019`, or a year alone. */
  venue?: string;
  summary: string;
}

/** What may stand between the title and its authors: `. `, `, `, ` - `. */
const BEFORE_AUTHORS = /^[\s.,，:;–—-]*$/;
/** A venue closes with its year; it is short, and may hold the full stops of abbreviations. */
const VENUE = /^(.{0,60}?\b(?:19|20)\d{2}[a-z]?)(?:[.。]\s+|[.。]?$)/;

/**
 * Reads authors set in italics right after a title, then the venue after them; undefined when the
 * record does not continue that way. `summarize` turns the remaining pieces into the record's summary.
 */
export function citationTail(rest: readonly Segment[], summarize: (segments: readonly Segment[]) => string): CitationTail | undefined {
  let start = 0;
  while (start < rest.length && isGap(rest[start])) start++;
  let end = start;
  while (end < rest.length && isItalicText(rest[end])) end++;
  if (end === start) return undefined;
  const authors = rest
    .slice(start, end)
    .map((segment) => (segment.kind === 'text' ? segment.text : ''))
    .join('')
    .trim()
    .replace(/[.,;]$/, '');
  if (!isNameList(authors)) return undefined;
  const after = summarize(rest.slice(end));
  const venue = VENUE.exec(after);
  // One name in italics could be an emphasised phrase (`*Highly Recommended*`): a venue after it shows a citation.
  if (!venue && !/,|\band\b|&/.test(authors)) return undefined;
  return {
    authors,
    ...(venue ? { venue: venue[1].trim() } : {}),
    summary: venue ? after.slice(venue[0].length).trim() : after,
  };
}

function isGap(segment: Segment): boolean {
  return segment.kind === 'text' && !segment.italic && BEFORE_AUTHORS.test(segment.text);
}

function isItalicText(segment: Segment): boolean {
  return segment.kind === 'text' && segment.italic === true;
}
