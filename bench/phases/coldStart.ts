// Phase 1, the cold start: a fresh server with no cache. Right after the handshake the typical note is
// opened and hovered (first mention) every 20 ms until a card comes back: first hover, cold. Then the time
// from spawn to `marginalia/status` ready: cold full index (the note stays open meanwhile, as in an editor).
// The server then runs on until it has written its cache, so that its peak memory includes the whole-vault
// link check and the cache write that follow indexing.

import { existsSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cacheFileWritten } from '../cacheFolder';
import { LspSession } from '../lspSession';
import { round } from '../stats';
import { firstHoverAfterStart } from './firstHover';
import { describe, describeWithLog, runPhase, type BenchContext, type LiveServer } from './phase';

export interface ColdStartResult {
  /** Spawn to ready; null when the phase failed. */
  coldMs: number | null;
  firstHoverColdMs: number | null;
  /** Peak RSS of the server, MB. */
  rssMb: number | null;
  /** `firstHoverCold` and `coldIndex` of the report's metrics, those the phase got to. */
  metrics: Record<string, unknown>;
}

export async function measureColdStart(context: BenchContext): Promise<ColdStartResult> {
  removeCache(context);
  const result: ColdStartResult = { coldMs: null, firstHoverColdMs: null, rssMb: null, metrics: {} };
  const live: LiveServer = {};
  try {
    result.coldMs = await runPhase(
      'cold start (no cache): first hover, full index',
      context.options.phaseTimeoutMs,
      async (deadline) => {
        const started = await LspSession.start(context.vault, { env: context.cache.env });
        live.session = started;
        await hoverFirstWhileIndexing(context, started, result, deadline);
        await started.waitUntilReady();
        const ms = started.readyAt! - started.spawnedAt;
        result.metrics.coldIndex = {
          ms: round(ms),
          status: started.readyStatus,
          serverLog: lastIndexLine(started),
          how: 'fresh server, empty cache folder: from spawn until `marginalia/status` ready; the typical note was opened and hovered meanwhile',
        };
        // What follows indexing in any session counts towards its memory: the whole-vault link check and the cache write.
        const written = await cacheFileWritten(context.cache.home, deadline);
        if (!written)
          context.journal.note('the cold start wrote no cache file before the phase limit; its peak RSS leaves out the cache write');
        return ms;
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

function removeCache({ cache, journal }: BenchContext): void {
  if (!existsSync(cache.home)) return;
  rmSync(cache.home, { recursive: true, force: true });
  journal.note(`removed ${cache.label} (XDG_CACHE_HOME of every server and CLI run) before the cold start`);
}

/** The first hover of the cold start; a failure is reported and the phase goes on, unless its time is up. */
async function hoverFirstWhileIndexing(
  context: BenchContext,
  session: LspSession,
  result: ColdStartResult,
  deadline: number,
): Promise<void> {
  const typical = context.manifest.typicalNote;
  try {
    const first = await firstHoverAfterStart(session, typical, deadline);
    result.firstHoverColdMs = first.ms;
    result.metrics.firstHoverCold = {
      ms: round(first.ms),
      attempts: first.attempts,
      answeredBeforeIndexingFinished: first.answeredBeforeIndexingFinished,
      note: typical.file,
      mention: first.probe.text,
      how: 'fresh server, empty cache folder: from spawn until the first non-empty hover on the first mention of the typical note, opened right after the handshake and hovered every 20 ms',
    };
    if (!first.answeredBeforeIndexingFinished)
      context.journal.note('the first hover of the cold start was answered only once indexing had finished');
  } catch (error) {
    if (performance.now() > deadline) throw error;
    context.journal.fail(`first hover (cold start): ${describe(error)}`);
  }
}

/** The server's own summary of the index it built. */
function lastIndexLine(session: LspSession): string | undefined {
  return session.logs
    .join('')
    .split('\n')
    .filter((line) => /indexed \d+ notes/.test(line))
    .pop();
}
