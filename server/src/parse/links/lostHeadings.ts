// Lines written as headings that Markdown does not read as headings, so that a link to one can say
// why it goes nowhere: a `## Setup` inside an HTML block that no blank line ended or inside an HTML
// comment, one indented four spaces under a paragraph (which takes it in as a lazy continuation), or
// `#Setup` without its space.
// Read while parsing, since the checks have no text; kept only for those lines, which are few.

import { slug } from 'github-slugger';
import type { LostHeadingFact, NoteFacts } from '../facts';
import type { LineMap } from '../lineMap';
import { headingTextOf } from './headingSlugs';

// `#` to `######`, then the text: the line's start, the marks, the space after them, and the text.
const HEADING_LIKE = /^([ \t]*)(#{1,6})([ \t]*)([^\s#].*)$/gm;

type ParsedSoFar = Pick<NoteFacts, 'headings' | 'codeBlocks' | 'opaqueRanges'>;

export function lostHeadingsIn(facts: ParsedSoFar, text: string, lines: LineMap): LostHeadingFact[] {
  if (!text.includes('#')) return [];
  const headingLines = new Set(facts.headings.map((heading) => heading.range.start.line));
  const frontMatterEnd = /^---\r?\n[\s\S]*?\r?\n---/.exec(text)?.[0].length ?? 0;
  // Lines come in order, so each list is walked once, however many `#` lines and code blocks a note has.
  const inCode = walker(facts.codeBlocks.map((block): [number, number] => [block.range.start.line, block.range.end.line + 1]));
  const htmlAround = walker(facts.opaqueRanges);
  const lost: LostHeadingFact[] = [];
  for (const match of text.matchAll(HEADING_LIKE)) {
    const offset = match.index ?? 0;
    const line = lines.positionAt(offset).line;
    if (offset < frontMatterEnd || headingLines.has(line) || inCode(line) !== undefined) continue;
    const [, indent, , space, written] = match;
    const html = htmlAround(offset);
    const reason =
      html !== undefined
        ? text.startsWith('<!--', html)
          ? 'comment'
          : 'html'
        : indent.replace(/\t/g, '    ').length >= 4
          ? 'paragraph'
          : space
            ? undefined
            : 'no-space';
    const headingText = reason && headingTextOf(written.replace(/[ \t]+#+[ \t]*$/, '').trim());
    if (reason && headingText) lost.push({ slug: slug(headingText), line, reason });
  }
  return lost;
}

/** For increasing points, the start of the span among these [start, end) spans (sorted by start) that holds the point, if any. */
function walker(spans: ReadonlyArray<readonly [number, number]>): (point: number) => number | undefined {
  let next = 0;
  let reach = -1;
  let reachStart = -1;
  return (point) => {
    for (; next < spans.length && spans[next][0] <= point; next++) {
      if (spans[next][1] > reach) [reachStart, reach] = [spans[next][0], spans[next][1]];
    }
    return point < reach ? reachStart : undefined;
  };
}
