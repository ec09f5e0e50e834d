// The peak memory of the server over the sessions that ran it (cold start, warm start, editor session).

import { round } from '../stats';
import type { Journal } from './phase';

export interface PeakMemory {
  /** The highest of the sessions, MB; null when none could be read. */
  peakRssMb: number | null;
  /** `peakRss` of the report's metrics. */
  metric: { mb: number | null; bySession: Record<string, number | null>; how: string };
}

/** `bySession` keeps the order of `rssBySession` (cold, warm, editor). */
export function summarizePeakMemory(rssBySession: Record<string, number | null>, journal: Journal): PeakMemory {
  const values = Object.values(rssBySession).filter((value): value is number => typeof value === 'number');
  const peakRssMb = values.length ? round(Math.max(...values), 1) : null;
  if (peakRssMb === null) journal.note('peak RSS unavailable: /proc/<pid>/status could not be read (not Linux?)');
  return {
    peakRssMb,
    metric: {
      mb: peakRssMb,
      bySession: Object.fromEntries(Object.entries(rssBySession).map(([key, value]) => [key, value === null ? null : round(value, 1)])),
      how: 'max of VmHWM and sampled VmRSS of the server process (/proc/<pid>/status; worker threads share the process); the cold session runs until its cache file is written, so the link check and cache write after indexing count',
    },
  };
}
