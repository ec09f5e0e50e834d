// What the server says about a snippet it runs for an editor: the question before a run that does more
// than its block shows, the result as data, and the lines an editor shows or logs. Plain text, since an
// editor that runs lenses through the server may show no more than a message line.
import type { ServerSnippetRun } from '../../../common/protocol';
import type { Execution, RunPreview } from '../../../common/runner/execute';
import { describeOutcome, succeeded } from '../../../common/runner/outcome';
import { visibleControls } from '../../../common/runner/visibleText';
import { trimChars } from '../entities/trim';

/**
 * The question before a run that writes into a folder of the user's or has lines that need care (as
 * the VS Code client asks it, but always: a server cannot tell the user's own settings from a folder's),
 * or undefined when there is nothing to ask.
 */
export function runQuestion(label: string, preview: RunPreview): string | undefined {
  const writes = preview.scratch ? [] : preview.writes;
  if (writes.length === 0 && preview.risky.length === 0) return undefined;
  const lines = [`Marginalia: run ${visibleControls(label)}?`];
  if (writes.length > 0) {
    lines.push(`It runs in ${visibleControls(preview.dir)}, a folder of yours (not the run directory), and first writes there:`);
    for (const write of writes) lines.push(`  ${visibleControls(write.name)} (block at line ${write.line + 1})${writeNote(write.state)}`);
  }
  if (preview.risky.length > 0) {
    lines.push('These lines need care:');
    for (const line of preview.risky) lines.push(`  ${visibleControls(line.text)} — ${line.reasons.join('; ')}`);
  }
  return lines.join('\n');
}

function writeNote(state: RunPreview['writes'][number]['state']): string {
  if (state === 'replaces') return ' — replaces the file there now';
  if (state === 'same') return ' — already there with this text';
  return ' — new file';
}

/** The result of a run as the command answers it. */
export function serverSnippetRun(label: string, execution: Execution): ServerSnippetRun {
  return {
    label,
    exitCode: execution.exitCode,
    signal: execution.signal,
    timedOut: execution.timedOut,
    cancelled: execution.cancelled,
    succeeded: succeeded(execution),
    durationMs: execution.durationMs,
    output: execution.output,
    truncated: execution.truncated,
    outcome: execution.outcome,
    summary: execution.summary,
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cwd !== undefined ? { cwd: execution.cwd } : {}),
  };
}

/** `Marginalia: note.md:3 (gpu) ✓ exit 0 · 0.4 s — GPU: …`, the one line an editor shows after a run. */
export function runMessage(run: ServerSnippetRun): string {
  return `Marginalia: ${visibleControls(`${run.label} ${describeOutcome(run)}`)}`;
}

/** Output up to this long, on one line, fits the message line's summary. */
const SHORT_OUTPUT_CHARS = 160;

/**
 * The whole output for the editor's log, under the run's message line; undefined for output the
 * message line can already show (none, or one short line).
 */
export function runLog(run: ServerSnippetRun): string | undefined {
  // Trimmed in one pass: `/\n+$/` took 0.8 s on 30,000 blank lines before a last word, on the main thread.
  const output = trimChars(run.output, (char) => char === '\n', { start: false });
  if (!output.includes('\n') && output.length <= SHORT_OUTPUT_CHARS) return undefined;
  return `${runMessage(run)}\n${output}`;
}
