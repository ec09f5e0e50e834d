// The short status a lens, a status bar or the CLI shows after a run: `✓ exit 0 · 1.2 s`.
import type { RunResult } from './runner';

export function formatOutcome(result: RunResult): string {
  const took = formatDuration(result.durationMs);
  if (result.error !== undefined) return `✗ ${result.error}`;
  if (result.cancelled) return `■ stopped · ${took}`;
  if (result.timedOut) return `✗ timed out · ${took}`;
  if (result.signal) return `✗ killed by ${result.signal} · ${took}`;
  const mark = result.exitCode === 0 ? '✓' : '✗';
  return `${mark} exit ${result.exitCode ?? '?'} · ${took}`;
}

/**
 * `✓ exit 0 · 1.2 s — GPU: …`: the outcome and the run's summary (an execution's), in the one line the
 * CLI and the server's messages end a run with; the outcome alone when the summary would only repeat it.
 */
export function describeOutcome(execution: { outcome: string; summary: string; error?: string }): string {
  const saysNothingNew = /^(?:no output|(?:exit \d+|killed by \w+), no output)?$/.test(execution.summary);
  if (execution.error !== undefined || saysNothingNew) return execution.outcome;
  return `${execution.outcome} — ${execution.summary}`;
}

/** `0.4 s`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Whether a run counts as a success (for `--all`: the first run that does not stops the rest). */
export function succeeded(result: RunResult): boolean {
  return result.error === undefined && !result.cancelled && !result.timedOut && result.exitCode === 0;
}
