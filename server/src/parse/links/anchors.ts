// Which `#fragment`s a note answers to: GitHub-style heading slugs (CJK and `-1` suffixes come
// from the parser), explicit `{#id}` heading ids, and HTML `id`/`name` anchors.

import { slug } from 'github-slugger';
import type { NoteFacts } from '../facts';
import { isLineFragment } from './target';

/** The parts of a note's facts its anchors come from. */
type AnchorSource = Pick<NoteFacts, 'headings' | 'htmlAnchors'>;

/** Lower-cased anchors of a note: heading slugs, explicit `{#id}` heading ids and HTML anchors, each once. */
export function noteAnchors(facts: AnchorSource): string[] {
  const anchors = new Set<string>(facts.htmlAnchors);
  for (const heading of facts.headings) {
    anchors.add(heading.slug.toLowerCase());
    const explicit = /\{#([^\s}]+)\}\s*$/.exec(heading.text)?.[1];
    if (explicit) anchors.add(explicit.toLowerCase());
  }
  return [...anchors];
}

/** A note's anchors as a set, made once per list: a list is replaced whenever its note is parsed again. */
const anchorSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function anchorSetOf(anchors: readonly string[]): ReadonlySet<string> {
  let set = anchorSets.get(anchors);
  if (!set) anchorSets.set(anchors, (set = new Set(anchors)));
  return set;
}

/** Lower-cased anchors written in HTML (`<a id="x">`, `<a name="x">`); read at parse time because the facts keep no HTML. */
export function htmlAnchorsIn(text: string): string[] {
  const anchors = new Set<string>();
  for (const match of text.matchAll(/<[a-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    anchors.add((match[1] ?? match[2] ?? match[3] ?? '').toLowerCase());
  }
  return [...anchors];
}

/**
 * Whether `#fragment` reaches somewhere in the note. Lenient where renderers differ: case is
 * ignored, GitHub's `user-content-` prefix is accepted, and a fragment written as heading text
 * (`#Getting Started`) counts when it slugs to a heading's anchor.
 */
export function hasAnchor(noteAnchors: readonly string[], fragment: string): boolean {
  if (!fragment || fragment.toLowerCase() === 'top' || isLineFragment(fragment)) return true;
  if (/^(user-content-)?fn(ref)?-/i.test(fragment)) return true;
  const anchors = anchorSetOf(noteAnchors);
  const wanted = fragment.toLowerCase().replace(/^user-content-/, '');
  return anchors.has(wanted) || anchors.has(slug(fragment));
}
