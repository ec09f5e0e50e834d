// `npm run bench [-- --quick | --notes N] [--out FILE] [--seed S] [--requests R] [--phase-timeout SECONDS]`
//
// Measures the language server through stdio, as an editor drives it, on a synthetic vault (see
// generateVault.ts), and validates the same vault's links with vscode-markdown-languageservice side by
// side. Writes a JSON result file and prints a table against the targets of issue 6.
//
// Every server and every `marginalia check` run gets XDG_CACHE_HOME=.bench/cache-<notes> and no
// initializationOptions.storagePath (like an editor other than VS Code), so the persistent index cache
// lives in $XDG_CACHE_HOME/marginalia, inside a folder the benchmark owns. That folder is removed before
// the cold start. Then, in order:
//   1. cold start: a fresh server with no cache. Right after the handshake the typical note is opened and
//      hovered (first mention) every 20 ms until a card comes back: first hover, cold. Then the time from
//      spawn to `marginalia/status` ready: cold full index (the note stays open meanwhile, as in an editor).
//      The server then runs on until it has written its cache, so that its peak memory includes the
//      whole-vault link check and the cache write that follow indexing.
//   2. warm start: a second server on the unchanged vault, with whatever cache the first one left; spawn
//      to ready, and whether the cache folder holds any file.
//   3. editor session: a third server (cache present); first hover exactly as in 1, then hover/definition
//      latency on open notes and edit → diagnostics.
//   4. link validation: `node dist/cli.js check <vault> --format json --no-cache` (cold: parses every note,
//      neither reads nor writes the cache), then the same without --no-cache (warm: reads the cache the
//      servers left), each timed with process start; vscode-markdown-languageservice once, in process.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Definition, Hover, LocationLink } from 'vscode-languageserver-protocol';
import { DEFAULT_SEED, ensureVault, mulberry32, type Probe, type VaultManifest } from './generateVault';
import { killAllChildren, LspSession, sleep, track, withTimeout } from './lspSession';
import { LARGE_NOTE_VAULT_NOTES, measureLargeNote, type LargeNoteResult } from './largeNote';
import { validateWithVscodeService } from './vscodeLinks';

const BENCH_VERSION = 2;
const ROOT = path.resolve(__dirname, '..');
const CLI_JS = path.join(ROOT, 'dist', 'cli.js');
/** XDG_CACHE_HOME of every server and CLI run for a vault of `notes` notes; removed before the cold start. */
const cacheHomeFor = (notes: number) => path.join(ROOT, '.bench', `cache-${notes}`);
/** The first edit waits this long for diagnostics before concluding that the server publishes none. */
const FIRST_DIAGNOSTICS_WAIT_MS = 2000;
const LATER_DIAGNOSTICS_WAIT_MS = 5000;
const EDITS = 40;

interface Options {
  notes: number;
  seed: number;
  out: string;
  requests: number;
  phaseTimeoutMs: number;
  mode: 'quick' | 'full' | 'custom';
  /** Size of the large note of the large-note phase; 0 leaves the phase out. */
  largeNoteMb: number;
}

interface LatencySummary {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
  /** Requests answered with a card or a location (the rest were null or empty). */
  answered?: number;
}

interface TargetRow {
  metric: string;
  value: string;
  target: string;
  met: boolean | null;
}

class PhaseError extends Error {}

function parseOptions(argv: string[]): Options {
  let notes = 10_000;
  let mode: Options['mode'] = 'full';
  let out = path.join(ROOT, 'bench', 'results', 'latest.json');
  let seed = DEFAULT_SEED;
  let requests = 2000;
  let phaseTimeoutS: number | undefined;
  let largeNoteMb: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') {
      notes = 1000;
      mode = 'quick';
    } else if (arg === '--notes') {
      notes = Number(value());
      mode = notes === 10_000 ? 'full' : 'custom';
    } else if (arg === '--out') out = path.resolve(value());
    else if (arg === '--seed') seed = Number(value());
    else if (arg === '--requests') requests = Number(value());
    else if (arg === '--phase-timeout') phaseTimeoutS = Number(value());
    else if (arg === '--large-note-mb') largeNoteMb = Number(value());
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write('Usage: npm run bench -- [--quick | --notes N] [--out FILE] [--seed S] [--requests R] [--phase-timeout SECONDS] [--large-note-mb MB]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(notes) || notes < 10) throw new Error('--notes must be an integer of at least 10');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests must be a positive integer');
  // Generous by default: about 40 ms a note, at least two minutes; a phase past it is reported, not waited out.
  const phaseTimeoutMs = phaseTimeoutS !== undefined ? phaseTimeoutS * 1000 : Math.max(120_000, notes * 40);
  if (!(phaseTimeoutMs > 0)) throw new Error('--phase-timeout must be a positive number of seconds');
  // The large note is 50 MB; a quick run makes do with 10.
  largeNoteMb ??= mode === 'quick' ? 10 : 50;
  if (!(Number.isInteger(largeNoteMb) && largeNoteMb >= 0)) throw new Error('--large-note-mb must be a whole number of megabytes (0 leaves the phase out)');
  return { notes, seed, out, requests, phaseTimeoutMs, mode, largeNoteMb };
}

function summarize(samples: number[], answered?: number): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]) : null);
  return {
    n: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.length ? round(sorted[sorted.length - 1]) : null,
    mean: sorted.length ? round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length) : null,
    ...(answered !== undefined ? { answered } : {}),
  };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function projectInfo() {
  const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', 'HEAD']);
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return { commit: head.status === 0 ? head.stdout.trim() : null, dirty: status.status === 0 ? status.stdout.trim().length > 0 : null };
}

/** Waits until a server has written its index cache under the cache folder; false at the deadline. */
async function cacheFileWritten(cacheHome: string, deadline: number): Promise<boolean> {
  const folder = path.join(cacheHome, 'marginalia', 'index');
  while (performance.now() < deadline) {
    if (existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.json'))) return true;
    await sleep(200);
  }
  return false;
}

function position(probe: Probe) {
  return { line: probe.line, character: probe.character + Math.floor(probe.length / 2) };
}

function isAnswered(result: Hover | Definition | LocationLink[] | null | undefined): boolean {
  if (!result) return false;
  if (Array.isArray(result)) return result.length > 0;
  return true;
}

/** Runs one phase under a time limit; whatever happens, the phase's server is stopped. */
async function phase<T>(name: string, limitMs: number, body: (deadline: number) => Promise<T>, cleanup?: () => Promise<void>): Promise<T> {
  const deadline = performance.now() + limitMs;
  process.stdout.write(`· ${name} ...\n`);
  try {
    return await withTimeout(body(deadline), limitMs, `${name}: did not finish within ${Math.round(limitMs / 1000)} s (raise --phase-timeout to wait longer)`);
  } finally {
    await cleanup?.();
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((value) => round(value));
  const notes: string[] = [];
  const errors: string[] = [];
  const note = (message: string) => {
    notes.push(message);
    process.stdout.write(`  note: ${message}\n`);
  };
  const fail = (message: string) => {
    errors.push(message);
    process.stdout.write(`  error: ${message}\n`);
  };

  if (!existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first (npm run bench does)');
  const { dir: vault, manifest, reused } = ensureVault({ notes: options.notes, seed: options.seed, log: (message) => process.stdout.write(`· ${message}\n`) });
  process.stdout.write(`· vault ${path.relative(ROOT, vault) || vault}: ${manifest.notes} notes, ${(manifest.bytes / 1e6).toFixed(1)} MB${reused ? ' (reused)' : ''}\n`);

  const metrics: Record<string, unknown> = {};
  const rss: Record<string, number | null> = {};

  // Every server and CLI run keeps its cache here (no storagePath is passed, as by editors other than VS Code).
  const cacheHome = cacheHomeFor(manifest.notes);
  const cacheLabel = path.relative(ROOT, cacheHome) || cacheHome;
  const env = { XDG_CACHE_HOME: cacheHome };
  metrics.cacheHome = { dir: cacheLabel, how: 'XDG_CACHE_HOME of every server and CLI run; no initializationOptions.storagePath is passed, so the server caches under $XDG_CACHE_HOME/marginalia' };
  const typical = manifest.typicalNote;

  // 1. Cold start: no cache. The typical note is opened at once and hovered until it answers, then the
  //    server is waited for until it says it is ready.
  if (existsSync(cacheHome)) {
    rmSync(cacheHome, { recursive: true, force: true });
    note(`removed ${cacheLabel} (XDG_CACHE_HOME of every server and CLI run) before the cold start`);
  }
  let cold: number | null = null;
  let firstHoverCold: number | null = null;
  const live: { session?: LspSession } = {};
  try {
    cold = await phase(
      'cold start (no cache): first hover, full index',
      options.phaseTimeoutMs,
      async (deadline) => {
        const started = await LspSession.start(vault, { env });
        live.session = started;
        try {
          const first = await firstHoverAfterStart(started, typical, deadline);
          firstHoverCold = first.ms;
          metrics.firstHoverCold = {
            ms: round(first.ms),
            attempts: first.attempts,
            answeredBeforeIndexingFinished: first.answeredBeforeIndexingFinished,
            note: typical.file,
            mention: first.probe.text,
            how: 'fresh server, empty cache folder: from spawn until the first non-empty hover on the first mention of the typical note, opened right after the handshake and hovered every 20 ms',
          };
          if (!first.answeredBeforeIndexingFinished) note('the first hover of the cold start was answered only once indexing had finished');
        } catch (error) {
          if (performance.now() > deadline) throw error;
          fail(`first hover (cold start): ${describe(error)}`);
        }
        await started.waitUntilReady();
        const ms = started.readyAt! - started.spawnedAt;
        metrics.coldIndex = {
          ms: round(ms),
          status: started.readyStatus,
          serverLog: lastIndexLine(started),
          how: 'fresh server, empty cache folder: from spawn until `marginalia/status` ready; the typical note was opened and hovered meanwhile',
        };
        // What follows indexing in any session counts towards its memory: the whole-vault link check and the cache write.
        const written = await cacheFileWritten(cacheHome, deadline);
        if (!written) note('the cold start wrote no cache file before the phase limit; its peak RSS leaves out the cache write');
        return ms;
      },
      async () => {
        rss.cold = live.session?.peakRssMb() ?? null;
        await live.session?.stop();
      },
    );
  } catch (error) {
    fail(describeWithLog(error, live));
  }
  live.session = undefined;

  // 2. Warm start: the same vault again, unchanged. With no persistent cache this is a second cold start.
  let warm: number | null = null;
  try {
    warm = await phase(
      'warm start (second start, vault unchanged)',
      options.phaseTimeoutMs,
      async () => {
        live.session = await LspSession.start(vault, { env });
        await live.session.waitUntilReady();
        return live.session.readyAt! - live.session.spawnedAt;
      },
      async () => {
        rss.warm = live.session?.peakRssMb() ?? null;
        await live.session?.stop();
      },
    );
    const cache = cacheContents(cacheHome);
    const cached = cache.files > 0;
    const notFaster = cold !== null && warm > cold * 0.5;
    const label = notFaster
      ? cached
        ? `second start on the unchanged vault, with the cache the first start left in ${cacheLabel}; it is no faster than the cold start, so the cache does not spare re-indexing (the OS file cache is warm in both)`
        : `second start on the unchanged vault; no cache was written to ${cacheLabel} and it is no faster than the cold start, so no persistent index cache is in effect in this build (the OS file cache is warm in both)`
      : cached
        ? `second start on the unchanged vault, with the cache the first start left in ${cacheLabel}`
        : `second start on the unchanged vault; ${cacheLabel} holds no cache`;
    metrics.warmStart = {
      ms: round(warm),
      label,
      cacheFolderFound: cached,
      cache: { dir: cacheLabel, ...cache },
      how: 'second server on the unchanged vault, nothing opened: from spawn until `marginalia/status` ready; cacheFolderFound: the cache folder holds at least one file after the first start',
    };
    if (notFaster) {
      note(
        cached
          ? `warm start is no faster than the cold start (${(warm / 1000).toFixed(2)} s against ${(cold! / 1000).toFixed(2)} s) although the server left ${cache.files} file(s) in ${cacheLabel}: the cache does not spare re-indexing`
          : `warm start = second start: the server wrote no cache to ${cacheLabel}, so it re-indexes everything`,
      );
    }
  } catch (error) {
    fail(describeWithLog(error, live));
  }
  live.session = undefined;

  // 3. An editor session: a note opened right after start, hovered until it answers; then latency and edits.
  let firstHover: number | null = null;
  let hoverSummary: LatencySummary | null = null;
  let definitionSummary: LatencySummary | null = null;
  let editSummary: (LatencySummary & { missed: number }) | null = null;
  try {
    await phase(
      'editor session: first hover, hover/definition latency, edit → diagnostics',
      options.phaseTimeoutMs * 2,
      async (deadline) => {
        const started = await LspSession.start(vault, { env });
        live.session = started;
        const first = await firstHoverAfterStart(started, typical, deadline);
        const { uri, text } = first;
        firstHover = first.ms;
        await withTimeout(started.waitUntilReady(), Math.max(1, deadline - performance.now()), 'the server did not finish indexing within the phase limit');
        metrics.firstHover = {
          ms: round(first.ms),
          attempts: first.attempts,
          answeredBeforeIndexingFinished: first.answeredBeforeIndexingFinished,
          readyMs: round(started.readyAt! - started.spawnedAt),
          note: typical.file,
          mention: first.probe.text,
          how: 'third server, after the cold and warm starts (with whatever cache they left): from spawn until the first non-empty hover on the first mention of the typical note, opened right after the handshake and hovered every 20 ms',
        };
        if (!first.answeredBeforeIndexingFinished) note('the first hover of the editor session was answered only once indexing had finished');

        const latency = await measureLatency(started, manifest, options, deadline);
        hoverSummary = latency.hover;
        definitionSummary = latency.definition;
        metrics.hover = hoverSummary;
        metrics.definition = definitionSummary;
        if (latency.stoppedEarly) note(`hover/definition stopped at ${hoverSummary.n} requests each: phase time limit`);

        editSummary = await measureEdits(started, uri, text, deadline, note);
        metrics.editDiagnostics = editSummary;
      },
      async () => {
        rss.editor = live.session?.peakRssMb() ?? null;
        await live.session?.stop();
      },
    );
  } catch (error) {
    fail(describeWithLog(error, live));
  }
  live.session = undefined;

  const rssValues = Object.values(rss).filter((value): value is number => typeof value === 'number');
  const peakRss = rssValues.length ? round(Math.max(...rssValues), 1) : null;
  metrics.peakRss = { mb: peakRss, bySession: Object.fromEntries(Object.entries(rss).map(([key, value]) => [key, value === null ? null : round(value, 1)])), how: 'max of VmHWM and sampled VmRSS of the server process (/proc/<pid>/status; worker threads share the process); the cold session runs until its cache file is written, so the link check and cache write after indexing count' };
  if (peakRss === null) note('peak RSS unavailable: /proc/<pid>/status could not be read (not Linux?)');

  // 4. Whole-workspace link validation: ours through the CLI twice (without the cache, then with the one the
  //    servers left), theirs in process once, on the same vault.
  let oursCold: CheckRun | null = null;
  let oursWarm: CheckRun | null = null;
  let coldRejected = false;
  let theirs: Awaited<ReturnType<typeof validateWithVscodeService>> | null = null;
  const checkAvailable = ourCheckAvailable(note);
  if (checkAvailable) {
    try {
      oursCold = await phase('link validation: marginalia check --no-cache (cold)', options.phaseTimeoutMs, (deadline) => runOurCheck(vault, ['--no-cache'], env, deadline));
    } catch (error) {
      if (error instanceof OptionRejected) {
        coldRejected = true;
        note(`marginalia check rejects --no-cache (an older build?): the cold link check time and ratio are null (${error.message})`);
      } else fail(describe(error));
    }
    const cacheBeforeWarm = cacheContents(cacheHome);
    if (cacheBeforeWarm.files === 0) note(`${cacheLabel} holds no cache before the warm link check: it parses every note like a cold one`);
    try {
      oursWarm = await phase('link validation: marginalia check (warm cache)', options.phaseTimeoutMs, (deadline) => runOurCheck(vault, [], env, deadline));
    } catch (error) {
      fail(describe(error));
    }
  }
  try {
    theirs = await phase('link validation: vscode-markdown-languageservice', options.phaseTimeoutMs, (deadline) => validateWithVscodeService(vault, { deadline }));
  } catch (error) {
    fail(describe(error));
  }
  const planted = manifest.links.deadFile + manifest.links.deadImages + manifest.links.deadFragment;
  const ratioOf = (ours: CheckRun | null) => (ours && theirs ? round(ours.ms / theirs.ms, 3) : null);
  const ratioCold = ratioOf(oursCold);
  const ratioWarm = ratioOf(oursWarm);
  const rounded = (run: CheckRun | null) => (run ? { ...run, ms: round(run.ms) } : null);
  metrics.linkValidation = {
    oursColdMs: oursCold ? round(oursCold.ms) : null,
    oursWarmMs: oursWarm ? round(oursWarm.ms) : null,
    oursMs: oursWarm ? round(oursWarm.ms) : null,
    theirsMs: theirs ? round(theirs.ms) : null,
    ratioCold,
    ratioWarm,
    ratio: ratioWarm,
    noCacheRejected: coldRejected,
    oursCold: rounded(oursCold),
    oursWarm: rounded(oursWarm),
    theirs: theirs ? { ...theirs, ms: round(theirs.ms) } : null,
    planted: { deadFileLinks: manifest.links.deadFile, deadImages: manifest.links.deadImages, deadFragments: manifest.links.deadFragment, total: planted },
    how:
      `oursCold: wall time of \`node dist/cli.js check <vault> --format json --no-cache\` (parses every note; neither reads nor writes the cache); ` +
      `oursWarm (= oursMs): wall time of \`node dist/cli.js check <vault> --format json\` after the editor sessions, with whatever cache the servers left in ${cacheLabel} (warmStart.cache says whether they left any); ` +
      'both with XDG_CACHE_HOME set to that folder and process start included; ' +
      'theirs: in-process createLanguageService + computeDiagnostics for every note (file, image and fragment links), reading the vault included; ' +
      'ratioCold/ratioWarm: ours/theirs (ratio = ratioWarm)',
  };
  if (oursCold && oursCold.problems !== null && oursCold.problems !== planted) note(`marginalia check --no-cache reported ${oursCold.problems} link problems; the generator planted ${planted}`);
  if (oursWarm && oursWarm.problems !== null && oursWarm.problems !== planted) note(`marginalia check (warm cache) reported ${oursWarm.problems} link problems; the generator planted ${planted}`);
  if (oursCold && oursWarm && oursCold.problems !== oursWarm.problems) note(`marginalia check found ${oursCold.problems} link problems without the cache and ${oursWarm.problems} with it`);
  if (theirs && theirs.problems !== planted) note(`vscode-markdown-languageservice reported ${theirs.problems} link problems; the generator planted ${planted}`);

  // 5. A large note beside ordinary ones: hovers elsewhere while a fresh server indexes it.
  let largeNote: LargeNoteResult | null = null;
  if (options.largeNoteMb > 0) {
    try {
      // About 2 s a megabyte on a busy 2-core machine, and never less than the other phases get.
      const limitMs = Math.max(options.phaseTimeoutMs, options.largeNoteMb * 6_000);
      largeNote = await phase(`large note: hovers elsewhere while a ${options.largeNoteMb} MB note is indexed`, limitMs, (deadline) =>
        measureLargeNote({ notes: LARGE_NOTE_VAULT_NOTES, seed: options.seed, megabytes: options.largeNoteMb, deadline, root: ROOT, progress: (message) => process.stdout.write(`  ${message}\n`) }),
      );
      metrics.largeNote = {
        ...largeNote,
        how: `a vault of ${LARGE_NOTE_VAULT_NOTES} generated notes plus one note of ${options.largeNoteMb} MB made of their text, marginalia.maxFileSizeMB raised to let it in; a fresh server with no cache; a mention in the typical note hovered every 10 ms from its first card until the large note's diagnostics arrive`,
      };
      if (largeNote.largeNoteDiagnosticsMs === null) note('the large note\'s diagnostics did not arrive before the phase limit');
    } catch (error) {
      fail(describe(error));
    }
  }

  metrics.coldIndexMs = cold === null ? null : round(cold);
  metrics.warmStartMs = warm === null ? null : round(warm);
  metrics.firstHoverMs = firstHover === null ? null : round(firstHover);
  metrics.firstHoverColdMs = firstHoverCold === null ? null : round(firstHoverCold);
  metrics.peakRssMb = peakRss;

  const busiest = Math.max(loadAverageAtStart[0], os.loadavg()[0]);
  if (busiest > os.cpus().length * 0.75) note(`other processes were competing for the CPUs (1-minute load average up to ${busiest.toFixed(1)} on ${os.cpus().length} CPUs): timings are pessimistic`);
  const oursMissing = !checkAvailable ? 'n/a (no check command)' : undefined;
  const rows = targetRows({
    cold,
    warm,
    firstHoverCold,
    firstHover,
    hover: hoverSummary,
    definition: definitionSummary,
    edit: editSummary,
    peakRss,
    oursCold: oursCold?.ms ?? null,
    oursColdMissing: oursMissing ?? (coldRejected ? 'n/a (--no-cache rejected)' : undefined),
    oursWarm: oursWarm?.ms ?? null,
    oursWarmMissing: oursMissing,
    theirs: theirs?.ms ?? null,
    ratioCold,
    ratioWarm,
    largeNote,
  });
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
      dir: path.relative(ROOT, vault) || vault,
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
    notes,
    errors,
  };
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  printTable(rows, result.machine, manifest, options);
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), options.out) || options.out}\n`);
  if (errors.length) process.stdout.write(`${errors.length} phase(s) failed; see "errors" in the results\n`);
  return errors.length ? 1 : 0;
}

interface FirstHover {
  /** From spawn to the first non-empty hover. */
  ms: number;
  attempts: number;
  answeredBeforeIndexingFinished: boolean;
  probe: Probe;
  uri: string;
  text: string;
}

/**
 * What an editor restoring a tab does right after start: opens the typical note and asks for a hover on its
 * first mention every 20 ms until one is answered with a card. Shared by the cold start and the editor session.
 */
async function firstHoverAfterStart(session: LspSession, typical: VaultManifest['typicalNote'], deadline: number): Promise<FirstHover> {
  const { uri, text } = await session.openFromDisk(typical.file);
  const probe = typical.probes[0];
  if (!probe) throw new PhaseError(`the typical note ${typical.file} has no mentions to hover`);
  let attempts = 0;
  for (;;) {
    if (performance.now() > deadline) throw new PhaseError(`no hover answer within the phase limit after ${attempts} attempts`);
    attempts++;
    const hover = await withTimeout(
      session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: position(probe) }),
      Math.max(1, deadline - performance.now()),
      'hover did not answer within the phase limit',
    );
    if (isAnswered(hover)) break;
    await sleep(20);
  }
  const ms = session.elapsedSinceSpawn();
  return { ms, attempts, answeredBeforeIndexingFinished: session.readyAt === undefined, probe, uri, text };
}

/** Files (at any depth) and their bytes in a folder; zeros when it does not exist. */
function cacheContents(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        files++;
        try {
          bytes += statSync(full).size;
        } catch {
          // gone meanwhile
        }
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

async function measureLatency(session: LspSession, manifest: VaultManifest, options: Options, deadline: number) {
  const targets: Array<{ uri: string; probe: Probe }> = [];
  for (const entry of manifest.sessionNotes) {
    const { uri } = await session.openFromDisk(entry.file);
    for (const probe of entry.probes) targets.push({ uri, probe });
  }
  const typicalUri = session.uri(manifest.typicalNote.file);
  for (const probe of manifest.typicalNote.probes) targets.push({ uri: typicalUri, probe });
  if (targets.length === 0) throw new PhaseError('the vault manifest lists no mentions to hover');
  // Let every opened note be parsed before timing: one answered request per note.
  for (const entry of manifest.sessionNotes) {
    const probe = entry.probes[0];
    if (probe) await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: session.uri(entry.file) }, position: position(probe) });
  }
  const random = mulberry32(options.seed ^ 0x5bd1e995);
  const hover: number[] = [];
  const definition: number[] = [];
  let hoverAnswered = 0;
  let definitionAnswered = 0;
  let stoppedEarly = false;
  // Leave a third of the phase for the edits.
  const budgetEnd = performance.now() + Math.max(10_000, (deadline - performance.now()) / 3);
  for (let index = 0; index < options.requests; index++) {
    if (performance.now() > budgetEnd) {
      stoppedEarly = true;
      break;
    }
    const target = targets[Math.floor(random() * targets.length)];
    const params = { textDocument: { uri: target.uri }, position: position(target.probe) };
    let started = performance.now();
    const card = await session.connection.sendRequest<Hover | null>('textDocument/hover', params);
    hover.push(performance.now() - started);
    if (isAnswered(card)) hoverAnswered++;
    const other = targets[Math.floor(random() * targets.length)];
    started = performance.now();
    const locations = await session.connection.sendRequest<Definition | LocationLink[] | null>('textDocument/definition', { textDocument: { uri: other.uri }, position: position(other.probe) });
    definition.push(performance.now() - started);
    if (isAnswered(locations)) definitionAnswered++;
  }
  return { hover: summarize(hover, hoverAnswered), definition: summarize(definition, definitionAnswered), stoppedEarly };
}

/** Appends a line with a link to a missing note, as a typing user would, and waits for that version's diagnostics. */
async function measureEdits(session: LspSession, uri: string, original: string, deadline: number, note: (message: string) => void): Promise<(LatencySummary & { missed: number }) | null> {
  await sleep(300);
  let text = original.endsWith('\n') ? original : `${original}\n`;
  if (text !== original) {
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  }
  let version = text !== original ? 2 : 1;
  const samples: number[] = [];
  let missed = 0;
  for (let edit = 0; edit < EDITS; edit++) {
    if (performance.now() > deadline - LATER_DIAGNOSTICS_WAIT_MS) {
      note(`edit → diagnostics stopped after ${edit} edits: phase time limit`);
      break;
    }
    version++;
    const lines = text.split('\n');
    const at = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const inserted = `参考 [失效链接 ${edit}](missing-note-${edit}.md)\n`;
    text += inserted;
    const expected = version;
    // Versioned diagnostics must carry this version; unversioned ones must flag the link just added, so a
    // late publish for an earlier edit is not taken for this one.
    const waiter = session.waitForDiagnostics(uri, (params) =>
      typeof params.version === 'number' ? params.version === expected : params.diagnostics.some((diagnostic) => diagnostic.range.start.line === at.line),
    );
    const sent = performance.now();
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: inserted }] });
    const wait = edit === 0 ? FIRST_DIAGNOSTICS_WAIT_MS : LATER_DIAGNOSTICS_WAIT_MS;
    const arrived = await withTimeout(waiter.promise, wait, 'no diagnostics').catch(() => undefined);
    waiter.cancel();
    if (arrived === undefined) {
      if (edit === 0) {
        note(`server publishes no diagnostics yet (none for ${uri.split('/').slice(-2).join('/')} flagging a newly added dead link within ${FIRST_DIAGNOSTICS_WAIT_MS} ms of the edit)`);
        return null;
      }
      missed++;
      continue;
    }
    samples.push(arrived - sent);
    await sleep(30);
  }
  return { ...summarize(samples), missed };
}

interface CheckRun {
  ms: number;
  exitCode: number | null;
  problems: number | null;
  byCode: Record<string, number> | null;
}

/** The CLI turned down an option of the command line (an older build). */
class OptionRejected extends PhaseError {}

/** Whether dist/cli.js exists and has a `check` command; notes why not. */
function ourCheckAvailable(note: (message: string) => void): boolean {
  if (!existsSync(CLI_JS)) {
    note('dist/cli.js is missing: our link validation was not measured');
    return false;
  }
  const help = spawnSync(process.execPath, [CLI_JS, '--help'], { encoding: 'utf8', timeout: 30_000 });
  if (!/^\s+check\b/m.test(`${help.stdout}\n${help.stderr}`)) {
    note('dist/cli.js has no `check` command yet: our link validation times and the ratios are null');
    return false;
  }
  return true;
}

/** Times `node dist/cli.js check <vault> --format json [extra]` with `env` added to the environment, process start included. */
async function runOurCheck(vault: string, extra: string[], env: Record<string, string>, deadline: number): Promise<CheckRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI_JS, 'check', vault, '--format', 'json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  track(child);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exitCode = await withTimeout(
    new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      // 'close', not 'exit': only then has all of stdout been read.
      child.once('close', (code) => resolve(code));
    }),
    Math.max(1, deadline - performance.now()),
    '`marginalia check` did not finish within the phase limit',
  ).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  const ms = performance.now() - started;
  // Exit code 1 conventionally means "problems found"; 2 and above mean the command itself failed.
  if (exitCode === null || exitCode > 1) {
    const output = Buffer.concat(stderr).toString().trim();
    const rejected = extra.find((option) => output.includes(option) && /unknown|unrecognized|invalid|unexpected/i.test(output));
    if (rejected) throw new OptionRejected(`\`marginalia check\` exited with ${exitCode}: ${output.split('\n').find((line) => line.includes(rejected))?.trim()}`);
    const message = output.split('\n').slice(-5).join('\n');
    throw new PhaseError(`\`marginalia check\` ${extra.join(' ')} exited with ${exitCode}: ${message}`);
  }
  return { ms, exitCode, ...countProblems(Buffer.concat(stdout).toString()) };
}

/** Reads the problems out of the check command's JSON (an array of {file, line, …, code}); nulls when it cannot. */
function countProblems(output: string): { problems: number | null; byCode: Record<string, number> | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return { problems: null, byCode: null };
  }
  const list = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { problems?: unknown })?.problems) ? ((parsed as { problems: unknown[] }).problems) : undefined;
  if (!list) return { problems: null, byCode: null };
  const byCode: Record<string, number> = {};
  for (const entry of list) {
    const code = String((entry as { code?: unknown })?.code ?? 'other');
    byCode[code] = (byCode[code] ?? 0) + 1;
  }
  return { problems: list.length, byCode };
}

function lastIndexLine(session: LspSession): string | undefined {
  return session.logs
    .join('')
    .split('\n')
    .filter((line) => /indexed \d+ notes/.test(line))
    .pop();
}

function targetRows(values: {
  cold: number | null;
  warm: number | null;
  firstHoverCold: number | null;
  firstHover: number | null;
  hover: LatencySummary | null;
  definition: LatencySummary | null;
  edit: LatencySummary | null;
  peakRss: number | null;
  oursCold: number | null;
  /** Shown instead of the cold figure when there is none for a known reason. */
  oursColdMissing?: string;
  oursWarm: number | null;
  oursWarmMissing?: string;
  theirs: number | null;
  ratioCold: number | null;
  ratioWarm: number | null;
  largeNote: LargeNoteResult | null;
}): TargetRow[] {
  const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
  const millis = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'n/a' : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
  const check = (value: number | null | undefined, limit: number, strict = false) => (value === null || value === undefined ? null : strict ? value < limit : value <= limit);
  return [
    { metric: 'cold full index', value: seconds(values.cold), target: '≤ 20 s', met: check(values.cold, 20_000) },
    { metric: 'warm start (2nd start)', value: seconds(values.warm), target: '≤ 1.5 s', met: check(values.warm, 1500) },
    { metric: 'first hover, cold start (no cache)', value: seconds(values.firstHoverCold), target: '≤ 1 s', met: check(values.firstHoverCold, 1000) },
    { metric: 'first hover after start', value: seconds(values.firstHover), target: '≤ 1 s', met: check(values.firstHover, 1000) },
    { metric: 'hover p50', value: millis(values.hover?.p50), target: '', met: null },
    { metric: 'hover p99', value: millis(values.hover?.p99), target: '≤ 10 ms', met: check(values.hover?.p99, 10) },
    { metric: 'definition p50', value: millis(values.definition?.p50), target: '', met: null },
    { metric: 'definition p99', value: millis(values.definition?.p99), target: '≤ 10 ms', met: check(values.definition?.p99, 10) },
    { metric: 'edit → diagnostics p50', value: values.edit ? millis(values.edit.p50) : 'n/a (none published)', target: '', met: null },
    { metric: 'edit → diagnostics p95', value: values.edit ? millis(values.edit.p95) : 'n/a (none published)', target: '≤ 100 ms', met: check(values.edit?.p95, 100) },
    { metric: 'peak RSS (server)', value: values.peakRss === null ? 'n/a' : `${values.peakRss.toFixed(0)} MB`, target: '≤ 400 MB', met: check(values.peakRss, 400) },
    { metric: 'link check: ours (cold, --no-cache)', value: values.oursCold === null ? values.oursColdMissing ?? 'n/a' : seconds(values.oursCold), target: '', met: null },
    { metric: 'link check: ours (warm cache)', value: values.oursWarm === null ? values.oursWarmMissing ?? 'n/a' : seconds(values.oursWarm), target: '', met: null },
    { metric: 'link check: vscode-md-ls', value: seconds(values.theirs), target: '', met: null },
    { metric: 'link check ratio (cold)', value: values.ratioCold === null ? 'n/a' : values.ratioCold.toFixed(2), target: '< 1.0', met: check(values.ratioCold, 1, true) },
    { metric: 'link check ratio (warm)', value: values.ratioWarm === null ? 'n/a' : values.ratioWarm.toFixed(2), target: '< 1.0', met: check(values.ratioWarm, 1, true) },
    ...largeNoteRows(values.largeNote, seconds, millis, check),
  ];
}

/**
 * A hover that waits less than VS Code's own hover delay (300 ms) before it shows is not held up in any way
 * the user sees: that is the line for "never blocks hover elsewhere".
 */
const LARGE_NOTE_HOVER_LIMIT_MS = 300;

function largeNoteRows(
  result: LargeNoteResult | null,
  seconds: (ms: number | null) => string,
  millis: (ms: number | null | undefined) => string,
  check: (value: number | null | undefined, limit: number, strict?: boolean) => boolean | null,
): TargetRow[] {
  if (!result) return [];
  const size = `${Math.round(result.note.megabytes)} MB note`;
  return [
    { metric: `${size}: indexed (spawn → diagnostics)`, value: seconds(result.largeNoteDiagnosticsMs), target: '', met: null },
    { metric: `${size}: hover elsewhere p99 / longest`, value: `${millis(result.hover.p99)} / ${millis(result.hover.max)}`, target: `longest < ${LARGE_NOTE_HOVER_LIMIT_MS} ms`, met: check(result.hover.max, LARGE_NOTE_HOVER_LIMIT_MS, true) },
    { metric: `${size}: peak RSS (server)`, value: result.peakRssMb === null ? 'n/a' : `${result.peakRssMb.toFixed(0)} MB`, target: '', met: null },
  ];
}

function printTable(rows: TargetRow[], machine: ReturnType<typeof machineInfo>, manifest: VaultManifest, options: Options): void {
  const header = { metric: 'metric', value: 'value', target: 'target', met: 'met?' };
  const cells = rows.map((row) => ({ metric: row.metric, value: row.value, target: row.target, met: row.met === null ? (row.target ? '—' : '') : row.met ? 'yes' : 'NO' }));
  const width = (key: keyof typeof header) => Math.max(displayWidth(header[key]), ...cells.map((cell) => displayWidth(cell[key])));
  const widths = { metric: width('metric'), value: width('value'), target: width('target'), met: width('met') };
  const line = (cell: typeof header) => `  ${pad(cell.metric, widths.metric)}  ${pad(cell.value, widths.value)}  ${pad(cell.target, widths.target)}  ${cell.met}`;
  process.stdout.write(`\nMarginalia benchmark: ${manifest.notes} notes, ${(manifest.bytes / 1e6).toFixed(1)} MB; ${machine.cpus} CPUs (${machine.cpuModel}), ${(machine.totalMemoryMb / 1024).toFixed(1)} GB, Node ${machine.node}\n`);
  if (options.notes !== 10_000) process.stdout.write(`(the targets are stated for 10,000 notes; this run has ${options.notes})\n`);
  process.stdout.write(`\n${line(header)}\n`);
  for (const cell of cells) process.stdout.write(`${line(cell)}\n`);
}

function displayWidth(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** The error, and the server's last log lines when a server was running. */
function describeWithLog(error: unknown, live: { session?: LspSession }): string {
  return live.session ? `${describe(error)}\n${live.session.tail()}` : describe(error);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
