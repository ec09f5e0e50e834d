// Notes' text goes into hover cards as text: every Markdown and HTML character is escaped, and only
// http(s) and file links are made from what notes hold, so a note can never smuggle a command link into
// a card. The one command link a card may carry is made by the server (`commandLink`), from its own id
// and arguments.

/**
 * Bidi embeddings, overrides and isolates reorder the text around them: a name could read backwards, or
 * a card could show something other than what the note holds. They are shown by name instead.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/**
 * Characters that show nothing: zero-width spaces, joiners and non-joiners, bidi marks, the word joiner
 * and invisible operators, byte order marks, and control characters other than tab and line breaks.
 * A joiner between two pictographs builds one emoji out of them, so that one stays.
 */
const INVISIBLE =
  /(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})|[\u200b\u200c\u200e\u200f\u061c\u180e\u2060-\u2064\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

export function escapeMarkdown(text: string): string {
  return showControls(text).replace(/[\\`*_{}\[\]()#+\-.!|<>&~]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );
}

/** Bidi controls named (`[U+202E]`), invisible characters removed: a card shows what the note holds, in its order. */
export function showControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase()}]`).replace(INVISIBLE, '');
}

/**
 * A link that runs a client command: its id and arguments are the server's own, never note text. The
 * arguments are JSON, percent-encoded whole (parentheses and quotes too), so nothing in them can end the
 * link or be read as Markdown.
 */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  if (!/^[A-Za-z][\w.]*$/.test(command)) throw new Error(`not a command id: ${command}`);
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(label)}](command:${command}?${query})`;
}

export function markdownLink(label: string, url: string): string {
  const destination = linkDestination(url);
  return destination === undefined ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${destination})`;
}

const CARD_SCHEMES = new Set(['http:', 'https:', 'file:']);
/**
 * What stays as it is in a destination: letters, digits and the URL delimiters that cannot end a
 * Markdown link or start an entity. Parentheses, brackets, quotes, backslashes, spaces, `;` (which
 * would let `&#41;` be read as an entity) and anything beyond ASCII are percent-encoded.
 */
const UNSAFE_IN_DESTINATION = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#@!$&+,=%]/gu;

/**
 * A URL as a link destination of a card: undefined unless it is a valid http(s) or file URL, and then
 * encoded so that nothing in it can end the link or be read as Markdown.
 */
export function linkDestination(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!CARD_SCHEMES.has(parsed.protocol)) return undefined;
  const encoded = percentEncode(parsed.href);
  // An IPv6 host keeps its brackets: encoded, the address would no longer be one.
  return parsed.hostname.startsWith('[') ? encoded.replace(percentEncode(parsed.hostname), parsed.hostname) : encoded;
}

function percentEncode(text: string): string {
  return text.replace(UNSAFE_IN_DESTINATION, (c) =>
    [...Buffer.from(c, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('; '));
  return `${sentenceEnd > max * 0.6 ? cut.slice(0, sentenceEnd + 1) : cut.trimEnd()}…`;
}
