import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much nicer than the process background threads are: requests on the main thread win the CPU whenever both want it. */
const BACKGROUND_NICE_STEP = 10;
const LOWEST_PRIORITY = 19;

/**
 * Lowers the priority of the calling thread, so that parsing a vault in the background never slows a
 * hover or a keystroke down: on a machine with fewer cores than threads, the scheduler gives the main
 * thread the CPU first. Linux only (a thread's id is read from /proc/thread-self); elsewhere, and where
 * it is not allowed, the thread keeps its priority.
 */
export function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return;
    // Relative to what the thread inherited (a CLI run under `nice`), since only a privileged user may raise it back.
    setPriority(threadId, Math.min(LOWEST_PRIORITY, getPriority(threadId) + BACKGROUND_NICE_STEP));
  } catch {
    // Not Linux, or not permitted: parsing merely competes with requests as any thread would.
  }
}
