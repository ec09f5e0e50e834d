// Carries out a run plan the same way for the CLI and the editor: pick the working directory,
// write the run's file blocks into it, run the script, and summarise what came out.
import * as os from 'node:os';
import * as path from 'node:path';
import { formatOutcome } from './outcome';
import { riskyLines, type RiskyLine } from './riskyLines';
import { defaultShellFor, type RunPlan } from './runnable';
import { checkWorkingDirectory, DEFAULT_TIMEOUT_MS, notRun, runScript, type RunRequest, type RunResult } from './runner';
import {
  defaultScratchBase,
  ensureScratchDirectory,
  plannedWrites,
  scratchDirFor,
  SnippetError,
  writePlannedFiles,
  type PlannedWrite,
} from './scratch';
import { summarizeRun } from './toolSummaries';

/** How the plan's script runs: as runScript takes it, with the shell and time limit read from the block. */
export interface ExecuteOptions extends Pick<
  RunRequest,
  'env' | 'killGraceMs' | 'maxOutputBytes' | 'signal' | 'onOutput' | 'throttleMs' | 'liveBatchBytes'
> {
  /** The note the plan came from: `cwd=.` means its folder, and it keys the scratch directory. */
  notePath: string;
  /** Base of the per-note scratch directories; default `<tmp>/marginalia-runs` (the CLI's). */
  scratchBase?: string;
  /** Default: zsh for zsh blocks, /bin/bash otherwise. */
  shell?: string;
  /** Used when the block sets no `timeout=`; default 60 s. */
  defaultTimeoutMs?: number;
  /**
   * The user saw the run's preview (previewRun) and said yes: file blocks may then replace files
   * in a folder outside the run directory. Without it such a run is refused.
   */
  confirmed?: boolean;
  /** Called once the file blocks are written, just before the script starts. */
  onStart?: (start: { cwd: string; filesWritten: string[] }) => void;
}

export interface Execution extends RunResult {
  /** The directory the script ran in (undefined if it could not be chosen). */
  cwd?: string;
  /** Whether `cwd` is the note's scratch directory rather than a folder the note named. */
  scratch: boolean;
  filesWritten: string[];
  /** What the run found out, in one line (see toolSummaries.ts). */
  summary: string;
  /** `✓ exit 0 · 1.2 s` and the like. */
  outcome: string;
}

/** What a run would do, for the question a host asks before it: where, which files, which lines. */
export interface RunPreview {
  dir: string;
  /** Whether `dir` is the note's own scratch directory (the runner's) rather than a folder of the user's. */
  scratch: boolean;
  writes: PlannedWrite[];
  risky: RiskyLine[];
}

/** Reads what running `plan` would do; writes nothing. */
export function previewRun(plan: RunPlan, notePath: string, scratchBase: string = defaultScratchBase()): RunPreview {
  const where = resolveRunDirectory(plan.options.cwd, notePath, scratchBase);
  return {
    ...where,
    writes: plannedWrites(where.dir, plan.files),
    risky: riskyLines(plan.script, { outsideRunDir: !where.scratch }),
  };
}

/** Whether the user must be asked before the run: risky lines, or files written outside the run directory. */
export function needsQuestion(preview: RunPreview): boolean {
  return preview.risky.length > 0 || (!preview.scratch && preview.writes.length > 0);
}

/** Runs a plan; never throws for problems with the plan, the directory or the run. */
export async function executePlan(plan: RunPlan, options: ExecuteOptions): Promise<Execution> {
  if (plan.errors.length > 0) return failed(plan.errors.join('\n'), undefined, false);
  const scratchBase = options.scratchBase ?? defaultScratchBase();
  const where = resolveRunDirectory(plan.options.cwd, options.notePath, scratchBase);
  let filesWritten: string[];
  try {
    if (where.scratch) ensureScratchDirectory(scratchBase, where.dir);
    else {
      // A folder the note names is the user's: use it as it is, never create it.
      const problem = checkWorkingDirectory(where.dir);
      if (problem) throw new SnippetError(problem);
      if (!options.confirmed) refuseUnaskedReplacements(plannedWrites(where.dir, plan.files), where.dir);
    }
    filesWritten = writePlannedFiles(where.dir, plan.files);
  } catch (error) {
    if (error instanceof SnippetError) return failed(error.message, where.dir, where.scratch);
    throw error;
  }
  options.onStart?.({ cwd: where.dir, filesWritten });
  const shell = options.shell ?? defaultShellFor(plan.lang);
  const request: RunRequest = {
    script: plan.options.keepGoing ? plan.script : stopAtFirstFailure(plan.script, shell),
    shell,
    cwd: where.dir,
    env: options.env,
    timeoutMs: plan.options.timeoutSec !== undefined ? plan.options.timeoutSec * 1000 : (options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS),
    killGraceMs: options.killGraceMs,
    maxOutputBytes: options.maxOutputBytes,
    signal: options.signal,
    onOutput: options.onOutput,
    throttleMs: options.throttleMs,
    liveBatchBytes: options.liveBatchBytes,
  };
  const result = await runScript(request);
  return {
    ...result,
    cwd: where.dir,
    scratch: where.scratch,
    filesWritten,
    summary: result.error ?? summarizeRun({ script: plan.script, output: result.output, exitCode: result.exitCode, signal: result.signal }),
    outcome: formatOutcome(result),
  };
}

/**
 * Outside the run directory the files are the user's: one a file block would replace is never
 * replaced without the user having been asked (options.confirmed).
 */
function refuseUnaskedReplacements(writes: readonly PlannedWrite[], dir: string): void {
  const replaced = writes.filter((write) => write.state === 'replaces');
  if (replaced.length === 0) return;
  const names = replaced.map((write) => `${write.name} (file block at line ${write.line + 1})`).join(', ');
  throw new SnippetError(
    `not run: ${dir} is not the run's own directory, and the file blocks would replace ${names} there; a file there is replaced only after asking`,
  );
}

/** Shells that understand `set -e` and (most of them) `set -o pipefail`. */
const POSIX_SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'busybox']);

/**
 * A block stops at its first failing line, so its outcome cannot be a ✓ from a last line that
 * happened to work after an earlier one failed (`set -e`; `pipefail` where the shell has it,
 * tested in a subshell because an unknown option ends a POSIX shell). Prepended on the script's
 * first line, so the shell's line numbers in error messages stay those of the block. Other
 * shells get the script as it is.
 */
export function stopAtFirstFailure(script: string, shell: string): string {
  const name = shell.split(/[\\/]/).pop() ?? shell;
  if (!POSIX_SHELLS.has(name)) return script;
  return `set -e; (set -o pipefail) 2>/dev/null && set -o pipefail; ${script}`;
}

/**
 * The directory a snippet runs in: the note's scratch directory unless the block says `cwd=`;
 * `cwd=.` is the note's folder, other relative paths are relative to it, `~` is the home folder.
 */
export function resolveRunDirectory(cwd: string | undefined, notePath: string, scratchBase: string): { dir: string; scratch: boolean } {
  if (cwd === undefined) return { dir: scratchDirFor(scratchBase, notePath), scratch: true };
  if (cwd === '~' || cwd.startsWith('~/')) return { dir: path.join(os.homedir(), cwd.slice(1)), scratch: false };
  return { dir: path.resolve(path.dirname(path.resolve(notePath)), cwd), scratch: false };
}

function failed(error: string, cwd: string | undefined, scratch: boolean): Execution {
  const result = notRun({ error });
  return { ...result, cwd, scratch, filesWritten: [], summary: error, outcome: formatOutcome(result) };
}
