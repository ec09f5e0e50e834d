// Headings as renames see them: which heading a `#fragment` names, and where a heading's own text stands.

import { slug } from 'github-slugger';
import type { HeadingFact, Range } from '../../parse/facts';
import type { NoteWithText } from '../edits/noteEdits';

/**
 * The index of the heading `#fragment` (decoded) names: by its slug in any case, GitHub's `user-content-`
 * prefix allowed, or else by the heading text written as a fragment (`#Getting Started`), as the link check allows.
 */
export function headingNamedBy(headings: readonly HeadingFact[], fragment: string): number | undefined {
  const wanted = fragment.toLowerCase().replace(/^user-content-/, '');
  let found = headings.findIndex((heading) => heading.slug.toLowerCase() === wanted);
  if (found < 0) {
    const asText = slug(fragment);
    found = headings.findIndex((heading) => heading.slug.toLowerCase() === asText);
  }
  return found < 0 ? undefined : found;
}

/**
 * Where a heading's text stands: after `## ` and before a closing `##` of an ATX heading, or the first line
 * of a setext one. Undefined for text written over several lines, which a new name (one line) cannot replace.
 */
export function headingTextRange(note: Pick<NoteWithText, 'text' | 'lines'>, heading: HeadingFact): Range | undefined {
  const { text, lines } = note;
  const start = lines.offsetAt(heading.range.start);
  const line = text.slice(start, lines.lineEnd(heading.range.start.line));
  const atx = /^#{1,6}(?=[ \t]|$)[ \t]*/.exec(line);
  if (atx) {
    const content = line
      .slice(atx[0].length)
      .replace(/(^|[ \t]+)#+[ \t]*$/, '')
      .replace(/[ \t]+$/, '');
    return lines.rangeOf(start + atx[0].length, start + atx[0].length + content.length);
  }
  if (heading.range.end.line !== heading.range.start.line + 1) return undefined;
  return lines.rangeOf(start, start + line.replace(/[ \t]+$/, '').length);
}
