// Text from a note shown on a terminal or in a dialog before it runs. A note can hold escape
// sequences, carriage returns and bidi controls that make the shown text differ from what runs
// (hide a line, rewrite the prompt, reorder words), so each of them is written out as a visible
// escape instead: `\x1b`, `\r`, `<U+202E>`. Line breaks and tabs stay as they are.

/** C0 and C1 controls except tab and line feed, and DEL. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates, directional marks, zero-width and line-separator characters. */
const INVISIBLE_FORMAT = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\u001b': '\\e', '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

/** `text` with every control and invisible formatting character shown as an escape. */
export function visibleControls(text: string): string {
  return text
    .replace(CONTROL, (char) => NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(INVISIBLE_FORMAT, (char) => `<U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
