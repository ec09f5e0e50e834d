// Every snippet runs as the leader of its own process group, so stopping it means signalling the
// group: `sleep 1000 & sleep 1000` has two sleeps that killing the shell alone would leave behind.
// Processes that leave the group (`setsid`, `set -m`) still carry the run's environment marker
// (runMarker.ts), and on Linux /proc finds them by it, or as children of the run's processes.
// A registry of live runs lets a host (extension deactivation, the CLI's Ctrl-C) end them all.
import { hasEnvironmentEntry, isGone, readProcesses, type ProcessInfo } from './processTable';

export const DEFAULT_KILL_GRACE_MS = 2000;
const POLL_MS = 50;
/** After SIGKILL the kernel needs a moment; past this the run is reported as gone regardless. */
const AFTER_KILL_WAIT_MS = 2000;

/** Where a run's processes are: its group, and (on Linux) whatever carries its marker. */
export interface RunTree {
  pgid: number;
  /** `MARGINALIA_RUN=…` as in /proc/PID/environ (see runMarker.ts). */
  marker?: Buffer;
  /** When the run's shell started (clock ticks since boot): nothing older can be part of it. */
  startTicks?: number;
}

/** Sends a signal to a whole process group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    // ESRCH: nothing left in the group. EPERM would mean the id was reused by someone else's
    // group, which is not ours to signal either way.
    return false;
  }
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone since it was found.
  }
}

/**
 * The run's live processes: the group's members, those carrying its marker, and the children of
 * any of them (a child may clear its environment and leave the group while its parent lives).
 * Zombies do not count: where the init process does not reap orphans (some containers), a killed
 * background child stays a zombie for good, and waiting for it would stall every Stop.
 * Undefined where there is no /proc.
 */
export function runMembers(tree: RunTree): ProcessInfo[] | undefined {
  const processes = readProcesses(tree.startTicks ?? 0);
  if (processes === undefined) return undefined;
  const members = new Set<number>();
  for (const info of processes) {
    if (info.pgrp === tree.pgid || (tree.marker !== undefined && hasEnvironmentEntry(info.pid, tree.marker))) members.add(info.pid);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const info of processes) {
      if (!members.has(info.pid) && members.has(info.ppid)) {
        members.add(info.pid);
        grew = true;
      }
    }
  }
  return processes.filter((info) => members.has(info.pid) && !isGone(info));
}

/** Whether any process of the run is still running. */
export function runAlive(tree: RunTree): boolean {
  const members = runMembers(tree);
  if (members !== undefined) return members.length > 0;
  return signalGroup(tree.pgid, 0);
}

/** Whether any process of the group is still running (zombies do not count). */
export function groupAlive(pgid: number): boolean {
  return runAlive({ pgid });
}

/**
 * Signals every process of the run: the group at once, then each one that left it. False when
 * nothing of the run is left to signal.
 */
export function signalRun(tree: RunTree, signal: NodeJS.Signals): boolean {
  const members = runMembers(tree);
  if (members === undefined) return signalGroup(tree.pgid, signal);
  if (members.length === 0) return false;
  signalGroup(tree.pgid, signal);
  for (const info of members) if (info.pgrp !== tree.pgid) signalProcess(info.pid, signal);
  return true;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM to the run, then SIGKILL to whatever is left after `graceMs`. Resolves once the run
 * is gone (or after the SIGKILL wait, if the kernel is slow to reap).
 */
export async function terminateRun(tree: RunTree, graceMs: number = DEFAULT_KILL_GRACE_MS): Promise<void> {
  if (!signalRun(tree, 'SIGTERM')) return;
  // SIGTERM does not wake a stopped process; SIGCONT lets it act on the TERM.
  signalRun(tree, 'SIGCONT');
  if (await waitUntilGone(tree, graceMs)) return;
  // Again on every pass: a process forked since the last one is found on the next.
  const deadline = Date.now() + AFTER_KILL_WAIT_MS;
  while (signalRun(tree, 'SIGKILL') && Date.now() < deadline) await sleep(POLL_MS);
}

/** terminateRun for a bare process group. */
export function terminateGroup(pgid: number, graceMs: number = DEFAULT_KILL_GRACE_MS): Promise<void> {
  return terminateRun({ pgid }, graceMs);
}

async function waitUntilGone(tree: RunTree, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!runAlive(tree)) return true;
    await sleep(POLL_MS);
  }
  return !runAlive(tree);
}

/** What the registry knows about one running snippet. */
export interface RegisteredRun {
  tree: RunTree;
  /** Stops the run the way Stop does (TERM, then KILL), marking it as cancelled. */
  stop(): Promise<void>;
}

const running = new Set<RegisteredRun>();

export function registerRun(run: RegisteredRun): () => void {
  running.add(run);
  return () => running.delete(run);
}

/** How many snippets are running now. */
export function runningCount(): number {
  return running.size;
}

/** Stops every running snippet and resolves when all their processes are gone. */
export async function killAllRuns(): Promise<number> {
  const runs = [...running];
  await Promise.all(runs.map((run) => run.stop()));
  return runs.length;
}

/**
 * SIGKILLs every running snippet's processes at once. For `process.on('exit')` handlers, which
 * cannot wait for a graceful stop: nothing may outlive the host.
 */
export function killAllRunsNow(): number {
  const runs = [...running];
  for (const run of runs) signalRun(run.tree, 'SIGKILL');
  return runs.length;
}
