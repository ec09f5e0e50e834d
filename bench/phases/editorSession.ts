// Phase 3, an editor session: a third server (cache present). The typical note is opened right after start
// and hovered until it answers, as in the cold start; then hover/definition latency on open notes, and
// edit → diagnostics.

import { performance } from 'node:perf_hooks';
import { LspSession, withTimeout } from '../lspSession';
import { round, type LatencySummary } from '../stats';
import { measureEdits, type EditSummary } from './edits';
import { firstHoverAfterStart } from './firstHover';
import { measureLatency } from './latency';
import { describeWithLog, runPhase, type BenchContext, type LiveServer } from './phase';

export interface EditorSessionResult {
  firstHoverMs: number | null;
  hover: LatencySummary | null;
  definition: LatencySummary | null;
  edit: EditSummary | null;
  rssMb: number | null;
  /** `firstHover`, `hover`, `definition` and `editDiagnostics` of the report's metrics, those the phase got to. */
  metrics: Record<string, unknown>;
}

export async function measureEditorSession(context: BenchContext): Promise<EditorSessionResult> {
  const result: EditorSessionResult = { firstHoverMs: null, hover: null, definition: null, edit: null, rssMb: null, metrics: {} };
  const live: LiveServer = {};
  try {
    await runPhase(
      'editor session: first hover, hover/definition latency, edit → diagnostics',
      context.options.phaseTimeoutMs * 2,
      async (deadline) => {
        const started = await LspSession.start(context.vault, { env: context.cache.env });
        live.session = started;
        const { uri, text } = await hoverFirst(context, started, result, deadline);
        await measureRequests(context, started, result, deadline);
        result.edit = await measureEdits(started, uri, text, deadline, (message) => context.journal.note(message));
        result.metrics.editDiagnostics = result.edit;
      },
      async () => {
        result.rssMb = live.session?.peakRssMb() ?? null;
        await live.session?.stop();
      },
    );
  } catch (error) {
    context.journal.fail(describeWithLog(error, live));
  }
  return result;
}

/** The first hover after start, then the wait for the index; returns the typical note it opened. */
async function hoverFirst({ manifest, journal }: BenchContext, session: LspSession, result: EditorSessionResult, deadline: number) {
  const typical = manifest.typicalNote;
  const first = await firstHoverAfterStart(session, typical, deadline);
  result.firstHoverMs = first.ms;
  await withTimeout(
    session.waitUntilReady(),
    Math.max(1, deadline - performance.now()),
    'the server did not finish indexing within the phase limit',
  );
  result.metrics.firstHover = {
    ms: round(first.ms),
    attempts: first.attempts,
    answeredBeforeIndexingFinished: first.answeredBeforeIndexingFinished,
    readyMs: round(session.readyAt! - session.spawnedAt),
    note: typical.file,
    mention: first.probe.text,
    how: 'third server, after the cold and warm starts (with whatever cache they left): from spawn until the first non-empty hover on the first mention of the typical note, opened right after the handshake and hovered every 20 ms',
  };
  if (!first.answeredBeforeIndexingFinished)
    journal.note('the first hover of the editor session was answered only once indexing had finished');
  return first;
}

async function measureRequests(
  { manifest, options, journal }: BenchContext,
  session: LspSession,
  result: EditorSessionResult,
  deadline: number,
): Promise<void> {
  const latency = await measureLatency(session, manifest, options, deadline);
  result.hover = latency.hover;
  result.definition = latency.definition;
  result.metrics.hover = latency.hover;
  result.metrics.definition = latency.definition;
  if (latency.stoppedEarly) journal.note(`hover/definition stopped at ${latency.hover.n} requests each: phase time limit`);
}
