// Options written in a code fence's info string: ```` ```bash {cwd=. timeout=120 name=gpu-check} ````.
// Both the braced form and bare `key=value` words are accepted, because notes written for other
// tools use either; values may be quoted to hold spaces.

/** The options Marginalia reads from an info string. */
export interface SnippetOptions {
  /** Working directory: `.` is the note's folder; relative paths are relative to it. */
  cwd?: string;
  /** Time limit in seconds. */
  timeoutSec?: number;
  /** A name to run the snippet by (`marginalia run --name`). */
  name?: string;
  /** Makes the block a file block: its text is written to this path in the run's directory. */
  file?: string;
  /**
   * The file blocks a snippet writes before it runs (`files=AluTop.v,tb.cpp`); without it, the
   * file blocks of the snippet's own section (see runnable.ts).
   */
  files?: string[];
  /** `keep-going`: run every line even after one failed, instead of stopping at the first failure. */
  keepGoing?: boolean;
}

export interface ParsedInfoString {
  /** The language, lower-cased, with any options glued to it (```` ```bash{cwd=.} ````) split off. */
  lang: string;
  options: SnippetOptions;
  /** Keys Marginalia does not know, kept because other tools put their own attributes here. */
  otherAttributes: Record<string, string>;
  /** Problems that make an option unusable; a snippet with any of these is not run. */
  errors: string[];
}

const KNOWN_KEYS = new Set(['cwd', 'timeout', 'name', 'file', 'files', 'keep-going']);

/** Options written as a bare word (```` ```bash {keep-going} ````), as a flag. */
const KNOWN_FLAGS = new Set(['keep-going']);

/** Reads the options of a code block from its language word and the rest of its info string. */
export function parseInfoString(lang: string, meta: string): ParsedInfoString {
  const split = splitGluedLang(lang, meta);
  const result: ParsedInfoString = { lang: split.lang, options: {}, otherAttributes: {}, errors: [] };
  const bareWords: string[] = [];
  for (const { key, value } of tokenizeAttributes(split.meta, result.errors, bareWords)) {
    if (KNOWN_KEYS.has(key)) applyOption(result, key, value);
    else result.otherAttributes[key] = value;
  }
  for (const word of bareWords) if (KNOWN_FLAGS.has(word.toLowerCase())) applyOption(result, word.toLowerCase(), 'true');
  return result;
}

/** `bash{cwd=.}` arrives as one word; the braces belong to the options, not the language. */
function splitGluedLang(lang: string, meta: string): { lang: string; meta: string } {
  const brace = lang.indexOf('{');
  if (brace <= 0) return { lang: lang.toLowerCase(), meta };
  return { lang: lang.slice(0, brace).toLowerCase(), meta: `${lang.slice(brace)} ${meta}` };
}

interface Attribute {
  key: string;
  value: string;
}

/**
 * Splits `{a=b c="d e"}` or `a=b, c='d'` into attributes. Words without `=` (Pandoc's `.class`
 * and `#id`, Runme's flags) are not attributes; they go to `bareWords` for the few flags we know.
 */
export function tokenizeAttributes(meta: string, errors: string[] = [], bareWords: string[] = []): Attribute[] {
  const text = stripBraces(meta.trim());
  const attributes: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    i = skipSeparators(text, i);
    if (i >= text.length) break;
    const keyMatch = /^[A-Za-z_][\w.-]*/.exec(text.slice(i));
    if (!keyMatch) {
      i = skipWord(text, i);
      continue;
    }
    const key = keyMatch[0];
    i += key.length;
    if (text[i] !== '=') {
      const end = skipWord(text, i);
      // `{keep-going} name=x` leaves the closing brace glued to the word.
      if (/^}*$/.test(text.slice(i, end))) bareWords.push(key);
      i = end;
      continue;
    }
    const value = readValue(text, i + 1, key, errors);
    attributes.push({ key: key.toLowerCase(), value: value.value });
    i = value.next;
  }
  return attributes;
}

function stripBraces(text: string): string {
  if (text.startsWith('{') && text.endsWith('}')) return text.slice(1, -1);
  return text;
}

function skipSeparators(text: string, i: number): number {
  while (i < text.length && /[\s,{}]/.test(text[i])) i++;
  return i;
}

function skipWord(text: string, i: number): number {
  while (i < text.length && !/[\s,]/.test(text[i])) i++;
  return i;
}

/** Reads a bare or quoted value starting at `i`; an unclosed quote takes the rest of the text. */
function readValue(text: string, i: number, key: string, errors: string[]): { value: string; next: number } {
  const quote = text[i];
  if (quote === '"' || quote === "'") {
    let value = '';
    let j = i + 1;
    while (j < text.length && text[j] !== quote) {
      // Backslash escapes only the quote and itself, so Windows-looking paths survive.
      if (text[j] === '\\' && (text[j + 1] === quote || text[j + 1] === '\\')) j++;
      value += text[j];
      j++;
    }
    if (j >= text.length) errors.push(`option ${key}: missing closing ${quote}`);
    return { value, next: j + 1 };
  }
  // A list (`files=a.v,b.cpp`) keeps its commas; elsewhere a comma separates attributes.
  const end = key.toLowerCase() === 'files' ? /[\s}]/ : /[\s,}]/;
  let j = i;
  while (j < text.length && !end.test(text[j])) j++;
  return { value: text.slice(i, j), next: j };
}

function applyOption(result: ParsedInfoString, key: string, value: string): void {
  switch (key) {
    case 'cwd':
      if (value === '') result.errors.push('option cwd is empty');
      else result.options.cwd = value;
      return;
    case 'timeout': {
      const seconds = parseDurationSeconds(value);
      if (seconds === undefined) {
        result.errors.push(`option timeout=${value}: expected seconds, e.g. timeout=120 or timeout=5m`);
      } else result.options.timeoutSec = seconds;
      return;
    }
    case 'name':
      if (value === '') result.errors.push('option name is empty');
      else result.options.name = value;
      return;
    case 'file':
      // The path itself is checked where file blocks are collected, so the message names the block.
      result.options.file = value;
      return;
    case 'files': {
      const names = value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      if (names.length === 0) result.errors.push('option files is empty; name the file blocks, e.g. files=AluTop.v,tb.cpp');
      else result.options.files = names;
      return;
    }
    case 'keep-going':
      if (/^(true|yes|1)$/i.test(value)) result.options.keepGoing = true;
      else if (!/^(false|no|0)$/i.test(value))
        result.errors.push(`option keep-going=${value}: expected keep-going alone, or true or false`);
      return;
  }
}

/** `120`, `90s`, `5m`, `1.5h` → seconds; anything else (including zero) → undefined. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  const seconds = Number(match[1]) * factor;
  // A number too long to hold would read as Infinity: no limit at all, the opposite of what was asked.
  return seconds > 0 && Number.isFinite(seconds) ? seconds : undefined;
}
