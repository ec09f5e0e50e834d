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

/** How a `#fragment` meets a note's anchors: as GitHub reads it, only after slugging it, or not at all. */
export type AnchorLookup = { kind: 'found' } | { kind: 'slugged'; anchor: string } | { kind: 'missing' };

/**
 * Whether `#fragment` reaches somewhere in the note the way GitHub resolves it: the anchor as written
 * (decoded), lower-cased, or with GitHub's `user-content-` prefix. Lenient where browsers are strict:
 * HTML ids and `{#id}` ids are matched ignoring case too. A fragment that only matches once slugged
 * (`#Getting Started`, punctuation left in: `#8-在…，…`) is a dead link on GitHub, though renderers that
 * match heading text follow it; the lookup names the anchor it should have been.
 */
export function lookUpAnchor(noteAnchors: readonly string[], fragment: string): AnchorLookup {
  if (!fragment || fragment.toLowerCase() === 'top' || isLineFragment(fragment)) return FOUND;
  if (/^(user-content-)?fn(ref)?-/i.test(fragment)) return FOUND;
  const anchors = anchorSetOf(noteAnchors);
  const wanted = fragment.toLowerCase().replace(/^user-content-/, '');
  // A fragment typed in another Unicode normal form than the heading is the same text to a reader.
  if (anchors.has(wanted) || anchors.has(wanted.normalize('NFC'))) return FOUND;
  const slugged = slug(fragment.replace(/^user-content-/i, '').normalize('NFC'));
  return anchors.has(slugged) ? { kind: 'slugged', anchor: slugged } : MISSING;
}

const FOUND: AnchorLookup = { kind: 'found' };
const MISSING: AnchorLookup = { kind: 'missing' };
