// Phase 6, a large note beside ordinary ones: hovers elsewhere while a fresh server indexes it (see
// ../largeNote.ts). Left out with --large-note-mb 0.

import { LARGE_NOTE_VAULT_NOTES, measureLargeNote, type LargeNoteResult } from '../largeNote';
import { ROOT } from '../paths';
import { describe, runPhase, type BenchContext } from './phase';

export interface LargeNotePhaseResult {
  largeNote: LargeNoteResult | null;
  /** `largeNote` of the report's metrics; undefined when the phase was left out or failed. */
  metric?: Record<string, unknown>;
}

export async function measureLargeNoteHovers({ options, journal }: BenchContext): Promise<LargeNotePhaseResult> {
  if (options.largeNoteMb <= 0) return { largeNote: null };
  try {
    // About 2 s a megabyte on a busy 2-core machine, and never less than the other phases get.
    const limitMs = Math.max(options.phaseTimeoutMs, options.largeNoteMb * 6_000);
    const largeNote = await runPhase(
      `large note: hovers elsewhere while a ${options.largeNoteMb} MB note is indexed`,
      limitMs,
      (deadline) =>
        measureLargeNote({
          notes: LARGE_NOTE_VAULT_NOTES,
          seed: options.seed,
          megabytes: options.largeNoteMb,
          deadline,
          root: ROOT,
          progress: (message) => process.stdout.write(`  ${message}\n`),
        }),
    );
    const metric = {
      ...largeNote,
      how: `a vault of ${LARGE_NOTE_VAULT_NOTES} generated notes plus one note of ${options.largeNoteMb} MB made of their text, marginalia.maxFileSizeMB raised to let it in; a fresh server with no cache; a mention in the typical note hovered every 10 ms from its first card until the large note's diagnostics arrive`,
    };
    if (largeNote.largeNoteDiagnosticsMs === null) journal.note("the large note's diagnostics did not arrive before the phase limit");
    return { largeNote, metric };
  } catch (error) {
    journal.fail(describe(error));
    return { largeNote: null };
  }
}
