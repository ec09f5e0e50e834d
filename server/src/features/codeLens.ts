// Which code blocks of a note get lenses, and what the lenses say and do. The VS Code client runs the
// snippets of its lenses itself (and rewrites the titles while a run goes on); other editors may ask
// for lenses whose command the server runs (serverRunLenses).
import { SERVER_COMMANDS, SNIPPET_COMMANDS, type ServerSnippetArgs, type SnippetLensArgs } from '../../../common/protocol';
import type { CodeBlockFact, Range } from '../parse/facts';
import { parseInfoString } from '../../../common/runner/infoString';
import { hasCommands, isFileBlock, type RunnableBlock } from '../../../common/runner/runnable';
import { snippetDigest } from './snippetTarget';

export interface SnippetLens {
  /** The opening fence's line, where the editor draws the lens. */
  range: Range;
  title: string;
  /** Empty for a lens that only informs (VS Code draws it as plain text). */
  command: string;
  tooltip?: string;
  arguments: SnippetLensArgs[] | ServerSnippetArgs[];
}

export const LENS_TITLES = {
  run: '▶ Run',
  runInTerminal: 'Run in terminal',
  copy: 'Copy',
  runAll: 'Run all snippets in this note',
} as const;

/**
 * The lenses of a note: `▶ Run`, `Run in terminal` and `Copy` over each block with commands,
 * `Run all snippets in this note` over the first of them when there are several, and a `file:`
 * label over file blocks. File labels appear only in notes with something to run: elsewhere
 * `file=` may well be another tool's attribute, and the label would promise something that
 * never happens.
 */
export function snippetLenses(uri: string, blocks: readonly CodeBlockFact[]): SnippetLens[] {
  const runnable = blocks.filter(hasCommands);
  if (runnable.length === 0) return [];
  const lenses: SnippetLens[] = [];
  for (const block of blocks) {
    if (runnable.includes(block)) lenses.push(...runLenses(uri, block, block === runnable[0] && runnable.length > 1));
    else if (isFileBlock(block)) lenses.push(fileLens(uri, block));
  }
  return lenses;
}

/**
 * The lenses of a note for an editor whose snippets the server runs: one ▶ Run over each block with
 * commands. Run in terminal, Copy and Run all are the VS Code client's own commands, and a file label
 * would be a lens that does nothing when clicked, so there are none of those.
 */
export function serverRunLenses(uri: string, blocks: readonly RunnableBlock[]): SnippetLens[] {
  return blocks
    .filter((block) => block.hasCommands)
    .map((block) => ({
      range: { start: { line: block.line, character: 0 }, end: { line: block.line, character: 0 } },
      title: LENS_TITLES.run,
      command: SERVER_COMMANDS.runSnippetOnServer,
      tooltip: 'Run this snippet on the language server and show its result',
      arguments: [{ uri, line: block.line, ...(block.name !== undefined ? { name: block.name } : {}), digest: snippetDigest(block.plan) }],
    }));
}

function runLenses(uri: string, block: CodeBlockFact, withRunAll: boolean): SnippetLens[] {
  const name = parseInfoString(block.lang, block.meta).options.name;
  const args: SnippetLensArgs = { uri, line: block.range.start.line, ...(name !== undefined ? { name } : {}) };
  const range = fenceLine(block);
  const lenses: SnippetLens[] = [
    {
      range,
      title: LENS_TITLES.run,
      command: SNIPPET_COMMANDS.run,
      tooltip: 'Run this snippet and show its result here',
      arguments: [args],
    },
    {
      range,
      title: LENS_TITLES.runInTerminal,
      command: SNIPPET_COMMANDS.runInTerminal,
      tooltip: 'Send this snippet to a terminal in its run directory',
      arguments: [args],
    },
    { range, title: LENS_TITLES.copy, command: SNIPPET_COMMANDS.copy, tooltip: 'Copy the commands of this snippet', arguments: [args] },
  ];
  if (withRunAll) {
    lenses.push({
      range,
      title: LENS_TITLES.runAll,
      command: SNIPPET_COMMANDS.runAll,
      tooltip: 'Run every snippet of this note in order, stopping at the first failure',
      arguments: [{ uri, line: block.range.start.line }],
    });
  }
  return lenses;
}

function fileLens(uri: string, block: CodeBlockFact): SnippetLens {
  const file = parseInfoString(block.lang, block.meta).options.file ?? '';
  return {
    range: fenceLine(block),
    title: `file: ${file}`,
    command: '',
    tooltip: 'Written into the run directory before the snippets of its section run, and before any snippet naming it with files=',
    arguments: [{ uri, line: block.range.start.line }],
  };
}

/** The editor draws a lens above its range's first line: the opening fence. */
function fenceLine(block: CodeBlockFact): Range {
  const line = block.range.start.line;
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}
