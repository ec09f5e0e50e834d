// What Linux's /proc tells about running processes: enough to find every process a snippet
// started, including those that left its process group (`setsid`, `set -m`) or were orphaned.
// Everywhere else (no /proc) the readers return undefined and callers fall back to the group.
import * as fs from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  /** One letter: R, S, D, T, Z (zombie), X (dead), … */
  state: string;
  /** When it started, in clock ticks since boot: with the pid, this names one process for good. */
  startTicks: number;
}

/** Every process visible in /proc that started at `sinceTicks` or later; undefined without /proc. */
export function readProcesses(sinceTicks = 0): ProcessInfo[] | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  const processes: ProcessInfo[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info && info.startTicks >= sinceTicks) processes.push(info);
  }
  return processes;
}

/** One process's stat line, or undefined once it has exited (or where there is no /proc). */
export function readProcess(pid: number): ProcessInfo | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself contain ") "; the fields follow the last ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 of proc(5): state, ppid, pgrp, …, starttime is field 22.
  return { pid, state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]), startTicks: Number(fields[19]) };
}

/** Whether a zombie or dead entry: nothing left to signal, and nothing to wait for. */
export function isGone(info: ProcessInfo): boolean {
  return info.state === 'Z' || info.state === 'X';
}

/**
 * Whether the environment a process started with holds exactly `NAME=value`. Unreadable
 * environments (other users' processes, setuid programs) hold nothing we may signal anyway.
 */
export function hasEnvironmentEntry(pid: number, entry: Buffer): boolean {
  let environ: Buffer;
  try {
    environ = fs.readFileSync(`/proc/${pid}/environ`);
  } catch {
    return false;
  }
  for (let at = environ.indexOf(entry); at >= 0; at = environ.indexOf(entry, at + 1)) {
    const startsEntry = at === 0 || environ[at - 1] === 0;
    const endsEntry = at + entry.length === environ.length || environ[at + entry.length] === 0;
    if (startsEntry && endsEntry) return true;
  }
  return false;
}
