// Turning a run's output into the short texts the editor shows: the inline line after the block,
// the hover over it, and the fenced `output` block a user may keep in the note.

/** Terminal colour and cursor sequences: meaningless in an editor, and noise in a note. */
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/** Output as lines, as a terminal would end up showing them: `\r` progress updates keep their last state. */
export function outputLines(output: string): string[] {
  const lines = terminalLines(output);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

function terminalLines(text: string): string[] {
  return stripAnsi(text)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1));
}

/**
 * The hover and the inline line read at most this much of the output's end. They run on the
 * extension host whenever the view is redrawn; a run may keep hundreds of megabytes
 * (`marginalia.snippets.maxOutputMB`), and reading all of it each time would freeze the editor.
 */
const TAIL_READ_CHARS = 64 * 1024;

/** The output's last TAIL_READ_CHARS, starting at a line where it can. */
function endOf(output: string): string {
  if (output.length <= TAIL_READ_CHARS) return output;
  const lineStart = output.indexOf('\n', output.length - TAIL_READ_CHARS);
  return output.slice(lineStart < 0 ? output.length - TAIL_READ_CHARS : lineStart + 1);
}

export function lastLines(output: string, count: number): string[] {
  const lines = outputLines(endOf(output));
  return lines.slice(Math.max(0, lines.length - count));
}

/** The last non-blank line, shortened: what a running snippet is doing now. */
export function lastLine(output: string, maxLength = 120): string {
  const line =
    outputLines(endOf(output))
      .reverse()
      .find((l) => l.trim() !== '') ?? '';
  return shorten(line.trim(), maxLength);
}

export function shorten(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** A fence that no line of `text` can close: one backtick more than its longest backtick run. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

const MAX_KEPT_LINES = 100;
const KEPT_HEAD_LINES = 10;

const KEPT_TAIL_LINES = MAX_KEPT_LINES - KEPT_HEAD_LINES - 1;
/** Past this, what is left out is told in bytes: counting its lines would mean reading it all. */
const COUNTED_CHARS = 4 * 1024 * 1024;

/**
 * The output as a note keeps it: head and tail of a long output, with a line saying what was
 * left out. Only the kept lines are cleaned up, so a long output costs little more than a search
 * for line breaks.
 */
export function outputForNote(output: string): string[] {
  const text = output.slice(0, endOfLastNonBlankLine(output));
  const head = lineStartAfter(text, 0, KEPT_HEAD_LINES);
  const tail = lineStartBefore(text, text.length, KEPT_TAIL_LINES);
  // Leaving out a single line would take as much room as the line: keep up to MAX_KEPT_LINES.
  const leavesOutLines = head !== undefined && tail !== undefined && (lineStartAfter(text, head, 2) ?? Infinity) <= tail;
  if (!leavesOutLines) {
    const lines = outputLines(text);
    return lines.length === 0 ? ['(no output)'] : lines;
  }
  const left = text.slice(head, tail);
  const omitted = text.length <= COUNTED_CHARS ? `${countLineBreaks(left)} lines` : formatSize(left.length);
  return [...terminalLines(text.slice(0, head)).slice(0, KEPT_HEAD_LINES), `… (${omitted} left out)`, ...terminalLines(text.slice(tail))];
}

/** Where the output's last non-blank character is: trailing blank lines and spaces are not kept. */
function endOfLastNonBlankLine(output: string): number {
  let end = output.length;
  while (end > 0 && /\s/.test(output[end - 1])) end--;
  return end;
}

/** The start of the line `count` lines after the one starting at `from`; undefined if there are fewer. */
function lineStartAfter(text: string, from: number, count: number): number | undefined {
  let at = from;
  for (let i = 0; i < count; i++) {
    const lineBreak = text.indexOf('\n', at);
    if (lineBreak < 0) return undefined;
    at = lineBreak + 1;
  }
  return at;
}

/** The start of the `count`-th last line of text[0, end); undefined if there are fewer. */
function lineStartBefore(text: string, end: number, count: number): number | undefined {
  let at = end;
  for (let i = 0; i < count; i++) {
    const lineBreak = text.lastIndexOf('\n', at - 1);
    if (lineBreak < 0) return undefined;
    at = lineBreak;
  }
  return at + 1;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function formatSize(chars: number): string {
  return chars < 1024 * 1024 ? `${Math.round(chars / 1024)} KB` : `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

/** Replaces lines [startLine, endLine) of the note with `text` (endLine === startLine: inserts). */
export interface LineReplacement {
  startLine: number;
  endLine: number;
  text: string;
}

const OUTPUT_FENCE = /^(\s*)(`{3,}|~{3,})\s*output\s*$/;

/**
 * Where a snippet's ```output block goes: the one right under the block (a blank line between is
 * allowed) is replaced, so running again refreshes it; otherwise a new one is inserted below the
 * closing fence, indented like it, so a snippet in a list keeps its output in the list.
 */
export function outputBlockEdit(noteLines: readonly string[], closingFenceLine: number, output: string): LineReplacement {
  const indent = /^\s*/.exec(noteLines[closingFenceLine] ?? '')?.[0] ?? '';
  const body = outputForNote(output);
  const fence = fenceFor(body.join('\n'));
  const block = [`${fence}output`, ...body, fence].map((line) => (line === '' ? '' : indent + line));
  const existing = existingOutputBlock(noteLines, closingFenceLine);
  if (existing) return { startLine: existing.start, endLine: existing.end + 1, text: `${block.join('\n')}\n` };
  return { startLine: closingFenceLine + 1, endLine: closingFenceLine + 1, text: `\n${block.join('\n')}\n` };
}

function existingOutputBlock(noteLines: readonly string[], closingFenceLine: number): { start: number; end: number } | undefined {
  let start = closingFenceLine + 1;
  if (noteLines[start]?.trim() === '') start++;
  const open = OUTPUT_FENCE.exec(noteLines[start] ?? '');
  if (!open) return undefined;
  const marker = open[2];
  const closing = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
  for (let line = start + 1; line < noteLines.length; line++) {
    if (closing.test(noteLines[line])) return { start, end: line };
  }
  // An output block that never closes runs to the end of the note; replacing all of that is too bold.
  return undefined;
}
