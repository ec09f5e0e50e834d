// Which block a ▶ Run lens that the server runs is about, and whether it still reads as it did when
// the lens was made. The editor may run a lens seconds or hours after it was drawn; a block edited
// since must not run unseen, so the lens carries a digest of what it showed and the run checks it.
import { createHash } from 'node:crypto';
import type { ServerSnippetArgs } from '../../../common/protocol';
import type { RunnableBlock, RunPlan } from '../../../common/runner/runnable';
import { lineLabel } from '../../../common/runner/session';

/**
 * A hash of what running the block does: its script, options and the file blocks it writes. Lines are
 * left out, so a block that only moved (a line added above it) still runs; the run plan's errors are
 * left out too, since they only restate the rest.
 */
export function snippetDigest(plan: RunPlan): string {
  const files = plan.files.map((file) => [file.name, file.content]);
  return createHash('sha256')
    .update(JSON.stringify([plan.script, plan.lang, plan.options, files]))
    .digest('hex')
    .slice(0, 16);
}

/** The lens's argument, or undefined when it is not one (a hand-made call, another server's lens). */
export function serverSnippetArgs(value: unknown): ServerSnippetArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { uri, line, name, digest } = value as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof digest !== 'string') return undefined;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 0) return undefined;
  if (name !== undefined && typeof name !== 'string') return undefined;
  return { uri, line, digest, ...(name !== undefined ? { name } : {}) };
}

/**
 * The block the lens named, if it still reads as the lens showed it; else why not. A named block is
 * followed when edits moved it off the lens's line, as the VS Code client does.
 */
export function findLensBlock(blocks: readonly RunnableBlock[], args: ServerSnippetArgs): { block: RunnableBlock } | { problem: string } {
  const atLine = blocks.find((block) => block.line === args.line);
  const named = args.name === undefined ? undefined : blocks.find((block) => block.name === args.name);
  const block = args.name !== undefined && atLine?.name !== args.name ? named : atLine;
  const lensLabel = lineLabel({ line: args.line, name: args.name });
  if (!block?.hasCommands) return { problem: `the snippet at ${lensLabel} is no longer there; nothing was run` };
  if (snippetDigest(block.plan) !== args.digest) {
    return { problem: `the snippet at ${lensLabel} changed since its ▶ Run lens was drawn; nothing was run. Run the new lens to run it` };
  }
  return { block };
}
