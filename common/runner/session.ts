// Running the snippets of one note, the way both front ends do it: the CLI's `run` and the editor
// client's lenses. A session holds what stays the same across the note's runs (the note's path,
// where scratch directories go, the front end's overrides of the blocks' own options) and turns a
// runnable block into a plan, a preview, a prepared directory or an execution. Running several
// blocks in order, stopping at the first that fails, and the labels that name a block are here too,
// so the two front ends differ only in how they ask and where they show the output.
import * as path from 'node:path';
import { executePlan, previewRun, resolveRunDirectory, type ExecuteOptions, type Execution, type RunPreview } from './execute';
import type { RunnableBlock, RunPlan } from './runnable';
import { checkWorkingDirectory } from './runner';
import { defaultScratchBase, ensureScratchDirectory, SnippetError, writePlannedFiles } from './scratch';

/** A front end's choices for a run, over the block's own options. */
export interface RunOverrides {
  /** Seconds, 0 for none; over the block's `timeout=`. */
  timeoutSec?: number;
  /** Where every block runs, whatever its `cwd=` says: the note's folder or its scratch directory. */
  cwd?: 'note' | 'scratch';
  /** Where a block that names no `cwd=` runs (the editor's setting); default its scratch directory. */
  defaultCwd?: 'note' | 'scratch';
}

export interface SessionOptions {
  /** The note's file: `cwd=.` means its folder, and it keys the scratch directory. */
  notePath: string;
  /** Base of the per-note scratch directories; default `<tmp>/marginalia-runs-<uid>` (the CLI's). */
  scratchBase?: string;
  overrides?: RunOverrides;
}

/** What an execution needs beyond the plan; the session supplies the note and the scratch base. */
export type RunHooks = Omit<ExecuteOptions, 'notePath' | 'scratchBase'>;

export class RunSession {
  readonly notePath: string;
  readonly scratchBase: string;
  private readonly overrides: RunOverrides;

  constructor(options: SessionOptions) {
    this.notePath = options.notePath;
    this.scratchBase = options.scratchBase ?? defaultScratchBase();
    this.overrides = options.overrides ?? {};
  }

  /** The block's plan with this session's overrides; a copy, so the block's own plan stays as sent. */
  planOf(block: RunnableBlock): RunPlan {
    return withOverrides(block.plan, this.overrides);
  }

  /** Where the plan runs, and whether that is the note's scratch directory. */
  directoryOf(plan: RunPlan): { dir: string; scratch: boolean } {
    return resolveRunDirectory(plan.options.cwd, this.notePath, this.scratchBase);
  }

  /** What running the plan would do, for the question asked before it; writes nothing. */
  previewOf(plan: RunPlan): RunPreview {
    return previewRun(plan, this.notePath, this.scratchBase);
  }

  /**
   * Makes the run directory ready for a run that happens elsewhere (a terminal): creates the
   * scratch directory or checks the note's folder, and writes the file blocks. A message on failure.
   */
  prepareDirectory(plan: RunPlan): string | undefined {
    const where = this.directoryOf(plan);
    try {
      if (where.scratch) ensureScratchDirectory(this.scratchBase, where.dir);
      else {
        const problem = checkWorkingDirectory(where.dir);
        if (problem) return problem;
      }
      writePlannedFiles(where.dir, plan.files);
      return undefined;
    } catch (error) {
      if (error instanceof SnippetError) return error.message;
      throw error;
    }
  }

  /** Runs the plan; never throws for problems with the plan, the directory or the run. */
  execute(plan: RunPlan, hooks: RunHooks): Promise<Execution> {
    return executePlan(plan, { ...hooks, notePath: this.notePath, scratchBase: this.scratchBase });
  }

  /** `note.md:12` or `note.md:12 (gpu-check)`. */
  labelOf(block: RunnableBlock): string {
    return blockLabel(path.basename(this.notePath), block);
  }
}

/** Overrides win over the block's own options: they are made for this one run. */
export function withOverrides(plan: RunPlan, overrides: RunOverrides): RunPlan {
  const options = { ...plan.options };
  if (overrides.timeoutSec !== undefined) options.timeoutSec = overrides.timeoutSec;
  if (overrides.cwd === 'note' || (overrides.cwd === undefined && options.cwd === undefined && overrides.defaultCwd === 'note'))
    options.cwd = '.';
  if (overrides.cwd === 'scratch') delete options.cwd;
  return { ...plan, options, errors: [...plan.errors], warnings: [...plan.warnings] };
}

/** `note.md:12` or `note.md:12 (gpu-check)`: 1-based, as editors show lines. */
export function blockLabel(noteName: string, block: Pick<RunnableBlock, 'line' | 'name'>): string {
  return `${noteName}:${block.line + 1}${block.name ? ` (${block.name})` : ''}`;
}

/** `line 12` or `line 12 (gpu-check)`: 1-based, as editors and `--line` count. */
export function lineLabel(block: Pick<RunnableBlock, 'line' | 'name'>): string {
  return `line ${block.line + 1}${block.name ? ` (${block.name})` : ''}`;
}

/**
 * Runs blocks one after another and stops at the first whose result does not count as a success.
 * `stoppedAt` is that block; undefined when every block ran.
 */
export async function runInOrder<Result>(
  blocks: readonly RunnableBlock[],
  runOne: (block: RunnableBlock) => Promise<Result>,
  succeededOf: (result: Result) => boolean,
): Promise<{ results: Result[]; stoppedAt?: RunnableBlock }> {
  const results: Result[] = [];
  for (const block of blocks) {
    const result = await runOne(block);
    results.push(result);
    if (!succeededOf(result)) return { results, stoppedAt: block };
  }
  return { results };
}
