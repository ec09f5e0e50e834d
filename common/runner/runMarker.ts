// Every snippet starts with MARGINALIA_RUN=<host>-<n> in its environment. Children inherit it
// wherever they go — into a new session (`setsid`), a job-control group (`set -m`), or up to init
// when their parent dies — so a run's processes can still be found when the process group no
// longer holds them all. <host> names the process that started the run (the CLI, the extension
// host), so its watchdog can end them all when that process dies.
import { randomBytes } from 'node:crypto';

export const RUN_MARKER_VARIABLE = 'MARGINALIA_RUN';

/** Unique to this process; random, so no other host's runs can share it. */
export const HOST_MARKER = randomBytes(6).toString('hex');

let runsStarted = 0;

/** The value for the next run's MARGINALIA_RUN. */
export function nextRunMarker(): string {
  runsStarted++;
  return `${HOST_MARKER}-${runsStarted}`;
}

/** `MARGINALIA_RUN=<value>` as it appears in /proc/PID/environ. */
export function markerEntry(value: string): Buffer {
  return Buffer.from(`${RUN_MARKER_VARIABLE}=${value}`);
}
