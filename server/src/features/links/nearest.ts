// Suggestions for a dead link: the existing files and headings whose names are closest to what was
// written. Only plausible ones: a suggestion far from the written name is noise, not help.

import * as path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { URI } from 'vscode-uri';
import type { HeadingFact } from '../../parse/facts';

export interface Suggestion<T> {
  value: T;
  /** Lower is closer; equal scores mean there is no clear favourite. */
  score: number;
}

/** Edits allowed for a name of this length to still count as a typo or a rename of it. */
function tolerance(name: string): number {
  return Math.max(2, Math.floor(name.length * 0.4));
}

/**
 * Existing files (canonical URIs) whose file name is closest to the missing one's. A different
 * extension costs a little, so `fig.png` finds `fig.jpg` but prefers `fig1.png`. Among equally
 * close names, the file nearest to `fromDirectory` (a URI path) comes first.
 */
export function nearestFiles(
  missingPath: string,
  candidates: readonly string[],
  fromDirectory: string,
  limit = 3,
): Array<Suggestion<string>> {
  const wanted = path.posix.basename(missingPath).toLowerCase();
  const wantedExtension = path.posix.extname(wanted);
  const wantedStem = wanted.slice(0, wanted.length - wantedExtension.length);
  const suggestions: Array<Suggestion<string>> = [];
  for (const candidate of candidates) {
    const name = path.posix.basename(URI.parse(candidate).path).toLowerCase();
    const extension = path.posix.extname(name);
    const stem = name.slice(0, name.length - extension.length);
    const score = distance(wantedStem, stem) + (extension === wantedExtension ? 0 : 2);
    if (score <= tolerance(wanted)) suggestions.push({ value: candidate, score });
  }
  const hops = (uri: string) => path.posix.relative(fromDirectory, URI.parse(uri).path).split('/').length;
  return suggestions.sort((a, b) => a.score - b.score || hops(a.value) - hops(b.value)).slice(0, limit);
}

/** Headings whose anchor or text is closest to a fragment that matches none. */
export function nearestHeadings(fragment: string, headings: readonly HeadingFact[], limit = 3): Array<Suggestion<HeadingFact>> {
  const wanted = fragment.toLowerCase();
  const suggestions: Array<Suggestion<HeadingFact>> = [];
  for (const heading of headings) {
    if (!heading.slug) continue;
    const score = Math.min(distance(wanted, heading.slug), distance(wanted, heading.text.toLowerCase()));
    if (score <= tolerance(wanted)) suggestions.push({ value: heading, score });
  }
  return suggestions.sort((a, b) => a.score - b.score).slice(0, limit);
}

/** Whether the first suggestion is clearly the one: alone, or strictly closer than the next. */
export function hasClearFavourite<T>(suggestions: ReadonlyArray<Suggestion<T>>): boolean {
  return suggestions.length === 1 || (suggestions.length > 1 && suggestions[0].score < suggestions[1].score);
}
