// `(vLLM)[https://github.com/vllm-project/vllm]`: a link typed with its brackets the wrong way round.
// Markdown reads text in parentheses, a bare web address and a `]`; the writer meant `[vLLM](https://…)`.

/** `(vLLM)[` right before the address, its text on one line or two (a wrapped list item). */
const OPENING = /\(([^()[\]\n]{1,80}(?:\n[^()[\]\n]{1,80})?)\)\[$/;
/** The longest opening the pattern matches: how far back a caller need look. */
export const MAX_REVERSED_OPENING = 2 * 80 + 4;

export interface ReversedOpening {
  /** The link's text as a reader would write it: one line, no blanks around it. */
  name: string;
  /** Where the `(` stands, counted back from the end of the text read. */
  length: number;
  /** Offsets of the text inside the parentheses, from the `(`: where the name is written. */
  nameStart: number;
  nameEnd: number;
}

/** The opening of a reversed link that `before` ends with, or undefined when it ends otherwise. */
export function reversedOpeningAtEnd(before: string): ReversedOpening | undefined {
  const opening = OPENING.exec(before.slice(-MAX_REVERSED_OPENING));
  if (!opening) return undefined;
  const written = opening[1];
  const name = written.replace(/\s*\n\s*/, ' ').trim();
  if (!name) return undefined;
  return {
    name,
    length: opening[0].length,
    nameStart: 1 + written.length - written.trimStart().length,
    nameEnd: 1 + written.trimEnd().length,
  };
}
