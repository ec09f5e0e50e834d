// What a renamed heading will be called and answer to, worked out the way the parser does it for a
// whole note: its text as `mdast-util-to-string` reads it, and GitHub's slugs, with `-1`, `-2` for
// duplicates, given in the order the headings stand in the note.

import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../markdown';

/** The anchors GitHub gives headings with these texts, in this order: a repeated slug gets `-1`, `-2`, … */
export function slugsOf(texts: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return texts.map((text) => slugger.slug(text));
}

/**
 * The text the index keeps for a heading written as `source` (its inline Markdown: `**vLLM** serving`
 * reads `vLLM serving`); undefined when `source` would not stay one heading (a line break, an empty name).
 */
export function headingTextOf(source: string): string | undefined {
  if (/[\r\n]/.test(source) || !source.trim()) return undefined;
  const heading = parseMarkdown(`# ${source}`).children[0];
  if (heading?.type !== 'heading') return undefined;
  return toString(heading, { includeHtml: false }).trim() || undefined;
}
