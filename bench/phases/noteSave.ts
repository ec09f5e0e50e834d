// Phase 5, one note saved: what the server's index cache writes after a single note changes on disk. A fresh
// server (cache present) indexes the vault and settles; then the typical note, not open, gets one line
// appended on disk, announced by a file event as a save from another editor or a sync would be, and the
// cache folder is watched until the server's delayed cache write is done. Reported as bytes of the cache
// folder's files written meanwhile, and as what /proc/<pid>/io says the server process wrote. The note is
// put back as it was afterwards, so the vault stays the one the manifest describes.

import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { bytesWrittenSince, indexCacheFolder, listFiles, saveInProgress, writtenSince, type FileState } from '../cacheFolder';
import { LspSession, sleep, withTimeout } from '../lspSession';
import { ioBetween, readProcessIo, type ProcessIo } from '../processIo';
import { round } from '../stats';
import { describeWithLog, PhaseError, runPhase, type BenchContext, type LiveServer } from './phase';

/** Longer than the server's own delay before it writes its cache (2 s): a folder this long unchanged is settled. */
const QUIET_MS = 3000;
const POLL_MS = 100;
const FILE_CHANGED = 2;

export interface NoteSaveResult {
  /** Bytes of the cache folder's files written after the save, and the folder's size then; null when the phase failed. */
  cache: { written: number; total: number } | null;
  /** `noteSave` of the report's metrics, when the phase finished. */
  metric?: Record<string, unknown>;
}

interface SaveMeasurement {
  cacheBytesWritten: number;
  cacheFilesWritten: number;
  cacheBytesTotal: number;
  process: ProcessIo | null;
  /** From the file event to the end of the cache write. */
  writtenAfterMs: number;
}

export async function measureNoteSave(context: BenchContext): Promise<NoteSaveResult> {
  const live: LiveServer = {};
  const note = path.join(context.vault, context.manifest.typicalNote.file);
  const original = readFileSync(note, 'utf8');
  try {
    const measured = await runPhase(
      'one note saved: bytes the index cache writes',
      context.options.phaseTimeoutMs,
      async (deadline) => {
        live.session = await LspSession.start(context.vault, { env: context.cache.env });
        await withTimeout(
          live.session.waitUntilReady(),
          Math.max(1, deadline - performance.now()),
          'the server did not finish indexing within the phase limit',
        );
        return saveOnceAndMeasure(live.session, note, original, indexCacheFolder(context.cache.home), deadline);
      },
      () => putBack(live.session, note, original),
    );
    return { cache: { written: measured.cacheBytesWritten, total: measured.cacheBytesTotal }, metric: noteSaveMetric(context, measured) };
  } catch (error) {
    context.journal.fail(describeWithLog(error, live));
    return { cache: null };
  }
}

async function saveOnceAndMeasure(
  session: LspSession,
  note: string,
  original: string,
  cacheFolder: string,
  deadline: number,
): Promise<SaveMeasurement> {
  const before = await quietFolder(cacheFolder, deadline);
  const ioBefore = readProcessIo(session.pid);
  writeFileSync(note, `${original.endsWith('\n') ? original : `${original}\n`}One more line, saved to disk.\n`);
  const saved = performance.now();
  await announceChange(session, note);
  await firstWriteAfter(cacheFolder, before, deadline);
  const writtenAfterMs = performance.now() - saved;
  // Anything the save set off after its first write counts too.
  const after = await quietFolder(cacheFolder, deadline);
  return {
    cacheBytesWritten: bytesWrittenSince(before, after),
    cacheFilesWritten: writtenSince(before, after).length,
    cacheBytesTotal: after.reduce((sum, file) => sum + file.size, 0),
    process: ioBetween(ioBefore, readProcessIo(session.pid)),
    writtenAfterMs,
  };
}

function announceChange(session: LspSession, note: string): Promise<void> {
  return session.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: URI.file(note).toString(), type: FILE_CHANGED }],
  });
}

/** The folder's files once nothing in it has changed for QUIET_MS and no save is under way. */
async function quietFolder(folder: string, deadline: number): Promise<FileState[]> {
  let files = listFiles(folder);
  let quietSince = performance.now();
  while (performance.now() - quietSince < QUIET_MS || saveInProgress(files)) {
    if (performance.now() > deadline) throw new PhaseError(`the cache folder did not settle within the phase limit`);
    await sleep(POLL_MS);
    const now = listFiles(folder);
    if (writtenSince(files, now).length > 0 || now.length !== files.length) quietSince = performance.now();
    files = now;
  }
  return files;
}

/** Waits until a file of the folder differs from `before` and no save is under way. */
async function firstWriteAfter(folder: string, before: FileState[], deadline: number): Promise<void> {
  for (;;) {
    const now = listFiles(folder);
    if (writtenSince(before, now).length > 0 && !saveInProgress(now)) return;
    if (performance.now() > deadline) throw new PhaseError('the server wrote no cache after the save within the phase limit');
    await sleep(POLL_MS);
  }
}

/** Puts the note back and tells the server, which writes its cache for that when it stops; then stops it. */
async function putBack(session: LspSession | undefined, note: string, original: string): Promise<void> {
  if (readFileSync(note, 'utf8') !== original) {
    writeFileSync(note, original);
    if (session) await announceChange(session, note).catch(() => undefined);
  }
  await session?.stop();
}

function noteSaveMetric({ cache, manifest }: BenchContext, measured: SaveMeasurement): Record<string, unknown> {
  return {
    cacheBytesWritten: measured.cacheBytesWritten,
    cacheFilesWritten: measured.cacheFilesWritten,
    cacheBytesTotal: measured.cacheBytesTotal,
    processWriteBytes: measured.process?.writeBytes ?? null,
    processWchar: measured.process?.wchar ?? null,
    writtenAfterMs: round(measured.writtenAfterMs),
    note: manifest.typicalNote.file,
    how:
      `a fresh server with the cache in ${cache.label}, ready and its cache folder unchanged for ${QUIET_MS / 1000} s; then one line appended on disk to the typical note (not open) and a didChangeWatchedFiles event for it; ` +
      `cacheBytesWritten: bytes of the files of the cache folder written until it was unchanged for ${QUIET_MS / 1000} s again (a new or renamed-over file counts whole, one grown in place by what it grew); ` +
      'cacheBytesTotal: the folder afterwards; processWriteBytes/processWchar: write_bytes and wchar of /proc/<pid>/io of the server over the same time (wchar counts its messages to the editor too); ' +
      'writtenAfterMs: from the file event until the first cache write was complete (the server delays its write by 2 s)',
  };
}
