// Runs one script with a shell, in its own process group, with a time limit, a Stop signal and
// bounded output. Never throws for things that go wrong with the run itself (missing shell, bad
// working directory, a snippet that floods stdout): those come back as a result with `error`.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CappedOutput, DEFAULT_MAX_OUTPUT_BYTES, Utf8Chunker } from './cappedOutput';
import { DEFAULT_MAX_LIVE_BATCH_BYTES, DEFAULT_THROTTLE_MS, LiveOutput } from './liveOutput';
import { DEFAULT_KILL_GRACE_MS, registerRun, runAlive, terminateRun, type RunTree } from './processGroup';
import { readProcess } from './processTable';
import { markerEntry, nextRunMarker, RUN_MARKER_VARIABLE } from './runMarker';
import { watchGroup } from './watchdog';

export const DEFAULT_SHELL = '/bin/bash';
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface RunRequest {
  script: string;
  /** Must exist; the runner does not create it (see scratch.ts). */
  cwd: string;
  /** Path or name looked up on PATH; default /bin/bash. The script is passed as `shell -c script`. */
  shell?: string;
  /** Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Default 60 s; 0 or Infinity for none. */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when stopping; default 2 s. */
  killGraceMs?: number;
  /** Output kept in the result, half from the start and half from the end; default 4 MB. */
  maxOutputBytes?: number;
  /** Aborting stops the run (the Stop lens, Ctrl-C). */
  signal?: AbortSignal;
  /** Receives output while the run goes on, batched to at most one call per `throttleMs`. */
  onOutput?: (text: string) => void;
  throttleMs?: number;
  /**
   * Most bytes one live update carries; older pending output beyond it is skipped, with a marker
   * saying so. Default 64 KB, for displays that cannot keep up; Infinity skips nothing.
   */
  liveBatchBytes?: number;
}

export interface RunResult {
  /** The shell's exit code; null when it was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  /** stdout and stderr interleaved in arrival order, capped, with a marker line where cut. */
  output: string;
  truncated: boolean;
  /** Every byte the snippet wrote, kept or not. */
  outputBytes: number;
  omittedBytes: number;
  timedOut: boolean;
  /** Stopped by the signal, or by killAllRuns(). */
  cancelled: boolean;
  /** Why the snippet could not run; set only when it did not start (or failed to). */
  error?: string;
}

/** Runs `script`; resolves when the shell and everything it left in its process group are gone. */
export async function runScript(request: RunRequest): Promise<RunResult> {
  if (request.signal?.aborted) return notRun({ cancelled: true });
  const env = request.env ?? process.env;
  const cwdProblem = checkWorkingDirectory(request.cwd);
  if (cwdProblem) return notRun({ error: cwdProblem });
  const shell = resolveShell(request.shell ?? DEFAULT_SHELL, env, request.cwd);
  if ('error' in shell) return notRun({ error: shell.error });

  const marker = nextRunMarker();
  let child: ChildProcess;
  try {
    // detached: the shell becomes leader of a new process group, so the whole tree can be
    // signalled at once. stdin is /dev/null: a snippet waiting for input would hang the run.
    child = spawn(shell.path, ['-c', request.script], {
      cwd: request.cwd,
      env: { ...env, [RUN_MARKER_VARIABLE]: marker },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // spawn throws synchronously only for bad arguments, e.g. a NUL byte in the script.
    return notRun({ error: `could not start ${shell.path}: ${messageOf(error)}` });
  }
  if (child.pid === undefined) return await spawnFailure(child, shell.path);
  // The shell's start time, read while it surely runs, tells its processes from older ones.
  const tree: RunTree = { pgid: child.pid, marker: markerEntry(marker), startTicks: readProcess(child.pid)?.startTicks };
  return await supervise(child, tree, request);
}

/** Watches a started shell until it and its group are gone, enforcing the limits. */
function supervise(child: ChildProcess, tree: RunTree, request: RunRequest): Promise<RunResult> {
  const started = performance.now();
  const graceMs = request.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const captured = new CappedOutput(request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
  const live = request.onOutput
    ? new LiveOutput(request.onOutput, request.throttleMs ?? DEFAULT_THROTTLE_MS, request.liveBatchBytes ?? DEFAULT_MAX_LIVE_BATCH_BYTES)
    : undefined;
  const state = { timedOut: false, cancelled: false, exitCode: null as number | null, signal: null as NodeJS.Signals | null };
  let endedAt: number | undefined;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= terminateRun(tree, graceMs));
  const cancel = (): Promise<void> => {
    if (endedAt === undefined) state.cancelled = true;
    return stop();
  };

  const collectors = [new Utf8Chunker(), new Utf8Chunker()];
  const accept = (chunk: Buffer) => {
    if (chunk.length === 0) return;
    captured.push(chunk);
    live?.push(chunk);
  };
  child.stdout?.on('data', (data: Buffer) => accept(collectors[0].push(data)));
  child.stderr?.on('data', (data: Buffer) => accept(collectors[1].push(data)));

  const timer = startTimeLimit(request.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => {
    // Past the shell's exit only leftovers remain, which are being stopped anyway.
    if (endedAt === undefined) state.timedOut = true;
    void stop();
  });
  request.signal?.addEventListener('abort', cancel, { once: true });
  const unregister = registerRun({ tree, stop: cancel });
  const unwatch = watchGroup(tree.pgid);
  let pipeGuard: NodeJS.Timeout | undefined;

  return new Promise<RunResult>((resolve) => {
    child.once('exit', (code, signal) => {
      endedAt = performance.now();
      state.exitCode = code;
      state.signal = signal;
      // The run is over when its shell is; background jobs it left must not outlive it.
      if (runAlive(tree)) void stop();
      // A process that escaped even the marker (a cleared environment, another user) may still
      // hold our pipes; don't wait forever.
      pipeGuard = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, graceMs + 3000);
    });
    child.once('close', () => {
      void (async () => {
        await stopping;
        timer.clear();
        if (pipeGuard) clearTimeout(pipeGuard);
        request.signal?.removeEventListener('abort', cancel);
        unregister();
        unwatch();
        for (const collector of collectors) accept(collector.end());
        live?.close();
        const text = captured.result();
        resolve({
          exitCode: state.exitCode,
          signal: state.signal,
          durationMs: Math.round((endedAt ?? performance.now()) - started),
          output: text.text,
          truncated: text.truncated,
          outputBytes: text.totalBytes,
          omittedBytes: text.omittedBytes,
          timedOut: state.timedOut,
          cancelled: state.cancelled,
        });
      })();
    });
  });
}

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `onExpiry` after `timeoutMs` (0 or Infinity: never), however long that is. */
function startTimeLimit(timeoutMs: number, onExpiry: () => void): { clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
    const deadline = performance.now() + timeoutMs;
    const arm = () => {
      const left = deadline - performance.now();
      timer = left > 0 ? setTimeout(arm, Math.min(left, MAX_TIMER_MS)) : undefined;
      if (timer === undefined) onExpiry();
    };
    arm();
  }
  return { clear: () => clearTimeout(timer) };
}

/** spawn reports a failure to start (ENOENT, EACCES) asynchronously, as an 'error' event. */
function spawnFailure(child: ChildProcess, shellPath: string): Promise<RunResult> {
  return new Promise((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? 'not found'
          : error.code === 'EACCES'
            ? 'is not executable (permission denied)'
            : `could not be started (${error.code ?? messageOf(error)})`;
      resolve(notRun({ error: `shell ${shellPath} ${reason}` }));
    });
  });
}

/** The result of a run that never started (or was cancelled before it did). */
export function notRun(fields: Partial<RunResult>): RunResult {
  return {
    exitCode: null,
    signal: null,
    durationMs: 0,
    output: '',
    truncated: false,
    outputBytes: 0,
    omittedBytes: 0,
    timedOut: false,
    cancelled: false,
    ...fields,
  };
}

/**
 * Checked up front because spawn reports a missing cwd as ENOENT naming the shell, which would
 * send the user looking for a shell that is there.
 */
export function checkWorkingDirectory(cwd: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(cwd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `working directory ${cwd} does not exist`;
    if (code === 'ENOTDIR') return `working directory ${cwd} is not a directory (a part of its path is a file)`;
    if (code === 'EACCES') return `working directory ${cwd} cannot be reached (permission denied)`;
    return `working directory ${cwd} cannot be used: ${messageOf(error)}`;
  }
  if (!stat.isDirectory()) return `working directory ${cwd} is a file, not a directory`;
  try {
    fs.accessSync(cwd, fs.constants.X_OK);
  } catch {
    return `working directory ${cwd} cannot be entered (permission denied)`;
  }
  return undefined;
}

/** Finds the shell the way execvp would, so a missing one is reported before anything starts. */
export function resolveShell(shell: string, env: NodeJS.ProcessEnv, cwd: string): { path: string } | { error: string } {
  if (shell.trim() === '') return { error: 'no shell configured' };
  if (shell.includes('/')) {
    const full = path.resolve(cwd, shell);
    return isExecutableFile(full) ?? { path: full };
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, shell);
    if (isExecutableFile(candidate) === undefined) return { path: candidate };
  }
  return { error: `shell ${shell} not found on PATH` };
}

/** undefined when `file` is an executable file, else a short reason. */
function isExecutableFile(file: string): undefined | { error: string } {
  try {
    if (!fs.statSync(file).isFile()) return { error: `shell ${file} is not a file` };
    fs.accessSync(file, fs.constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { error: `shell ${file} not found` };
    if (code === 'EACCES') return { error: `shell ${file} is not executable (permission denied)` };
    return { error: `shell ${file} cannot be used: ${messageOf(error)}` };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
