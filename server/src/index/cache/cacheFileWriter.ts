// How a window writes its cache file after a change: the notes that differ from what the file holds are
// appended to its journal, so that a save after one note changed writes about that note's share; the file
// is rewritten (compacted) when the journal grows past a quarter of the snapshot, when the changes are that
// large themselves, and when nothing is known of the file yet.
//
// Two windows on one vault: appends need no lock and never interleave (fileWrites.ts). A rewrite holds a lock
// (rewriteLock.ts), reads the file as it stands, writes it again with this window's changes over it, renames
// it into place, and then appends to the new file what other windows appended to the old one since it was
// read; an append that lands on the old file after that sees the rename and is made again on the new one.

import { fstatSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CachedNote } from '../indexCache';
import { readCacheFile, type OpenCache } from './cacheFile';
import { readExactly } from './cacheSource';
import { appendWhole, replaceFile } from './fileWrites';
import { frameRecord, readJournal } from './journal';
import { whileLocked } from './rewriteLock';
import { cachePieces } from './snapshot';
import { isEmpty, NO_CHANGES, recordsOf, withChanges, WrittenNotes, type NoteChanges } from './writtenNotes';

/** The journal is compacted once it is this share of the snapshot: a start reads at most a quarter more. */
const JOURNAL_SHARE = 0.25;
/** Nor before it holds this much: a small vault's file is not rewritten at every other save. */
const MIN_JOURNAL_BYTES = 256 * 1024;

export interface CacheWriteOptions {
  /** Journal bytes below which the file is never compacted (tests make it small). */
  minJournalBytes?: number;
}

export class CacheFileWriter {
  /** What the file holds as this window knows it; undefined until it was read or written. */
  private written?: WrittenNotes;
  private snapshotBytes = 0;
  /** The journal holds damaged records: the next save rewrites the file. */
  private rewriteDue = false;
  private readonly minJournalBytes: number;

  constructor(
    private readonly location: string,
    private readonly buildId: string,
    options: CacheWriteOptions = {},
  ) {
    this.minJournalBytes = options.minJournalBytes ?? MIN_JOURNAL_BYTES;
  }

  /** The file as a start read it. */
  readFrom(cache: OpenCache): void {
    this.written = new WrittenNotes(new Map(cache.notes));
    this.snapshotBytes = cache.snapshotBytes;
    this.rewriteDue = cache.journal.skippedBytes > 0;
  }

  async save(entries: ReadonlyArray<readonly [string, CachedNote]>): Promise<void> {
    if (!this.written) return this.rewrite(entries, undefined);
    const changes = this.written.changesTo(entries);
    if (this.rewriteDue) return this.rewrite(entries, changes);
    if (isEmpty(changes)) return;
    const records = recordsOf(changes, this.journalLimit());
    const length = records && (await appendWhole(this.location, records));
    if (length === undefined) return this.rewrite(entries, changes);
    this.written.accept(changes);
    if (length > this.snapshotBytes + this.journalLimit()) await this.rewrite(entries, NO_CHANGES);
  }

  private journalLimit(): number {
    return Math.max(this.minJournalBytes, this.snapshotBytes * JOURNAL_SHARE);
  }

  /** Rewrites the file: the file's notes with `changes` over them, or `entries` alone when nothing is known of it. */
  private async rewrite(entries: ReadonlyArray<readonly [string, CachedNote]>, changes: NoteChanges | undefined): Promise<void> {
    await fs.mkdir(path.dirname(this.location), { recursive: true });
    const done = await whileLocked(this.location, async () => {
      const reading = this.written && changes ? readCacheFile(this.location, this.buildId) : undefined;
      const current = reading?.found && reading.unusable === undefined ? reading : undefined;
      const notes = current ? withChanges(current.notes, changes!) : new Map(entries);
      this.snapshotBytes = await replaceFile(this.location, cachePieces(notes, this.buildId));
      if (current) await this.copyAppendedSince(current);
      if (current) this.written!.accept(changes!);
      else this.written = new WrittenNotes(new Map(entries));
      this.rewriteDue = false;
      return true;
    });
    if (!done) throw new Error('another window held its lock throughout');
  }

  /** Appends to the new file the records other windows appended to the old one after its last whole record was read. */
  private async copyAppendedSince(old: OpenCache): Promise<void> {
    const from = old.snapshotBytes + old.journal.end;
    const length = fstatSync(old.fd).size;
    if (length <= from) return;
    const { bodies } = readJournal(readExactly(old.fd, from, length - from));
    if (bodies.length) await appendWhole(this.location, Buffer.concat(bodies.map(({ body }) => frameRecord([body]))));
  }
}
