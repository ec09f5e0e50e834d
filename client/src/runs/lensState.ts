// The server's lenses say what can be done with a block; the client knows what is happening to it.
// This rewrites the lenses of blocks that are running or have run: `■ Stop` and the elapsed time
// while running, the outcome (`✓ exit 0 · 1.2 s`) in front of `▶ Run` afterwards.
import { SNIPPET_COMMANDS, type SnippetLensArgs } from '../../../common/protocol';
import { formatDuration } from '../../../common/runner';
import { l10n } from '../l10n';
import type { RunRecord } from './runStore';

/** A code lens as plain data: the line it sits on and its command. */
export interface LensData {
  line: number;
  title: string;
  command: string;
  tooltip?: string;
  arguments?: unknown[];
  /** The editor's own lens object, handed back unchanged when the lens is left alone. */
  source?: unknown;
}

/** Shows a run's output channel; registered by the controller, not listed in the palette. */
export const SHOW_RUN_OUTPUT_COMMAND = 'marginalia.showSnippetRunOutput';

export function lensesWithRunState(
  lenses: readonly LensData[],
  recordAt: (line: number) => RunRecord | undefined,
  now: number,
): LensData[] {
  const result: LensData[] = [];
  for (const lens of lenses) {
    const record = lens.command === SNIPPET_COMMANDS.run ? recordAt(lens.line) : undefined;
    if (!record) result.push(lens);
    else if (!record.execution) result.push(...runningLenses(lens, record, now));
    else result.push(outcomeLens(lens, record), lens);
  }
  return result;
}

function runningLenses(runLens: LensData, record: RunRecord, now: number): LensData[] {
  const args: SnippetLensArgs = { uri: record.uri, line: record.line };
  return [
    {
      line: runLens.line,
      title: `■ ${l10n.t('Stop')}`,
      command: SNIPPET_COMMANDS.stop,
      tooltip: l10n.t('Stop this snippet and everything it started'),
      arguments: [args],
    },
    {
      line: runLens.line,
      title: l10n.t('running · {0}', formatElapsed(now - record.startedAt)),
      command: SHOW_RUN_OUTPUT_COMMAND,
      tooltip: l10n.t('Show the output so far'),
      arguments: [],
    },
  ];
}

function outcomeLens(runLens: LensData, record: RunRecord): LensData {
  const execution = record.execution!;
  return {
    line: runLens.line,
    title: execution.outcome,
    command: SHOW_RUN_OUTPUT_COMMAND,
    tooltip: `${execution.summary}\n\n${l10n.t('Click to show the full output')}`,
    arguments: [],
  };
}

/** VS Code's own command that opens the workspace trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
export const trustLensTitle = (): string => l10n.t('Trust this folder to run snippets');

/**
 * In Restricted Mode nothing runs, and the server gives no run lenses. One lens per runnable block
 * says why and opens the trust dialog, so the lenses do not just vanish without a word.
 */
export function trustLenses(blockLines: readonly number[]): LensData[] {
  return blockLines.map((line) => ({
    line,
    title: trustLensTitle(),
    command: MANAGE_TRUST_COMMAND,
    tooltip: l10n.t('This folder is open in Restricted Mode, where Marginalia runs no snippets. Trust it to run them.'),
    arguments: [],
  }));
}

/** Whole seconds while counting up: tenths would redraw the lens ten times as often for nothing. */
export function formatElapsed(ms: number): string {
  const wholeSeconds = Math.floor(Math.max(0, ms) / 1000) * 1000;
  return formatDuration(wholeSeconds).replace(/\.0 s$/, ' s');
}
