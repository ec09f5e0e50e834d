// `npm run bench [-- --quick | --notes N] [--out FILE] [--seed S] [--requests R] [--phase-timeout SECONDS] [--only completion]`
//
// Measures the language server through stdio, as an editor drives it, on a synthetic vault (see
// generateVault.ts), and validates the same vault's links with vscode-markdown-languageservice side by
// side. Writes a JSON result file and prints a table against the targets of issue 6.
//
// Every server and every `marginalia check` run gets XDG_CACHE_HOME=.bench/cache-<notes> and no
// initializationOptions.storagePath (like an editor other than VS Code), so the persistent index cache
// lives in $XDG_CACHE_HOME/marginalia, inside a folder the benchmark owns. That folder is removed before
// the cold start. Then, in order, one module of phases/ each:
//   1. coldStart: a fresh server with no cache: first hover, cold full index, runs on until its cache is written.
//   2. warmStart: a second server on the unchanged vault, with whatever cache the first one left.
//   3. editorSession: a third server: first hover, hover/definition latency on open notes, edit → diagnostics;
//      then memory: the peak RSS of these three servers.
//   4. linkValidation: `marginalia check` without and with the cache, and vscode-markdown-languageservice.
//   5. noteSave: the bytes the index cache writes after one note is saved (changed on disk).
//   6. largeNoteHovers: hovers elsewhere while a fresh server indexes a large note (its own vault).
//   7. completion: completion latency in open notes, on a server with the cache the others left.
// `--only completion` runs that phase alone, on the vault and cache as the last run left them.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { machineInfo, projectInfo } from './environment';
import { ensureVault } from './generateVault';
import { killAllChildren, SERVER_JS } from './lspSession';
import { parseOptions, type Options } from './options';
import { cacheHomeFor, shownPath } from './paths';
import { measureColdStart } from './phases/coldStart';
import { measureCompletion } from './phases/completion';
import { measureEditorSession } from './phases/editorSession';
import { measureLargeNoteHovers } from './phases/largeNoteHovers';
import { measureLinkValidation } from './phases/linkValidation';
import { summarizePeakMemory } from './phases/memory';
import { measureNoteSave } from './phases/noteSave';
import { describe, Journal, type BenchCache, type BenchContext } from './phases/phase';
import { measureWarmStart } from './phases/warmStart';
import { completionRows, printTable, targetRows, type TargetRow } from './report';
import { round, roundedOrNull } from './stats';

const BENCH_VERSION = 2;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((value) => round(value));
  const journal = new Journal();
  const context = prepare(options, journal);
  if (options.only === 'completion') return runCompletionAlone(context, startedAt, loadAverageAtStart);
  const metrics: Record<string, unknown> = {
    cacheHome: {
      dir: context.cache.label,
      how: 'XDG_CACHE_HOME of every server and CLI run; no initializationOptions.storagePath is passed, so the server caches under $XDG_CACHE_HOME/marginalia',
    },
  };

  const cold = await measureColdStart(context);
  Object.assign(metrics, cold.metrics);
  const warm = await measureWarmStart(context, cold.coldMs);
  Object.assign(metrics, warm.metrics);
  const editor = await measureEditorSession(context);
  Object.assign(metrics, editor.metrics);
  const memory = summarizePeakMemory({ cold: cold.rssMb, warm: warm.rssMb, editor: editor.rssMb }, journal);
  metrics.peakRss = memory.metric;
  const links = await measureLinkValidation(context);
  metrics.linkValidation = links.metric;
  // After the link checks, which are to read the cache the editor sessions left, unchanged.
  const save = await measureNoteSave(context);
  if (save.metric) metrics.noteSave = save.metric;
  const large = await measureLargeNoteHovers(context);
  if (large.metric) metrics.largeNote = large.metric;
  const completion = await measureCompletion(context);
  if (completion.metric) metrics.completion = completion.metric;

  metrics.coldIndexMs = roundedOrNull(cold.coldMs);
  metrics.warmStartMs = roundedOrNull(warm.warmMs);
  metrics.firstHoverMs = roundedOrNull(editor.firstHoverMs);
  metrics.firstHoverColdMs = roundedOrNull(cold.firstHoverColdMs);
  metrics.peakRssMb = memory.peakRssMb;
  metrics.noteSaveCacheBytes = save.cache?.written ?? null;

  noteBusyMachine(loadAverageAtStart, journal);
  const oursMissing = !links.checkAvailable ? 'n/a (no check command)' : undefined;
  const rows = targetRows({
    cold: cold.coldMs,
    warm: warm.warmMs,
    firstHoverCold: cold.firstHoverColdMs,
    firstHover: editor.firstHoverMs,
    hover: editor.hover,
    definition: editor.definition,
    edit: editor.edit,
    peakRss: memory.peakRssMb,
    oursCold: links.oursCold?.ms ?? null,
    oursColdMissing: oursMissing ?? (links.coldRejected ? 'n/a (--no-cache rejected)' : undefined),
    oursWarm: links.oursWarm?.ms ?? null,
    oursWarmMissing: oursMissing,
    theirs: links.theirs?.ms ?? null,
    ratioCold: links.ratioCold,
    ratioWarm: links.ratioWarm,
    noteSave: save.cache,
    largeNote: large.largeNote,
    completion: completion.completion,
  });
  return writeReport({ context, startedAt, loadAverageAtStart, metrics, rows });
}

/** `--only completion`: that phase's figures, reported as a full run reports its own. */
async function runCompletionAlone(
  context: BenchContext & { reused: boolean },
  startedAt: Date,
  loadAverageAtStart: number[],
): Promise<number> {
  const completion = await measureCompletion(context);
  const metrics: Record<string, unknown> = completion.metric ? { completion: completion.metric } : {};
  const rows = completionRows(completion.completion);
  return writeReport({ context, startedAt, loadAverageAtStart, metrics, rows });
}

/** The vault (generated, or reused when the same one is there) and the cache folder every run shares. */
function prepare(options: Options, journal: Journal): BenchContext & { reused: boolean } {
  if (!existsSync(SERVER_JS)) throw new Error('dist/server.js is missing: run `npm run build` first (npm run bench does)');
  const {
    dir: vault,
    manifest,
    reused,
  } = ensureVault({ notes: options.notes, seed: options.seed, log: (message) => process.stdout.write(`· ${message}\n`) });
  process.stdout.write(
    `· vault ${shownPath(vault)}: ${manifest.notes} notes, ${(manifest.bytes / 1e6).toFixed(1)} MB${reused ? ' (reused)' : ''}\n`,
  );
  // Every server and CLI run keeps its cache here (no storagePath is passed, as by editors other than VS Code).
  const home = cacheHomeFor(manifest.notes);
  const cache: BenchCache = { home, label: shownPath(home), env: { XDG_CACHE_HOME: home } };
  return { options, vault, manifest, cache, journal, reused };
}

function noteBusyMachine(loadAverageAtStart: number[], journal: Journal): void {
  const busiest = Math.max(loadAverageAtStart[0], os.loadavg()[0]);
  if (busiest > os.cpus().length * 0.75)
    journal.note(
      `other processes were competing for the CPUs (1-minute load average up to ${busiest.toFixed(1)} on ${os.cpus().length} CPUs): timings are pessimistic`,
    );
}

interface Report {
  context: BenchContext & { reused: boolean };
  startedAt: Date;
  loadAverageAtStart: number[];
  metrics: Record<string, unknown>;
  rows: TargetRow[];
}

/** Writes the JSON result file and prints the table; the exit code: 1 when a phase failed. */
function writeReport({
  context: { options, vault, manifest, journal, reused },
  startedAt,
  loadAverageAtStart,
  metrics,
  rows,
}: Report): number {
  const finishedAt = new Date();
  const result = {
    benchVersion: BENCH_VERSION,
    mode: options.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    machine: { ...machineInfo(), loadAverageAtStart, loadAverageAtEnd: os.loadavg().map((value) => round(value)) },
    project: projectInfo(),
    vault: {
      dir: shownPath(vault),
      notes: manifest.notes,
      bytes: manifest.bytes,
      seed: manifest.seed,
      generatorVersion: manifest.generatorVersion,
      reused,
      folders: manifest.folders,
      entitiesWritten: manifest.entities,
      links: manifest.links,
      largestNotes: manifest.largestNotes,
    },
    options: { requests: options.requests, phaseTimeoutMs: options.phaseTimeoutMs },
    metrics,
    targets: rows,
    notes: journal.notes,
    errors: journal.errors,
  };
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  printTable(rows, result.machine, manifest, options);
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), options.out) || options.out}\n`);
  if (journal.errors.length) process.stdout.write(`${journal.errors.length} phase(s) failed; see "errors" in the results\n`);
  return journal.errors.length ? 1 : 0;
}

process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.stderr.write(`\nbench: interrupted (${signal}); server processes killed\n`);
    process.exit(130);
  });
}

main().then(
  (code) => {
    killAllChildren();
    process.exit(code);
  },
  (error) => {
    killAllChildren();
    process.stderr.write(`bench: ${describe(error)}\n`);
    process.exit(1);
  },
);
