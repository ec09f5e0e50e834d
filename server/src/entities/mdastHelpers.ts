import { toString } from 'mdast-util-to-string';
import type { Link, Nodes, PhrasingContent, Parent } from 'mdast';
import { endOffset, startOffset } from '../parse/markdown';
import type { Range } from '../parse/facts';
import type { ParsedNote } from '../parse/parseNote';

export function textOf(node: Nodes): string {
  return toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}

/** The link a cell, heading or paragraph starts with, ignoring blanks and emphasis around it. */
export function leadingLink(parent: Parent): Link | undefined {
  for (const child of parent.children as PhrasingContent[]) {
    if (child.type === 'text' && !child.value.trim()) continue;
    if (child.type === 'link') return child;
    if ((child.type === 'strong' || child.type === 'emphasis') && child.children.length) return leadingLink(child);
    return undefined;
  }
  return undefined;
}

/** The range of a link's visible text (inside the brackets), where a reader's cursor lands on the name. */
export function linkTextRange(note: ParsedNote, link: Link): Range {
  const first = link.children[0];
  const last = link.children[link.children.length - 1];
  if (first && last && first.position && last.position) return note.lines.rangeOf(startOffset(first), endOffset(last));
  return nodeRange(note, link);
}

export function nodeRange(note: ParsedNote, node: Nodes): Range {
  return note.lines.rangeOf(startOffset(node), endOffset(node));
}

/** Range of `needle` inside a node's source, falling back to the whole node. */
export function rangeOfText(note: ParsedNote, node: Nodes, needle: string): Range {
  const start = startOffset(node);
  const at = note.text.slice(start, endOffset(node)).indexOf(needle);
  return at < 0 ? nodeRange(note, node) : note.lines.rangeOf(start + at, start + at + needle.length);
}

/** Every link node inside a node, in document order (links do not nest). */
export function linkNodesIn(node: Nodes): Link[] {
  const links: Link[] = [];
  const walk = (current: Nodes): void => {
    if (current.type === 'link') links.push(current);
    else if ('children' in current) for (const child of current.children as Nodes[]) walk(child);
  };
  walk(node);
  return links;
}

/** Every link URL inside a node, in document order. */
export function urlsIn(node: Nodes): string[] {
  return linkNodesIn(node).map((link) => link.url);
}

/** Every link inside a node with its visible text, in document order. */
export function linksIn(node: Nodes): Array<{ url: string; text: string }> {
  return linkNodesIn(node).map((link) => ({ url: link.url, text: textOf(link) }));
}

/** The URLs of the links inside a node, found without building anything else: most blocks have none. */
export function linkUrlsIn(node: Nodes, out: string[] = []): string[] {
  if (node.type === 'link') out.push(node.url);
  else if ('children' in node) for (const child of node.children as Nodes[]) linkUrlsIn(child, out);
  return out;
}
