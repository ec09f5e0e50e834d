// Turning a run's output into the short texts the editor shows: the inline line after the block,
// the hover over it, and the fenced `output` block a user may keep in the note.

/** Terminal colour and cursor sequences: meaningless in an editor, and noise in a note. */
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/** Output as lines, as a terminal would end up showing them: `\r` progress updates keep their last state. */
export function outputLines(output: string): string[] {
  const lines = stripAnsi(output)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1));
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

export function lastLines(output: string, count: number): string[] {
  const lines = outputLines(output);
  return lines.slice(Math.max(0, lines.length - count));
}

/** The last non-blank line, shortened: what a running snippet is doing now. */
export function lastLine(output: string, maxLength = 120): string {
  const line = outputLines(output).reverse().find((l) => l.trim() !== '') ?? '';
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

/** The output as a note keeps it: head and tail of a long output, with a line saying what was left out. */
export function outputForNote(output: string): string[] {
  const lines = outputLines(output);
  if (lines.length === 0) return ['(no output)'];
  if (lines.length <= MAX_KEPT_LINES) return lines;
  const tail = MAX_KEPT_LINES - KEPT_HEAD_LINES - 1;
  const omitted = lines.length - KEPT_HEAD_LINES - tail;
  return [...lines.slice(0, KEPT_HEAD_LINES), `… (${omitted} lines left out)`, ...lines.slice(lines.length - tail)];
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
