// One line that says what a run found out, shown after the snippet and by the CLI. Tools our users
// re-run all the time get a real reading (which GPU, which driver, did the build work); anything
// else gets its first meaningful output line. Parsers work on the tools' real output as captured
// in test/fixtures/gpu.

import { summarizeNvcc, summarizeNvidiaSmi } from './gpuSummaries';
import { commandsOfScript, type SimpleCommand } from './scriptCommands';
import { clip } from './summaryLine';
import { summarizeVerilator } from './verilatorSummaries';

export interface SummaryInput {
  /** The script that ran (its commands tell which parser applies). */
  script: string;
  output: string;
  exitCode: number | null;
  signal?: NodeJS.Signals | null;
}

/**
 * How much of the output's start and of its end a summary reads. A summary runs on the editor's
 * extension host, where reading megabytes of a flood line by line would freeze the editor, and
 * what it looks for (a tool's banner, the first error, a testbench's verdict) is at either end.
 */
export const SUMMARY_WINDOW_CHARS = 128 * 1024;

/** The one-line summary of a run. */
export function summarizeRun(whole: SummaryInput): string {
  const input = { ...whole, output: summaryWindow(whole.output) };
  const commands = commandsOfScript(input.script);
  const missing = findMissingCommands(input.output);
  // 127 is the shell's "command not found"; if its message was cut away, blame the last command.
  if (input.exitCode === 127 && missing.length === 0 && commands.length > 0) missing.push(commands[commands.length - 1].name);
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const command of commands) {
    const part = summarizeCommand(command, input, missing);
    if (part !== undefined && !seen.has(part)) {
      seen.add(part);
      parts.push(part);
    }
  }
  if (parts.length > 0) return parts.join('; ');
  // A missing command matters only if the script failed: `command -v x || …` probes on purpose.
  if (input.exitCode !== 0 && missing.length > 0) return missingToolMessage(missing[0]);
  return firstMeaningfulLine(input.output, input.exitCode, input.signal ?? null);
}

/**
 * The output's first and last SUMMARY_WINDOW_CHARS, cut at line breaks, with a marker line
 * between them (which firstMeaningfulLine skips).
 */
export function summaryWindow(output: string): string {
  if (output.length <= 2 * SUMMARY_WINDOW_CHARS) return output;
  const headEnd = output.lastIndexOf('\n', SUMMARY_WINDOW_CHARS);
  const tailStart = output.indexOf('\n', output.length - SUMMARY_WINDOW_CHARS);
  const head = output.slice(0, headEnd < 0 ? SUMMARY_WINDOW_CHARS : headEnd + 1);
  const tail = output.slice(tailStart < 0 ? output.length - SUMMARY_WINDOW_CHARS : tailStart + 1);
  return `${head}… [marginalia: the middle of the output is not read for the summary] …\n${tail}`;
}

function summarizeCommand(command: SimpleCommand, input: SummaryInput, missing: string[]): string | undefined {
  const isMissing = missing.includes(command.name);
  switch (command.name) {
    case 'nvidia-smi':
      return isMissing ? missingToolMessage('nvidia-smi') : summarizeNvidiaSmi(command, input.output);
    case 'nvcc':
      return isMissing ? missingToolMessage('nvcc') : summarizeNvcc(command, input.output);
    case 'verilator':
      return isMissing ? missingToolMessage('verilator') : summarizeVerilator(command, input);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Missing tools

const SHELL_NAMES = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * Commands the shell reported as missing, in order. Only messages that come from the shell are
 * read (`bash: line 1: nvcc: command not found`, `sh: 1: nvcc: not found`,
 * `zsh:1: command not found: nvcc`), not a tool's own "No such file" about its arguments.
 */
export function findMissingCommands(output: string): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (!found.includes(base)) found.push(base);
  };
  for (const line of output.split(/\r?\n/)) {
    const name = missingCommandOf(line);
    if (name !== undefined) add(name);
  }
  return found;
}

/** The command a shell's "not found" line is about, or undefined for any other line. */
function missingCommandOf(line: string): string | undefined {
  const zsh = /^(\S*?zsh):\d+: command not found: (\S+)\s*$/.exec(line);
  if (zsh) return zsh[2];
  const match = /^(\S+?): (?:line \d+: |\d+: )?(\S+?): (command not found|not found|No such file or directory)\s*$/.exec(line);
  if (match && SHELL_NAMES.has(match[1].slice(match[1].lastIndexOf('/') + 1))) return match[2];
  return undefined;
}

/** What to tell the user when a tool is not installed. */
export function missingToolMessage(tool: string): string {
  switch (tool) {
    case 'nvidia-smi':
      return 'nvidia-smi not found: no NVIDIA driver on this machine';
    case 'verilator':
      return 'verilator not found — Debian/Ubuntu: apt install verilator';
    case 'nvcc':
      return 'nvcc not found — install the CUDA toolkit';
    default:
      return `${tool} not found`;
  }
}

// ---------------------------------------------------------------------------------------------
// Anything else

const DECORATION = /^[\s\-=+|_*#~.:<>]*$/;
const TROUBLE = /\b(error|fatal|failed|denied|not found|no such file|cannot|exception|traceback)\b/i;

/**
 * The line that best says what happened: the first meaningful one for a success; for a failure,
 * the first that reads like an error, else the last one (where tools usually say why they quit).
 */
export function firstMeaningfulLine(output: string, exitCode: number | null, signal: NodeJS.Signals | null = null): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => !DECORATION.test(l) && !/^\$(\s|$)/.test(l) && !l.startsWith('… [marginalia:'))
    // After a success, a "command not found" was a probe the script handled (`x || …`).
    .filter((l) => exitCode !== 0 || missingCommandOf(l) === undefined);
  let line: string | undefined;
  if (exitCode === 0) line = lines[0];
  else line = lines.find((l) => TROUBLE.test(l)) ?? lines[lines.length - 1];
  if (line !== undefined) return clip(line);
  if (signal) return `killed by ${signal}, no output`;
  return exitCode === 0 || exitCode === null ? 'no output' : `exit ${exitCode}, no output`;
}
