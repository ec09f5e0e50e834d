// `marginalia run <note.md>`: runs a note's shell snippets headless, the way the editor's ▶ Run
// does (same scratch directory, file blocks, time limit and output cap).
//
// Snippet output streams to stdout; Marginalia's own lines (which block, where, the outcome and
// the summary) go to stderr, so `run … > out.txt` keeps just what the snippet printed.
//
// Exit codes: the snippet's own exit code (with --all: the first failing snippet's);
// 124 when it ran past its time limit; 128+N when a signal N killed it; 130 when interrupted
// with Ctrl-C; 2 when nothing was run: a bad command line or note, no confirmation, or a
// snippet that could not start (missing shell, unwritable directory, bad file block).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { URI } from 'vscode-uri';
import {
  describeFsError,
  describeOutcome,
  killAllRuns,
  killAllRunsNow,
  lineLabel,
  parseDurationSeconds,
  planRun,
  runInOrder,
  runnableBlocks,
  RunSession,
  succeeded,
  visibleControls,
  type Execution,
  type RunnableBlock,
  type RunPlan,
  type RunPreview,
} from '../../../common/runner';
import type { CodeBlockFact } from '../parse/facts';
import { decodeSteps } from '../parse/decode';
import { finish } from '../parse/steps';
import { parseNote } from '../pipeline/noteFacts';
import { parseArgs, UsageError } from './args';

export const RUN_USAGE = "run <note.md>    run a note's shell snippets, as the editor's Run does";

export const RUN_HELP = `Usage: marginalia run [options] <note.md>

Runs a note's shell snippets the way the editor's Run does: in the same scratch folder, with the file
blocks it names, its time limit and output cap. Snippet output goes to stdout, Marginalia's lines to stderr.
Asks before running, showing the whole script and the files it writes, unless --yes is given.

Options:
  --line N              the snippet whose fence starts on line N (1-based)
  --name NAME           the snippet named NAME in its info string
  --all                 every snippet of the note, in order
  --yes                 run without asking (never replaces files outside the run folder)
  --timeout S           time limit: 120, 90s, 5m; 0 for none (overrides the snippet's own)
  --cwd note|scratch    run in the note's folder or in a scratch folder (overrides the snippet's own)
  -h, --help            show this help

Exit codes: the snippet's own; 124 past its time limit; 128+N killed by signal N; 130 interrupted;
2 nothing was run (bad command line or note, no confirmation, or the snippet could not start).`;

/** Exit code when nothing ran: bad input, no confirmation, or a snippet that could not start. */
const NOT_RUN = 2;
const TIMED_OUT = 124;
const INTERRUPTED = 130;

/** A problem with the note or the choice of block: reported in one line, exit 2, no usage text. */
class RunInputError extends Error {}

interface RunRequest {
  /** The note as given on the command line, for messages. */
  noteArg: string;
  notePath: string;
  line?: number;
  name?: string;
  all: boolean;
  yes: boolean;
  /** Seconds; 0 for no limit. Overrides the blocks' own `timeout=`. */
  timeoutSec?: number;
  /** Overrides the blocks' own `cwd=`. */
  cwd?: 'note' | 'scratch';
}

export async function runCommand(args: string[]): Promise<number> {
  const request = parseRunArgs(args);
  try {
    const { blocks, headingLines } = readNote(request.notePath, request.noteArg);
    const chosen = chooseBlocks(blocks, headingLines, request);
    const session = new RunSession({ notePath: request.notePath, overrides: { timeoutSec: request.timeoutSec, cwd: request.cwd } });
    const plans = chosen.map((block) => ({ block, plan: session.planOf(block) }));
    // Asked and answered yes: the user saw every file, so files outside the run directory may be replaced.
    const confirmed = !request.yes;
    if (confirmed && !(await confirm(session, plans))) return NOT_RUN;
    return await runAll(session, plans, confirmed);
  } catch (error) {
    if (!(error instanceof RunInputError)) throw error;
    process.stderr.write(`marginalia run: ${error.message}\n`);
    return NOT_RUN;
  }
}

function parseRunArgs(args: string[]): RunRequest {
  const { positional, options, flags } = parseArgs(args, { line: [], name: [], timeout: [], cwd: ['note', 'scratch'] }, ['all', 'yes']);
  if (positional.length !== 1) throw new UsageError('run takes exactly one note');
  const selectors = [options.line !== undefined, options.name !== undefined, flags.has('all')].filter(Boolean).length;
  if (selectors > 1) throw new UsageError('give only one of --line, --name and --all');
  const request: RunRequest = {
    noteArg: positional[0],
    notePath: path.resolve(positional[0]),
    all: flags.has('all'),
    yes: flags.has('yes'),
    name: options.name,
  };
  if (options.line !== undefined) {
    if (!/^\d+$/.test(options.line) || Number(options.line) < 1)
      throw new UsageError(`--line must be a line number (1 or more), not '${options.line}'`);
    request.line = Number(options.line);
  }
  if (options.timeout !== undefined) {
    const seconds = options.timeout.trim() === '0' ? 0 : parseDurationSeconds(options.timeout);
    if (seconds === undefined)
      throw new UsageError(`--timeout must be seconds (e.g. 120, 90s, 5m; 0 for no limit), not '${options.timeout}'`);
    request.timeoutSec = seconds;
  }
  if (options.cwd === 'note' || options.cwd === 'scratch') request.cwd = options.cwd;
  return request;
}

/** The note's code blocks and heading lines; throws RunInputError for a note that cannot be read as text. */
function readNote(notePath: string, noteArg: string): { blocks: CodeBlockFact[]; headingLines: number[] } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(notePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RunInputError(`no such note: ${noteArg}`);
    if (code === 'EISDIR') throw new RunInputError(`${noteArg} is a folder, not a note`);
    throw new RunInputError(`cannot read ${noteArg}: ${describeFsError(error)}`);
  }
  const decoded = finish(decodeSteps(bytes));
  if (!decoded.ok) throw new RunInputError(`${noteArg}: ${decoded.reason}`);
  const facts = parseNote(URI.file(notePath).toString(), decoded.text);
  return { blocks: facts.codeBlocks, headingLines: facts.headings.map((heading) => heading.range.start.line) };
}

/** The blocks the command line asks for, in note order. */
function chooseBlocks(blocks: readonly CodeBlockFact[], headingLines: readonly number[], request: RunRequest): RunnableBlock[] {
  const shellBlocks = runnableBlocks(blocks, headingLines);
  const runnable = shellBlocks.filter((block) => block.hasCommands);
  const note = path.basename(request.notePath);
  if (runnable.length === 0)
    throw new RunInputError(`${note} has no snippets to run (fenced bash, sh, shell, zsh or console blocks with commands)`);
  if (request.all) return runnable;
  if (request.line !== undefined) return [blockAtLine(blocks, headingLines, shellBlocks, request.line, note)];
  if (request.name !== undefined) {
    const named = shellBlocks.find((block) => block.name === request.name);
    if (!named) throw new RunInputError(`${note} has no snippet named '${request.name}'; ${listBlocks(runnable)}`);
    return [named];
  }
  if (runnable.length === 1) return runnable;
  throw new RunInputError(
    `${note} has ${runnable.length} snippets; choose one with --line or --name, or run them all with --all; ${listBlocks(runnable)}`,
  );
}

function blockAtLine(
  blocks: readonly CodeBlockFact[],
  headingLines: readonly number[],
  shellBlocks: readonly RunnableBlock[],
  line: number,
  note: string,
): RunnableBlock {
  const found = shellBlocks.find((block) => block.line <= line - 1 && line - 1 <= block.endLine);
  if (found?.hasCommands) return found;
  const any = blocks.find((b) => b.range.start.line <= line - 1 && line - 1 <= b.range.end.line);
  // planRun says why a block does not run (a file block, a language that is not a shell, no commands).
  const why = any ? planRun(blocks, any, headingLines).errors[0] : `line ${line} of ${note} is not inside a code block`;
  throw new RunInputError(`${why}; ${listBlocks(shellBlocks.filter((block) => block.hasCommands))}`);
}

function listBlocks(runnable: readonly RunnableBlock[]): string {
  return `snippets start at ${runnable.map(lineLabel).join(', ')}`;
}

interface PlannedBlock {
  block: RunnableBlock;
  plan: RunPlan;
}

/**
 * Asks before running anything. A note can hold any command, so a run never starts unasked:
 * with no terminal to ask on, the answer is no, and --yes is the way to say yes up front. The
 * question shows what will happen in full: every line of each script (control characters made
 * visible, so escape sequences in the note cannot redraw the prompt), every file written and
 * whether it replaces one, and the lines that act beyond the run directory.
 */
async function confirm(session: RunSession, plans: readonly PlannedBlock[]): Promise<boolean> {
  const note = path.basename(session.notePath);
  if (!process.stdin.isTTY) {
    process.stderr.write(
      `marginalia run: not running ${note} without confirmation: stdin is not a terminal to ask on. Pass --yes to run its snippets.\n`,
    );
    return false;
  }
  process.stderr.write(`${visibleControls(note)} would run:\n`);
  for (const { block, plan } of plans) process.stderr.write(`\n${describePlan(block, plan, session.previewOf(plan))}`);
  process.stderr.write('\n');
  const answer = await ask(`Run ${plans.length === 1 ? 'it' : `these ${plans.length} snippets`}? [y/N] `);
  if (/^y(es)?$/i.test(answer.trim())) return true;
  process.stderr.write('Not run.\n');
  return false;
}

/** One block as the question shows it: where, the whole script, the files, the lines that need care. */
export function describePlan(block: RunnableBlock, plan: RunPlan, preview: RunPreview): string {
  const lines = [
    `  ${lineLabel(block)}, in ${visibleControls(preview.dir)}${preview.scratch ? '' : ' (not the run directory: a folder of yours)'}:`,
  ];
  lines.push(indent(visibleControls(plan.script), '    '));
  if (preview.writes.length > 0) {
    lines.push(`  writes ${preview.writes.length === 1 ? 'this file' : `these ${preview.writes.length} files`} there first:`);
    for (const write of preview.writes)
      lines.push(`    ${visibleControls(write.name)} (block at line ${write.line + 1})${describeWriteState(write.state)}`);
  }
  if (preview.risky.length > 0) {
    lines.push('  needs care:');
    for (const risky of preview.risky) lines.push(`    ${visibleControls(risky.text)}  — ${risky.reasons.join('; ')}`);
  }
  if (!plan.options.keepGoing) lines.push('  stops at the first line that fails');
  return `${lines.join('\n')}\n`;
}

function describeWriteState(state: RunPreview['writes'][number]['state']): string {
  if (state === 'replaces') return ' — REPLACES the file that is there now';
  if (state === 'same') return ' — already there with this text';
  return '';
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** One line from the terminal; Ctrl-C or Ctrl-D count as no. */
function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    let answered = false;
    const finish = (answer: string) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(answer);
    };
    rl.on('SIGINT', () => {
      process.stderr.write('\n');
      finish('');
    });
    rl.on('close', () => finish(''));
    rl.question(question, finish);
  });
}

/** Runs the plans in order, stopping at the first that does not succeed. */
async function runAll(session: RunSession, plans: readonly PlannedBlock[], confirmed: boolean): Promise<number> {
  const interrupt = watchForInterrupt();
  try {
    const planOf = new Map(plans.map(({ block, plan }) => [block, plan]));
    const blocks = plans.map(({ block }) => block);
    const { results, stoppedAt } = await runInOrder(
      blocks,
      (block) => runOne(session, block, planOf.get(block)!, interrupt.signal, confirmed),
      (execution) => !interrupt.signal.aborted && succeeded(execution),
    );
    if (interrupt.signal.aborted) return INTERRUPTED;
    if (stoppedAt) {
      if (plans.length > 1)
        process.stderr.write(`stopped after ${results.length} of ${plans.length} snippets: ${lineLabel(stoppedAt)} failed\n`);
      return exitCodeOf(results[results.length - 1]);
    }
    if (plans.length > 1) process.stderr.write(`all ${plans.length} snippets succeeded\n`);
    return 0;
  } finally {
    interrupt.dispose();
  }
}

async function runOne(
  session: RunSession,
  block: RunnableBlock,
  plan: RunPlan,
  signal: AbortSignal,
  confirmed: boolean,
): Promise<Execution> {
  const where = session.directoryOf(plan).dir;
  process.stderr.write(visibleControls(`▶ ${session.labelOf(block)} in ${where}`) + '\n');
  for (const warning of plan.warnings) process.stderr.write(`warning: ${visibleControls(warning)}\n`);
  let endsWithNewline = true;
  const execution = await session.execute(plan, {
    signal,
    confirmed,
    throttleMs: 50,
    // A file or a pipe gets every byte (`run … > out.txt`); a terminal may skip a flood's middle.
    liveBatchBytes: process.stdout.isTTY ? undefined : Infinity,
    onStart: ({ filesWritten }) => {
      for (const file of filesWritten) process.stderr.write(`wrote ${visibleControls(file)}\n`);
    },
    onOutput: (text) => {
      process.stdout.write(text);
      endsWithNewline = text.endsWith('\n');
    },
  });
  if (!endsWithNewline) process.stdout.write('\n');
  process.stderr.write(`${visibleControls(describeOutcome(execution))}\n`);
  if (execution.error?.startsWith('not run: ') && !confirmed) process.stderr.write('Run it without --yes to see the files and be asked.\n');
  return execution;
}

/** What `run` exits with after a snippet (see the top of this file). */
export function exitCodeOf(execution: Execution): number {
  if (execution.error !== undefined) return NOT_RUN;
  if (execution.cancelled) return INTERRUPTED;
  if (execution.timedOut) return TIMED_OUT;
  if (execution.signal) return 128 + (os.constants.signals[execution.signal] ?? 0);
  return execution.exitCode ?? 1;
}

/**
 * Ctrl-C, SIGTERM and SIGHUP stop the running snippet's whole process group (it runs in its own
 * group, so the terminal's Ctrl-C never reaches it). A second signal stops it without waiting.
 */
function watchForInterrupt(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      killAllRunsNow();
      process.exit(INTERRUPTED);
    }
    process.stderr.write(`\n${name}: stopping the snippet…\n`);
    controller.abort();
    void killAllRuns();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const name of signals) process.on(name, onSignal);
  // Last resort when the process exits some other way: no snippet outlives the command.
  const onExit = () => killAllRunsNow();
  process.on('exit', onExit);
  // A reader that went away (`run … | head`) is no reason to stop the snippet.
  const ignore = () => {};
  process.stdout.on('error', ignore);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of signals) process.off(name, onSignal);
      process.off('exit', onExit);
    },
  };
}
