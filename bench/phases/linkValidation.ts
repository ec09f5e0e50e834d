// Phase 4, whole-workspace link validation: ours through the CLI twice, `node dist/cli.js check <vault>
// --format json --no-cache` (cold: parses every note, neither reads nor writes the cache), then the same
// without --no-cache (warm: reads the cache the servers left), each timed with process start; theirs,
// vscode-markdown-languageservice, once in process, on the same vault.

import { cacheContents } from '../cacheFolder';
import { round } from '../stats';
import { validateWithVscodeService, type LinkValidationResult as TheirRun } from '../vscodeLinks';
import { OptionRejected, ourCheckAvailable, runOurCheck, type CheckRun } from './checkCli';
import { describe, runPhase, type BenchContext } from './phase';

export interface LinkValidationResult {
  /** False when dist/cli.js has no `check` command. */
  checkAvailable: boolean;
  oursCold: CheckRun | null;
  oursWarm: CheckRun | null;
  /** The CLI turned down --no-cache. */
  coldRejected: boolean;
  theirs: TheirRun | null;
  ratioCold: number | null;
  ratioWarm: number | null;
  /** `linkValidation` of the report's metrics. */
  metric: Record<string, unknown>;
}

export async function measureLinkValidation(context: BenchContext): Promise<LinkValidationResult> {
  const checkAvailable = ourCheckAvailable((message) => context.journal.note(message));
  const ours = checkAvailable ? await runOurChecks(context) : { oursCold: null, oursWarm: null, coldRejected: false };
  const theirs = await runTheirs(context);
  const ratioOf = (run: CheckRun | null) => (run && theirs ? round(run.ms / theirs.ms, 3) : null);
  const result = { checkAvailable, ...ours, theirs, ratioCold: ratioOf(ours.oursCold), ratioWarm: ratioOf(ours.oursWarm) };
  noteMiscounts(context, result);
  return { ...result, metric: linkValidationMetric(context, result) };
}

/** Ours without the cache, then with whatever cache the servers left. */
async function runOurChecks({ vault, options, cache, journal }: BenchContext) {
  let oursCold: CheckRun | null = null;
  let oursWarm: CheckRun | null = null;
  let coldRejected = false;
  try {
    oursCold = await runPhase('link validation: marginalia check --no-cache (cold)', options.phaseTimeoutMs, (deadline) =>
      runOurCheck(vault, ['--no-cache'], cache.env, deadline),
    );
  } catch (error) {
    if (error instanceof OptionRejected) {
      coldRejected = true;
      journal.note(`marginalia check rejects --no-cache (an older build?): the cold link check time and ratio are null (${error.message})`);
    } else journal.fail(describe(error));
  }
  if (cacheContents(cache.home).files === 0)
    journal.note(`${cache.label} holds no cache before the warm link check: it parses every note like a cold one`);
  try {
    oursWarm = await runPhase('link validation: marginalia check (warm cache)', options.phaseTimeoutMs, (deadline) =>
      runOurCheck(vault, [], cache.env, deadline),
    );
  } catch (error) {
    journal.fail(describe(error));
  }
  return { oursCold, oursWarm, coldRejected };
}

async function runTheirs({ vault, options, journal }: BenchContext): Promise<TheirRun | null> {
  try {
    return await runPhase('link validation: vscode-markdown-languageservice', options.phaseTimeoutMs, (deadline) =>
      validateWithVscodeService(vault, { deadline }),
    );
  } catch (error) {
    journal.fail(describe(error));
    return null;
  }
}

type Runs = Omit<LinkValidationResult, 'metric'>;

function plantedProblems({ manifest }: BenchContext): number {
  return manifest.links.deadFile + manifest.links.deadImages + manifest.links.deadFragment;
}

function linkValidationMetric(
  context: BenchContext,
  { oursCold, oursWarm, theirs, ratioCold, ratioWarm, coldRejected }: Runs,
): Record<string, unknown> {
  const { links } = context.manifest;
  const rounded = (run: CheckRun | null) => (run ? { ...run, ms: round(run.ms) } : null);
  return {
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
    planted: {
      deadFileLinks: links.deadFile,
      deadImages: links.deadImages,
      deadFragments: links.deadFragment,
      total: plantedProblems(context),
    },
    how:
      `oursCold: wall time of \`node dist/cli.js check <vault> --format json --no-cache\` (parses every note; neither reads nor writes the cache); ` +
      `oursWarm (= oursMs): wall time of \`node dist/cli.js check <vault> --format json\` after the editor sessions, with whatever cache the servers left in ${context.cache.label} (warmStart.cache says whether they left any); ` +
      'both with XDG_CACHE_HOME set to that folder and process start included; ' +
      'theirs: in-process createLanguageService + computeDiagnostics for every note (file, image and fragment links), reading the vault included; ' +
      'ratioCold/ratioWarm: ours/theirs (ratio = ratioWarm)',
  };
}

/** Notes each count of problems that differs from what the generator planted, or from the other run's. */
function noteMiscounts(context: BenchContext, { oursCold, oursWarm, theirs }: Runs): void {
  const planted = plantedProblems(context);
  const note = (message: string) => context.journal.note(message);
  if (oursCold && oursCold.problems !== null && oursCold.problems !== planted)
    note(`marginalia check --no-cache reported ${oursCold.problems} link problems; the generator planted ${planted}`);
  if (oursWarm && oursWarm.problems !== null && oursWarm.problems !== planted)
    note(`marginalia check (warm cache) reported ${oursWarm.problems} link problems; the generator planted ${planted}`);
  if (oursCold && oursWarm && oursCold.problems !== oursWarm.problems)
    note(`marginalia check found ${oursCold.problems} link problems without the cache and ${oursWarm.problems} with it`);
  if (theirs && theirs.problems !== planted)
    note(`vscode-markdown-languageservice reported ${theirs.problems} link problems; the generator planted ${planted}`);
}
