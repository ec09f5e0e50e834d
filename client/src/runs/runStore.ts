// What the editor knows about snippet runs: which block of which note is running or ran last, and
// how it ended. Plain data with no editor API, so it is tested without VS Code. Blocks are keyed by
// their opening fence line, which moves as the note is edited; edits shift the records with it.
import type { Execution } from '../../../common/runner';

export interface RunRecord {
  uri: string;
  /** Zero-based line of the block's opening fence. */
  line: number;
  /** Zero-based line of the block's closing fence: the inline result goes after it. */
  endLine: number;
  /** `note.md:12` or `note.md:12 (gpu-check)`, for the output channel and the status bar. */
  label: string;
  startedAt: number;
  /** Stops this run (the Stop lens). */
  readonly abort: AbortController;
  /** Undefined while running. */
  execution?: Execution;
  /** The end of what the run printed so far, for the inline result while it runs. */
  liveTail: string;
  /** The block's lines, fences included, as they were when it ran: its output belongs to that text. */
  blockText?: string;
}

/** A range of the document before an edit, and how many line breaks the text replacing it holds. */
export interface LineEdit {
  startLine: number;
  endLine: number;
  /** Where the replaced range ends on its last line: 0 means the edit ends before that line's text. */
  endCharacter: number;
  insertedLineBreaks: number;
}

const LIVE_TAIL_CHARS = 8 * 1024;

export class RunStore {
  private readonly records = new Map<string, RunRecord>();
  private latest: RunRecord | undefined;

  /** Starts a record for a block; undefined when that block is already running. */
  start(uri: string, line: number, endLine: number, label: string, now = Date.now()): RunRecord | undefined {
    const existing = this.get(uri, line);
    if (existing && !existing.execution) return undefined;
    const record: RunRecord = { uri, line, endLine, label, startedAt: now, abort: new AbortController(), liveTail: '' };
    this.records.set(key(uri, line), record);
    this.latest = record;
    return record;
  }

  appendOutput(record: RunRecord, text: string): void {
    const tail = record.liveTail + text;
    record.liveTail = tail.length > LIVE_TAIL_CHARS ? tail.slice(tail.length - LIVE_TAIL_CHARS) : tail;
  }

  finish(record: RunRecord, execution: Execution): void {
    record.execution = execution;
  }

  get(uri: string, line: number): RunRecord | undefined {
    return this.records.get(key(uri, line));
  }

  forNote(uri: string): RunRecord[] {
    return [...this.records.values()].filter((record) => record.uri === uri);
  }

  running(): RunRecord[] {
    return [...this.records.values()].filter((record) => !record.execution);
  }

  /** The run started last, for the status bar. */
  get last(): RunRecord | undefined {
    return this.latest;
  }

  /** Results go with the note: closing it forgets them (running ones stay, to be stopped). */
  forget(uri: string): void {
    for (const record of this.forNote(uri)) if (record.execution) this.records.delete(key(uri, record.line));
  }

  /**
   * Follows an edit of the note. Edits below a block leave it alone, edits above move it, edits
   * inside move its end. A finished result whose opening fence was edited across lines is dropped:
   * the block it belonged to may be gone. Edits are given in the document's coordinates before
   * the change; several at once are applied from the bottom up, so each sees untouched lines above.
   */
  applyEdits(uri: string, edits: readonly LineEdit[]): void {
    const records = this.forNote(uri);
    if (records.length === 0) return;
    // Unkeyed before the shifts and rekeyed after them, so two records never overwrite each other midway.
    for (const record of records) this.records.delete(key(uri, record.line));
    const sorted = [...edits].sort((a, b) => b.startLine - a.startLine);
    const dropped = new Set<RunRecord>();
    for (const edit of sorted) {
      for (const record of records) if (!followEdit(record, edit)) dropped.add(record);
    }
    for (const record of records) {
      // A running record stays whatever happens to its text: it must remain stoppable.
      if (dropped.has(record) && record.execution) continue;
      this.records.set(key(uri, record.line), record);
    }
  }
}

function key(uri: string, line: number): string {
  return `${uri}#${line}`;
}

/**
 * Why output may not go under a block now, or undefined when it may: the block at the record's lines
 * must be the one that ran, with the same text, or the output would describe other commands, or land
 * inside a block whose closing fence was edited away.
 */
export function outputRefusal(record: RunRecord, current: { line: number; endLine: number; text: string }): string | undefined {
  const same =
    record.line === current.line &&
    record.endLine === current.endLine &&
    (record.blockText === undefined || record.blockText === current.text);
  return same ? undefined : `${record.label} changed since it ran; run it again to insert its output.`;
}

/** Moves a record with an edit; false when the edit rewrote its opening fence. */
function followEdit(record: RunRecord, edit: LineEdit): boolean {
  const opening = record.line;
  record.line = lineStartAfter(opening, edit);
  // The closing fence is followed by where its line starts: an edit that begins on it (a Backspace on the
  // blank line under the block joins that line to it) leaves the fence where it is.
  record.endLine = Math.max(record.line, lineStartAfter(record.endLine, edit));
  // Typing on the fence line (an option in the info string) keeps the result; splitting or joining it does not.
  const onOpeningFence = !endsBefore(edit, opening) && edit.startLine <= opening;
  return !(onOpeningFence && (edit.endLine > edit.startLine || edit.insertedLineBreaks > 0));
}

/**
 * Where the start of `line` is after the edit: moved by an edit before it, kept by one from it on, and at
 * the edit's end when the edit swallowed it.
 */
function lineStartAfter(line: number, edit: LineEdit): number {
  if (endsBefore(edit, line)) return line + edit.insertedLineBreaks - (edit.endLine - edit.startLine);
  if (edit.startLine >= line) return line;
  return edit.startLine + edit.insertedLineBreaks;
}

/** Whether the edit ends at or before the start of the line (an insertion there pushes the line down). */
function endsBefore(edit: LineEdit, line: number): boolean {
  return edit.endLine < line || (edit.endLine === line && edit.endCharacter === 0);
}
