// Suggestions for a dead link: the existing files and headings closest to what was written. Only
// plausible ones: a suggestion far from the written name is noise, not help. Each is scored on all
// that was written: a file on its folders as well as its name (`wg-api-expression/README.md` is not
// any README.md), a heading on the link's text as well as its fragment (`[C++](#cpp)` is not `#c`).

import * as path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { URI } from 'vscode-uri';
import type { HeadingFact } from '../../parse/facts';

export interface Suggestion<T> {
  value: T;
  /** From 0 (nothing alike) to 1 (the same); suggestions come most similar first. */
  similarity: number;
}

/** Below this, a suggestion is a guess: offered, never preferred, so "fix all" cannot apply it. */
export const PREFERRED_SIMILARITY = 0.75;

/** Edits allowed for a name of this length to still count as a typo or a rename of it. */
function tolerance(name: string): number {
  return Math.max(2, Math.floor(name.length * 0.4));
}

/** 1 for equal texts, 0 for texts with nothing in common, by edits over the longer length. */
function likeness(a: string, b: string, edits = distance(a, b)): number {
  return Math.max(0, 1 - edits / Math.max(a.length, b.length, 1));
}

/**
 * Existing files (canonical URIs) closest to the missing path. The name must be close: a different
 * extension costs a little, so `fig.png` finds `fig.jpg` but prefers `fig1.png`. Then the folders
 * written in the link count: each one a candidate lacks halves its similarity's share. Among equally
 * similar files, the one nearest to `fromDirectory` (a URI path) comes first.
 */
export function nearestFiles(
  missingPath: string,
  candidates: readonly string[],
  fromDirectory: string,
  limit = 3,
): Array<Suggestion<string>> {
  const wanted = path.posix.basename(missingPath).toLowerCase();
  const wantedFolders = folderNames(missingPath);
  const suggestions: Array<Suggestion<string>> = [];
  for (const candidate of candidates) {
    const candidatePath = URI.parse(candidate).path;
    const name = path.posix.basename(candidatePath).toLowerCase();
    const edits = nameEdits(wanted, name);
    if (edits > tolerance(wanted)) continue;
    const folders = folderSimilarity(wantedFolders, folderNames(candidatePath));
    suggestions.push({ value: candidate, similarity: likeness(wanted, name, edits) * (0.5 + 0.5 * folders) });
  }
  const hops = (uri: string) => path.posix.relative(fromDirectory, URI.parse(uri).path).split('/').length;
  return suggestions.sort((a, b) => b.similarity - a.similarity || hops(a.value) - hops(b.value)).slice(0, limit);
}

function nameEdits(wanted: string, name: string): number {
  const [wantedStem, wantedExtension] = stemAndExtension(wanted);
  const [stem, extension] = stemAndExtension(name);
  return distance(wantedStem, stem) + (extension === wantedExtension ? 0 : 2);
}

function stemAndExtension(name: string): [string, string] {
  const extension = path.posix.extname(name);
  return [name.slice(0, name.length - extension.length), extension];
}

/** The lower-cased folder names of a file's path, without `.`, `..` and empty parts. */
function folderNames(written: string): string[] {
  return path.posix
    .dirname(`/${written}`)
    .split('/')
    .filter((part) => part && part !== '.' && part !== '..')
    .map((part) => part.toLowerCase());
}

/** How many of the written folders (1 when none is written) the candidate's folders hold, each by its closest. */
function folderSimilarity(written: readonly string[], candidate: readonly string[]): number {
  if (!written.length) return 1;
  let total = 0;
  for (const folder of written) {
    const best = Math.max(0, ...candidate.map((other) => likeness(folder, other)));
    // A folder renamed by a typo still counts, in part; an unrelated one does not.
    total += best >= 0.6 ? best : 0;
  }
  return total / written.length;
}

/**
 * Headings closest to a fragment that matches none, judged by the fragment against the heading's
 * anchor and text, and by the link's text against the heading's text. A heading is a candidate when
 * its fragment is within a typo's reach or the link's text names it.
 */
export function nearestHeadings(
  fragment: string,
  headings: readonly HeadingFact[],
  linkText = '',
  limit = 3,
): Array<Suggestion<HeadingFact>> {
  const wanted = fragment.toLowerCase();
  const text = linkText.trim().toLowerCase();
  const scored: Array<Suggestion<HeadingFact> & { sum: number }> = [];
  for (const heading of headings) {
    if (!heading.slug) continue;
    const headingText = heading.text.toLowerCase();
    const edits = Math.min(distance(wanted, heading.slug), distance(wanted, headingText));
    const byFragment = Math.max(likeness(wanted, heading.slug), likeness(wanted, headingText));
    const byText = text ? likeness(text, headingText) : 0;
    if (edits > tolerance(wanted) && byText < PREFERRED_SIMILARITY) continue;
    scored.push({ value: heading, similarity: Math.max(byFragment, byText), sum: byFragment + byText });
  }
  return scored
    .sort((a, b) => b.similarity - a.similarity || b.sum - a.sum)
    .slice(0, limit)
    .map(({ value, similarity }) => ({ value, similarity }));
}

/** Whether the first suggestion may be applied without asking: clearly ahead of the next, and similar enough. */
export function isPreferable<T>(suggestions: ReadonlyArray<Suggestion<T>>): boolean {
  const [first, second] = suggestions;
  return first !== undefined && first.similarity >= PREFERRED_SIMILARITY && (!second || first.similarity > second.similarity);
}
