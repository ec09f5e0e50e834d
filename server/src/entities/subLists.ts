import type { List, ListItem, Node } from 'mdast';
import { holdsNoDescription } from './linkLines';
import { linkUrlsIn } from './mdastHelpers';

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

// A bullet's description indented by a single space (`* [Name](…)` over ` * what it is`) is not indented
// enough to nest, so Markdown reads it as the next item of the same list. Written on the very next line,
// without a link and with its marker further right than the item's, it is still the item's description;
// a next item at the item's own indent is an item of its own.

/** `next` when it is the under-indented description of the link-only `item`, else undefined. */
export function underIndentedDescription(item: ListItem, next: ListItem | undefined): ListItem | undefined {
  if (!next || !isLinkOnly(item) || linkUrlsIn(next).length > 0) return undefined;
  const itemStart = item.position?.start;
  const nextStart = next.position?.start;
  const itemEnd = item.position?.end.line;
  if (!itemStart || !nextStart || itemEnd === undefined) return undefined;
  return nextStart.line === itemEnd + 1 && nextStart.column > itemStart.column ? next : undefined;
}

/** An item that is only its link line: a paragraph of links and remarks, nothing under it. */
function isLinkOnly(item: ListItem): boolean {
  const [lead, ...rest] = item.children;
  return rest.length === 0 && lead?.type === 'paragraph' && linkUrlsIn(lead).length > 0 && holdsNoDescription(lead);
}
