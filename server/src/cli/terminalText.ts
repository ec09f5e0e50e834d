// Notes are written by anyone, and what the CLI prints of them goes to a terminal: an ESC or OSC
// sequence in a name or a link could recolour, retitle or clear the screen, a CR could overwrite the
// line before it, and bidi controls could make a line read other than it is. Text output shows such
// characters as escapes instead; JSON output escapes them by itself.

/** C0 and C1 controls but tab, DEL, bidi embeddings, overrides, isolates and marks, zero-width and line/paragraph separators. */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

/** The text with every control character written out (`\e[2J`, `\r`, `\u202e`), so the terminal shows it as it is. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => NAMED[c] ?? escapeOf(c.charCodeAt(0)));
}

function escapeOf(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
