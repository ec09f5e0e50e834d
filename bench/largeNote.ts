// The large-note phase of `npm run bench`: a vault of ordinary notes plus one note of about 50 MB, built
// from the ordinary notes' own text (front matter left out, repeated until it is large enough), put beside
// them so that its relative links resolve as theirs do. A fresh server (no cache) indexes it with
// marginalia.maxFileSizeMB raised to let it in, while an editor hovers a mention in an ordinary note
// without pause: the hover latencies from spawn until the large note's diagnostics arrive say whether
// anything held up the server's main thread meanwhile.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Hover } from 'vscode-languageserver-protocol';
import { DEFAULT_SEED, ensureVault, MANIFEST_NAME, type VaultManifest } from './generateVault';
import { LspSession, sleep, withTimeout } from './lspSession';

const LARGE_NOTE = 'large-note.md';
/** Ordinary notes beside the large one: enough for links and names to be checked and matched across notes. */
export const LARGE_NOTE_VAULT_NOTES = 1000;

export interface LargeNoteOptions {
  /** Ordinary notes beside the large one. */
  notes: number;
  seed: number;
  megabytes: number;
  deadline: number;
  root: string;
  progress?: (message: string) => void;
}

export interface LargeNoteResult {
  note: { file: string; megabytes: number; lines: number };
  vault: { dir: string; notes: number };
  /** From spawn: `marginalia/status` ready (every note parsed), and the large note's first diagnostics. */
  readyMs: number;
  largeNoteDiagnosticsMs: number | null;
  largeNoteProblems: number | null;
  /** Hovers in an ordinary note, from its first card until the large note's diagnostics (or the deadline). */
  hover: { n: number; answered: number; p50: number; p99: number; max: number };
  peakRssMb: number | null;
  serverProblems: string[];
}

/** Builds (or reuses) the vault with its large note; returns its folder. */
export function ensureLargeNoteVault(options: Pick<LargeNoteOptions, 'notes' | 'seed' | 'megabytes' | 'root'>): {
  dir: string;
  manifest: VaultManifest;
} {
  const dir = path.join(options.root, '.bench', `large-note-${options.notes}-${options.megabytes}mb`);
  const { manifest } = ensureVault({ notes: options.notes, seed: options.seed, dir });
  const target = path.join(dir, path.dirname(manifest.typicalNote.file), LARGE_NOTE);
  const wanted = options.megabytes * 1e6;
  if (!existsSync(target) || Math.abs(statSync(target).size - wanted) > 1e6) writeFileSync(target, largeNoteText(dir, wanted));
  return { dir, manifest };
}

function largeNoteText(dir: string, bytes: number): string {
  const sources = notesUnder(dir).map((file) => readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const part = `${sources[index % sources.length].trimEnd()}\n\n`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('');
}

function notesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && entry.name !== LARGE_NOTE && entry.name !== MANIFEST_NAME)
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export async function measureLargeNote(options: LargeNoteOptions): Promise<LargeNoteResult> {
  const { dir, manifest } = ensureLargeNoteVault(options);
  const largeFile = path.join(path.dirname(manifest.typicalNote.file), LARGE_NOTE);
  const cacheHome = path.join(options.root, '.bench', 'cache-large-note');
  rmSync(cacheHome, { recursive: true, force: true });
  mkdirSync(cacheHome, { recursive: true });
  const session = await LspSession.start(dir, {
    env: { XDG_CACHE_HOME: cacheHome },
    settings: { maxFileSizeMB: Math.ceil(options.megabytes * 1.5) },
  });
  try {
    const largeUri = session.uri(largeFile);
    let problems: number | null = null;
    const diagnostics = session.waitForDiagnostics(largeUri, (params) => {
      problems = params.diagnostics.length;
      return true;
    });
    let diagnosedAt: number | null = null;
    void diagnostics.promise.then((at) => (diagnosedAt = at));
    const { uri } = await session.openFromDisk(manifest.typicalNote.file);
    const probe = manifest.typicalNote.probes[0];
    // Hovers count from the first card on: the wait for that one is the first-hover figure of a cold start.
    await firstAnswer(session, uri, probe, options.deadline);
    const latencies: number[] = [];
    let answered = 0;
    let reportedAt = performance.now();
    while (diagnosedAt === null && performance.now() < options.deadline) {
      if (options.progress && performance.now() - reportedAt > 10_000) {
        reportedAt = performance.now();
        options.progress(
          `${Math.round(session.elapsedSinceSpawn() / 1000)} s: ${latencies.length} hovers, slowest ${Math.round(Math.max(0, ...latencies))} ms${session.readyAt ? ', indexed' : ''}`,
        );
      }
      const sent = performance.now();
      const hover = await withTimeout(
        session.connection.sendRequest<Hover | null>('textDocument/hover', {
          textDocument: { uri },
          position: { line: probe.line, character: probe.character + 1 },
        }),
        Math.max(1, options.deadline - sent),
        'a hover did not answer before the phase limit',
      );
      latencies.push(performance.now() - sent);
      if (hover) answered++;
      await sleep(10);
    }
    diagnostics.cancel();
    await withTimeout(
      session.waitUntilReady(),
      Math.max(1, options.deadline - performance.now()),
      'the server did not finish indexing within the phase limit',
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    const rank = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0);
    const text = readFileSync(path.join(dir, largeFile), 'utf8');
    return {
      note: { file: largeFile, megabytes: round(Buffer.byteLength(text) / 1e6, 1), lines: text.split('\n').length },
      vault: { dir: path.relative(options.root, dir), notes: manifest.notes + 1 },
      readyMs: round(session.readyAt! - session.spawnedAt),
      largeNoteDiagnosticsMs: diagnosedAt === null ? null : round(diagnosedAt - session.spawnedAt),
      largeNoteProblems: problems,
      hover: { n: latencies.length, answered, p50: rank(50), p99: rank(99), max: round(sorted[sorted.length - 1] ?? 0) },
      peakRssMb: session.peakRssMb() ?? null,
      serverProblems: session.logs
        .join('')
        .split('\n')
        .filter((line) => /large-note|could not parse|out of memory/i.test(line))
        .slice(0, 5),
    };
  } finally {
    await session.stop();
  }
}

async function firstAnswer(
  session: LspSession,
  uri: string,
  probe: VaultManifest['typicalNote']['probes'][number],
  deadline: number,
): Promise<void> {
  while (performance.now() < deadline) {
    const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: probe.line, character: probe.character + 1 },
    });
    if (hover) return;
    await sleep(20);
  }
  throw new Error('no hover answered before the phase limit');
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  measureLargeNote({
    notes: LARGE_NOTE_VAULT_NOTES,
    seed: DEFAULT_SEED,
    megabytes: Number(process.argv[2] ?? 50),
    deadline: performance.now() + 15 * 60_000,
    root,
    progress: (message) => process.stderr.write(`${message}\n`),
  })
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 1)}\n`))
    .catch((error) => {
      process.stderr.write(`largeNote: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
