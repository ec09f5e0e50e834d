// Why a fragment names no heading when the note has a line written as that heading: what Markdown
// made of the line instead (see parse/links/lostHeadings.ts).

import { slug } from 'github-slugger';
import type { LostHeadingFact } from '../../parse/facts';

const WHY: Record<LostHeadingFact['reason'], string> = {
  html: 'the HTML block above it takes it in as HTML (end the HTML with a blank line)',
  comment: 'it stands inside an HTML comment (<!-- … -->)',
  paragraph: 'indented under a paragraph, it is read as more of that paragraph (remove the indentation)',
  'no-space': 'without a space after its #, it is plain text',
};

/** `line 12 is written as that heading, but …`, or undefined when no such line answers to the fragment. */
export function whyNotAHeading(lost: readonly LostHeadingFact[], fragment: string): string | undefined {
  if (!lost.length) return undefined;
  const wanted = fragment.toLowerCase().replace(/^user-content-/, '');
  const sluggedWanted = slug(wanted);
  const line = lost.find((candidate) => candidate.slug === wanted || candidate.slug === sluggedWanted);
  return line && `line ${line.line + 1} is written as that heading, but ${WHY[line.reason]}`;
}
