// What every phase shares: a time limit, the notes and errors it adds to the report, and how a failure is told.

import { performance } from 'node:perf_hooks';
import type { VaultManifest } from '../generateVault';
import type { LspSession } from '../lspSession';
import { withTimeout } from '../lspSession';
import type { Options } from '../options';

/** A phase could not measure what it measures; the message goes to the report's errors. */
export class PhaseError extends Error {}

/** The report's notes (worth knowing) and errors (a phase failed), echoed as they come. */
export class Journal {
  readonly notes: string[] = [];
  readonly errors: string[] = [];

  note(message: string): void {
    this.notes.push(message);
    process.stdout.write(`  note: ${message}\n`);
  }

  fail(message: string): void {
    this.errors.push(message);
    process.stdout.write(`  error: ${message}\n`);
  }
}

/** The folder where every server and CLI run keeps its index cache (XDG_CACHE_HOME), and how to point them at it. */
export interface BenchCache {
  home: string;
  /** As the report shows it. */
  label: string;
  env: { XDG_CACHE_HOME: string };
}

/** What every phase reads: the options, the generated vault, the cache folder and the journal. */
export interface BenchContext {
  options: Options;
  vault: string;
  manifest: VaultManifest;
  cache: BenchCache;
  journal: Journal;
}

/** The server a phase is running, if any: its log goes with the phase's error message. */
export interface LiveServer {
  session?: LspSession;
}

/** Runs one phase under a time limit; whatever happens, the phase's server is stopped. */
export async function runPhase<T>(
  name: string,
  limitMs: number,
  body: (deadline: number) => Promise<T>,
  cleanup?: () => Promise<void>,
): Promise<T> {
  const deadline = performance.now() + limitMs;
  process.stdout.write(`· ${name} ...\n`);
  try {
    return await withTimeout(
      body(deadline),
      limitMs,
      `${name}: did not finish within ${Math.round(limitMs / 1000)} s (raise --phase-timeout to wait longer)`,
    );
  } finally {
    await cleanup?.();
  }
}

/** The error, and the server's last log lines when a server was running. */
export function describeWithLog(error: unknown, live: LiveServer): string {
  return live.session ? `${describe(error)}\n${live.session.tail()}` : describe(error);
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
