// Every snippet runs as the leader of its own process group, so stopping it means signalling the
// group: `sleep 1000 & sleep 1000` has two sleeps that killing the shell alone would leave behind.
// A registry of live groups lets a host (extension deactivation, the CLI's Ctrl-C) end them all.
import * as fs from 'node:fs';

export const DEFAULT_KILL_GRACE_MS = 2000;
const POLL_MS = 50;
/** After SIGKILL the kernel needs a moment; past this the group is reported as gone regardless. */
const AFTER_KILL_WAIT_MS = 2000;

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

/**
 * Whether any process of the group is still running. Zombies do not count: where the init
 * process does not reap orphans (some containers), a killed background child stays a zombie
 * for good, and waiting for it would stall every Stop.
 */
export function groupAlive(pgid: number): boolean {
  const members = liveGroupMembers(pgid);
  if (members !== undefined) return members.length > 0;
  return signalGroup(pgid, 0);
}

/** Pids of the group's non-zombie processes, read from /proc; undefined where there is no /proc. */
export function liveGroupMembers(pgid: number): number[] | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

function readStat(pid: string): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined; // exited between readdir and read
  }
  // The command name is in parentheses and may itself contain ") "; the fields follow the last ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], pgrp: Number(fields[2]) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM to the group, then SIGKILL to whatever is left after `graceMs`. Resolves once the
 * group is gone (or after the SIGKILL wait, if the kernel is slow to reap).
 */
export async function terminateGroup(pgid: number, graceMs: number = DEFAULT_KILL_GRACE_MS): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  // SIGTERM does not wake a stopped process; SIGCONT lets it act on the TERM.
  signalGroup(pgid, 'SIGCONT');
  if (await waitUntilGone(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await waitUntilGone(pgid, AFTER_KILL_WAIT_MS);
}

async function waitUntilGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return true;
    await sleep(POLL_MS);
  }
  return !groupAlive(pgid);
}

/** What the registry knows about one running snippet. */
export interface RegisteredRun {
  pgid: number;
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

/** Stops every running snippet and resolves when all their process groups are gone. */
export async function killAllRuns(): Promise<number> {
  const runs = [...running];
  await Promise.all(runs.map((run) => run.stop()));
  return runs.length;
}

/**
 * SIGKILLs every running snippet's group at once. For `process.on('exit')` handlers, which
 * cannot wait for a graceful stop: nothing may outlive the host.
 */
export function killAllRunsNow(): number {
  const runs = [...running];
  for (const run of runs) signalGroup(run.pgid, 'SIGKILL');
  return runs.length;
}
