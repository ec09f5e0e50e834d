// What is being typed at the cursor, read from the line up to it: a link's destination, a reference
// label, a wiki link, or plain text. Pure string work on one line; where a note's code blocks are is the
// caller's to say (they span lines).

export type CompletionSite =
  /** `](dest`, `![](dest`, `[label]: dest`: `written` is the destination typed so far, from column `start`. */
  | { kind: 'destination'; written: string; start: number; image: boolean; angle: boolean }
  /** `[text][label`: the label typed so far. */
  | { kind: 'reference'; typed: string; start: number }
  /** `[[target`: the target typed so far (`note`, `note#heading`, `#heading`). */
  | { kind: 'wiki'; typed: string; start: number; embed: boolean }
  /** Plain text, where a name may be being typed. */
  | { kind: 'text' }
  /** Code, a web address, a link's title: nothing to complete. */
  | { kind: 'none' };

/** A destination up to the cursor: `<` and anything but `>`, or anything but spaces, parentheses and angle brackets. */
const INLINE_DESTINATION = /\]\((<[^>]*|[^\s()<>]*)$/;
const DEFINITION_DESTINATION = /^ {0,3}\[[^\]]+\]:[ \t]*(<[^>]*|\S*)$/;
const WIKI_TARGET = /(!?)\[\[([^[\]|]*)$/;
const REFERENCE_LABEL = /\]\[([^[\]]*)$/;
const FENCE_LINE = /^\s*(```|~~~)/;
/** The last word before the cursor, when it is (part of) a web address. */
const WEB_ADDRESS = /(?:^|\s)<?(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*$/i;

/** What the text before the cursor, on its line, is in the middle of. */
export function siteAt(linePrefix: string): CompletionSite {
  if (FENCE_LINE.test(linePrefix) || inCodeSpan(linePrefix)) return { kind: 'none' };
  const definition = DEFINITION_DESTINATION.exec(linePrefix);
  if (definition) return destination(definition[1], linePrefix.length - definition[1].length, false);
  const inline = INLINE_DESTINATION.exec(linePrefix);
  if (inline) return destination(inline[1], linePrefix.length - inline[1].length, isImageLabel(linePrefix, inline.index));
  const wiki = WIKI_TARGET.exec(linePrefix);
  if (wiki) return { kind: 'wiki', typed: wiki[2], start: linePrefix.length - wiki[2].length, embed: wiki[1] === '!' };
  const reference = REFERENCE_LABEL.exec(linePrefix);
  if (reference) return { kind: 'reference', typed: reference[1], start: linePrefix.length - reference[1].length };
  if (WEB_ADDRESS.test(linePrefix)) return { kind: 'none' };
  return { kind: 'text' };
}

function destination(raw: string, start: number, image: boolean): CompletionSite {
  const angle = raw.startsWith('<');
  return { kind: 'destination', written: angle ? raw.slice(1) : raw, start: angle ? start + 1 : start, image, angle };
}

/** Whether the `]` at `close` ends the label of an image: its matching `[` follows a `!`. */
function isImageLabel(text: string, close: number): boolean {
  let depth = 0;
  for (let index = close; index >= 0; index--) {
    const c = text[index];
    if (c === ']') depth++;
    else if (c === '[' && --depth === 0) return text[index - 1] === '!';
  }
  return false;
}

/** An odd number of backticks before the cursor leaves it inside a code span (close enough for one line). */
function inCodeSpan(linePrefix: string): boolean {
  let ticks = 0;
  for (const c of linePrefix) if (c === '`') ticks++;
  return ticks % 2 === 1;
}
