// Carries out a run plan the same way for the CLI and the editor: pick the working directory,
// write the note's file blocks into it, run the script, and summarise what came out.
import * as os from 'node:os';
import * as path from 'node:path';
import { formatOutcome } from './outcome';
import { defaultShellFor, type RunPlan } from './runnable';
import { checkWorkingDirectory, DEFAULT_TIMEOUT_MS, notRun, runScript, type RunRequest, type RunResult } from './runner';
import { defaultScratchBase, ensureWritableDirectory, scratchDirFor, SnippetError, writePlannedFiles } from './scratch';
import { summarizeRun } from './toolSummaries';

export interface ExecuteOptions {
  /** The note the plan came from: `cwd=.` means its folder, and it keys the scratch directory. */
  notePath: string;
  /** Base of the per-note scratch directories; default `<tmp>/marginalia-runs` (the CLI's). */
  scratchBase?: string;
  /** Default: zsh for zsh blocks, /bin/bash otherwise. */
  shell?: string;
  env?: NodeJS.ProcessEnv;
  /** Used when the block sets no `timeout=`; default 60 s. */
  defaultTimeoutMs?: number;
  killGraceMs?: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
  onOutput?: (text: string) => void;
  throttleMs?: number;
  /** Most bytes per live update, older ones skipped with a marker (default 64 KB); Infinity: none skipped. */
  liveBatchBytes?: number;
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

/** Runs a plan; never throws for problems with the plan, the directory or the run. */
export async function executePlan(plan: RunPlan, options: ExecuteOptions): Promise<Execution> {
  if (plan.errors.length > 0) return failed(plan.errors.join('\n'), undefined, false);
  const where = resolveRunDirectory(plan.options.cwd, options.notePath, options.scratchBase ?? defaultScratchBase());
  let filesWritten: string[];
  try {
    if (where.scratch) ensureWritableDirectory(where.dir);
    else {
      // A folder the note names is the user's: use it as it is, never create it.
      const problem = checkWorkingDirectory(where.dir);
      if (problem) throw new SnippetError(problem);
    }
    filesWritten = writePlannedFiles(where.dir, plan.files);
  } catch (error) {
    if (error instanceof SnippetError) return failed(error.message, where.dir, where.scratch);
    throw error;
  }
  const request: RunRequest = {
    script: plan.script,
    cwd: where.dir,
    shell: options.shell ?? defaultShellFor(plan.lang),
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
