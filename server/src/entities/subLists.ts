import type { List, Node } from 'mdast';

// A numbered item whose sub-items are indented too little for Markdown (`2. [Title](…)` over `  - Uses
// smart caching …`, or over `- …` at the margin) ends its list, and the bullets become a list of their
// own. Written on the very next line, a list of the other kind is the item's sub-items as its writer
// meant them: a new list of its own would be separated by a blank line, or use the same kind of marker.

/** The list `next` when it is the under-indented sub-list of `list`'s last item, else undefined. */
export function underIndentedSubList(list: List, next: Node | undefined): List | undefined {
  if (next?.type !== 'list') return undefined;
  const following = next as List;
  if (Boolean(following.ordered) === Boolean(list.ordered)) return undefined;
  const end = list.position?.end.line;
  const start = following.position?.start.line;
  return end !== undefined && start === end + 1 ? following : undefined;
}
