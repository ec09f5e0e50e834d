import type { Heading, RootContent } from 'mdast';
import type { ParsedNote } from '../parse/parseNote';

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
