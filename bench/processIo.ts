// What a process has written, from /proc/<pid>/io (Linux only): every thread of the process counts, the
// parse workers included.

import { readFileSync } from 'node:fs';

export interface ProcessIo {
  /** Bytes the process caused to be written to storage (the page cache counts when dirtied). */
  writeBytes: number;
  /** Bytes passed to write() and its kin, pipes included: the server's messages to the editor count too. */
  wchar: number;
}

/** The counters now; null when /proc/<pid>/io cannot be read (not Linux, or the process is gone). */
export function readProcessIo(pid: number | undefined): ProcessIo | null {
  if (pid === undefined) return null;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/io`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  const io = { writeBytes: field('write_bytes'), wchar: field('wchar') };
  return Number.isFinite(io.writeBytes) && Number.isFinite(io.wchar) ? io : null;
}

/** What was written between two readings; null when either is missing. */
export function ioBetween(before: ProcessIo | null, after: ProcessIo | null): ProcessIo | null {
  if (!before || !after) return null;
  return { writeBytes: after.writeBytes - before.writeBytes, wchar: after.wchar - before.wchar };
}
