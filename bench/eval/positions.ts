// Turning a gold label's position (`occurrence`-th match of `find` in `file`, then `offset`/`len` inside
// the match) into an LSP position: zero-based line, character counted in UTF-16 code units as LSP does.
// Pure functions, unit-tested in test/unit/bench/evalScoring.test.ts.

export interface Position {
  line: number;
  character: number;
}

/** Where a label's `find` lies in its note: first and last line (zero-based) and the middle of the span. */
export interface LocatedSpan {
  startLine: number;
  endLine: number;
  /** The middle of the `offset`/`len` span (or of the whole match when the label has none): where to hover. */
  middle: Position;
}

export type LocateResult = { ok: true; span: LocatedSpan } | { ok: false; problem: string };

/**
 * Line ends as LSP counts them (\r\n, \r, \n) become \n. A \r only ever ends a line, so characters on a
 * line keep their index, and a `find` written with \n (as the labels are) matches a CRLF note too.
 */
export function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** UTF-16 index of the `occurrence`-th (0-based) non-overlapping match of `find`, as Python's str.count counts. */
export function nthMatch(text: string, find: string, occurrence: number): number | undefined {
  if (!find || !Number.isInteger(occurrence) || occurrence < 0) return undefined;
  let from = 0;
  for (let seen = 0; ; seen++) {
    const at = text.indexOf(find, from);
    if (at < 0) return undefined;
    if (seen === occurrence) return at;
    from = at + find.length;
  }
}

export function countMatches(text: string, find: string): number {
  let count = 0;
  while (find && nthMatch(text, find, count) !== undefined) count++;
  return count;
}

/** LSP position of a UTF-16 index in text whose line ends are already normalised to \n. */
export function positionAt(text: string, index: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, character: index - lineStart };
}

/**
 * UTF-16 length of the first `count` characters of `text`. The labels were written by a Python tool, so
 * `offset` and `len` count code points; they differ from UTF-16 units only after an emoji or other astral
 * character, which no labelled span currently follows, but a CJK note with emoji headings could.
 */
export function utf16Prefix(text: string, count: number): number {
  return Array.from(text).slice(0, count).join('').length;
}

/**
 * Finds a label in its note. `span` is the label's offset/len inside the match, absent for entities (whose
 * position is the whole `find`). A `find` that is not there `occurrence` times, or a span outside the
 * match, is a label problem, reported by the caller rather than dropped.
 */
export function locateLabel(rawText: string, find: string, occurrence: number, span?: { offset: number; len: number }): LocateResult {
  const text = normalizeLineEnds(rawText);
  const target = normalizeLineEnds(find);
  const start = nthMatch(text, target, occurrence);
  if (start === undefined) {
    const count = countMatches(text, target);
    return { ok: false, problem: `find ${JSON.stringify(find)} occurs ${count} time(s); occurrence ${occurrence} does not exist` };
  }
  const codePoints = Array.from(target).length;
  const offset = span?.offset ?? 0;
  const len = span?.len ?? codePoints;
  if (!(Number.isInteger(offset) && Number.isInteger(len) && offset >= 0 && len > 0 && offset + len <= codePoints)) {
    return { ok: false, problem: `offset ${offset}/len ${len} lies outside find ${JSON.stringify(find)} (${codePoints} characters)` };
  }
  const middle = positionAt(text, start + utf16Prefix(target, offset + Math.floor(len / 2)));
  const startLine = positionAt(text, start).line;
  const endLine = positionAt(text, start + Math.max(0, target.length - 1)).line;
  return { ok: true, span: { startLine, endLine, middle } };
}
