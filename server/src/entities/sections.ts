import type { Heading, RootContent } from 'mdast';
import type { ParsedNote } from '../parse/parseNote';
import { textOf } from './mdastHelpers';

export interface Section {
  heading: Heading;
  /** Index of the heading among the root's children. */
  index: number;
  /** The blocks under the heading, up to the next heading of the same or a higher level. */
  body: RootContent[];
}

/** Top-level headings with the blocks they own. */
export function sectionsOf(note: ParsedNote): Section[] {
  const children = note.tree.children;
  const sections: Section[] = [];
  children.forEach((node, index) => {
    if (node.type !== 'heading') return;
    let end = index + 1;
    while (end < children.length) {
      const next = children[end];
      if (next.type === 'heading' && next.depth <= node.depth) break;
      end++;
    }
    sections.push({ heading: node, index, body: children.slice(index + 1, end) });
  });
  return sections;
}

/**
 * Headings over entries that are pieces of writing, not projects: a digest's `## 文章`, `## 言论`,
 * `## 往年回顾`, a list's `## Articles` or `## Further reading`. Decoration and numbering around the word are
 * allowed (`## 📖 推荐阅读`, `## 3. Articles`).
 */
const WRITING_HEADING =
  /^(?:文章|文摘|言论|新闻|资讯|动态|科技动态|图片|往年回顾|往期回顾|回顾|往期|阅读|推荐阅读|延伸阅读|博客|博文|访谈|视频|播客|articles?|blog ?posts?|posts|reading|readings|reading list|further reading|news|essays?|talks?|videos?|podcasts?|interviews?|past issues|archives?|pictures?|images?)$/i;

/** The line spans (first and last line, 0-based) of sections headed as writing; a few spans per note. */
export function writingSectionSpans(note: ParsedNote): Array<{ start: number; end: number }> {
  return sectionsOf(note)
    .filter((section) => WRITING_HEADING.test(headingWords(textOf(section.heading))))
    .map((section) => ({
      start: section.heading.position?.start.line ?? 1,
      end: (section.body[section.body.length - 1] ?? section.heading).position?.end.line ?? 1,
    }))
    .map(({ start, end }) => ({ start: start - 1, end: end - 1 }));
}

/** The heading's text from its first letter to its last: decoration, numbering and emoji around it dropped, in one pass. */
function headingWords(text: string): string {
  const letters = [...text];
  const first = letters.findIndex((char) => LETTER.test(char));
  if (first < 0) return '';
  let last = letters.length - 1;
  while (!LETTER.test(letters[last])) last--;
  return letters
    .slice(first, last + 1)
    .join('')
    .trim();
}

const LETTER = /\p{L}/u;
