// Phase 2, the warm start: a second server on the unchanged vault, with whatever cache the first one left;
// spawn to ready, and whether the cache folder holds any file. With no persistent cache this is a second
// cold start, and the report says so.

import { cacheContents } from '../cacheFolder';
import { LspSession } from '../lspSession';
import { round } from '../stats';
import { describeWithLog, runPhase, type BenchContext, type LiveServer } from './phase';

export interface WarmStartResult {
  warmMs: number | null;
  rssMb: number | null;
  /** `warmStart` of the report's metrics, when the phase finished. */
  metrics: Record<string, unknown>;
}

export async function measureWarmStart(context: BenchContext, coldMs: number | null): Promise<WarmStartResult> {
  const result: WarmStartResult = { warmMs: null, rssMb: null, metrics: {} };
  const live: LiveServer = {};
  try {
    const warm = await runPhase(
      'warm start (second start, vault unchanged)',
      context.options.phaseTimeoutMs,
      async () => {
        live.session = await LspSession.start(context.vault, { env: context.cache.env });
        await live.session.waitUntilReady();
        return live.session.readyAt! - live.session.spawnedAt;
      },
      async () => {
        result.rssMb = live.session?.peakRssMb() ?? null;
        await live.session?.stop();
      },
    );
    result.warmMs = warm;
    result.metrics.warmStart = describeWarmStart(context, warm, coldMs);
  } catch (error) {
    context.journal.fail(describeWithLog(error, live));
  }
  return result;
}

/** The warm start's metric, and a note when it was no faster than the cold start. */
function describeWarmStart({ cache: { home, label: cacheLabel }, journal }: BenchContext, warm: number, cold: number | null) {
  const cache = cacheContents(home);
  const cached = cache.files > 0;
  const notFaster = cold !== null && warm > cold * 0.5;
  const label = notFaster
    ? cached
      ? `second start on the unchanged vault, with the cache the first start left in ${cacheLabel}; it is no faster than the cold start, so the cache does not spare re-indexing (the OS file cache is warm in both)`
      : `second start on the unchanged vault; no cache was written to ${cacheLabel} and it is no faster than the cold start, so no persistent index cache is in effect in this build (the OS file cache is warm in both)`
    : cached
      ? `second start on the unchanged vault, with the cache the first start left in ${cacheLabel}`
      : `second start on the unchanged vault; ${cacheLabel} holds no cache`;
  if (notFaster) {
    journal.note(
      cached
        ? `warm start is no faster than the cold start (${(warm / 1000).toFixed(2)} s against ${(cold! / 1000).toFixed(2)} s) although the server left ${cache.files} file(s) in ${cacheLabel}: the cache does not spare re-indexing`
        : `warm start = second start: the server wrote no cache to ${cacheLabel}, so it re-indexes everything`,
    );
  }
  return {
    ms: round(warm),
    label,
    cacheFolderFound: cached,
    cache: { dir: cacheLabel, ...cache },
    how: 'second server on the unchanged vault, nothing opened: from spawn until `marginalia/status` ready; cacheFolderFound: the cache folder holds at least one file after the first start',
  };
}
