// Runs `node dist/cli.js check <vault> --format json` as a user would, timed with process start, and reads
// the problems out of its output.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { track, withTimeout } from '../lspSession';
import { CLI_JS } from '../paths';
import { PhaseError } from './phase';

export interface CheckRun {
  ms: number;
  exitCode: number | null;
  problems: number | null;
  byCode: Record<string, number> | null;
}

/** The CLI turned down an option of the command line (an older build). */
export class OptionRejected extends PhaseError {}

/** Whether dist/cli.js exists and has a `check` command; notes why not. */
export function ourCheckAvailable(note: (message: string) => void): boolean {
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
export async function runOurCheck(vault: string, extra: string[], env: Record<string, string>, deadline: number): Promise<CheckRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI_JS, 'check', vault, '--format', 'json', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
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
  if (exitCode === null || exitCode > 1) throw checkFailure(exitCode, extra, Buffer.concat(stderr).toString().trim());
  return { ms, exitCode, ...countProblems(Buffer.concat(stdout).toString()) };
}

function checkFailure(exitCode: number | null, extra: string[], output: string): PhaseError {
  const rejected = extra.find((option) => output.includes(option) && /unknown|unrecognized|invalid|unexpected/i.test(output));
  if (rejected)
    return new OptionRejected(
      `\`marginalia check\` exited with ${exitCode}: ${output
        .split('\n')
        .find((line) => line.includes(rejected))
        ?.trim()}`,
    );
  const message = output.split('\n').slice(-5).join('\n');
  return new PhaseError(`\`marginalia check\` ${extra.join(' ')} exited with ${exitCode}: ${message}`);
}

/** Reads the problems out of the check command's JSON (an array of {file, line, …, code}); nulls when it cannot. */
export function countProblems(output: string): { problems: number | null; byCode: Record<string, number> | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return { problems: null, byCode: null };
  }
  const list = Array.isArray(parsed)
    ? parsed
    : Array.isArray((parsed as { problems?: unknown })?.problems)
      ? (parsed as { problems: unknown[] }).problems
      : undefined;
  if (!list) return { problems: null, byCode: null };
  const byCode: Record<string, number> = {};
  for (const entry of list) {
    const code = String((entry as { code?: unknown })?.code ?? 'other');
    byCode[code] = (byCode[code] ?? 0) + 1;
  }
  return { problems: list.length, byCode };
}
