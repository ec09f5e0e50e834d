// What a window knows its cache file holds, note by note, so that a save writes only the notes that differ.
// Entries are compared by the objects they are made of first (a restored or unchanged note is the very
// same objects), then by the digest of their encoding (a note matched again to the same mentions).

import type { CachedNote } from '../indexCache';
import { encodeNote, noteRecord, removalRecord, type EncodedNote } from './noteRecord';

export interface NoteChanges {
  updated: Array<{ uri: string; note: CachedNote; encoded: EncodedNote }>;
  removed: string[];
}

export const NO_CHANGES: NoteChanges = { updated: [], removed: [] };

export function isEmpty(changes: NoteChanges): boolean {
  return changes.updated.length === 0 && changes.removed.length === 0;
}

export class WrittenNotes {
  private readonly digests = new Map<string, string>();

  constructor(private readonly notes: Map<string, CachedNote>) {}

  /** What differs between the file, as far as this window knows, and `entries`, which the file should hold. */
  changesTo(entries: ReadonlyArray<readonly [string, CachedNote]>): NoteChanges {
    const updated: NoteChanges['updated'] = [];
    const wanted = new Set<string>();
    for (const [uri, note] of entries) {
      wanted.add(uri);
      const held = this.notes.get(uri);
      if (held && sameParts(held, note)) continue;
      const encoded = encodeNote(uri, note);
      if (held && this.digestOf(uri, held) === encoded.digest) {
        // The same entry made of other objects: held as these, so that the next save compares them at once.
        this.notes.set(uri, note);
        continue;
      }
      updated.push({ uri, note, encoded });
    }
    const removed = [...this.notes.keys()].filter((uri) => !wanted.has(uri));
    return { updated, removed };
  }

  /** Takes changes as written to the file. */
  accept(changes: NoteChanges): void {
    for (const { uri, note, encoded } of changes.updated) {
      this.notes.set(uri, note);
      this.digests.set(uri, encoded.digest);
    }
    for (const uri of changes.removed) {
      this.notes.delete(uri);
      this.digests.delete(uri);
    }
  }

  private digestOf(uri: string, note: CachedNote): string {
    let digest = this.digests.get(uri);
    if (digest === undefined) this.digests.set(uri, (digest = encodeNote(uri, note).digest));
    return digest;
  }
}

/** The file's notes with this window's changes over them. */
export function withChanges(notes: Map<string, CachedNote>, changes: NoteChanges): Map<string, CachedNote> {
  for (const { uri, note } of changes.updated) notes.set(uri, note);
  for (const uri of changes.removed) notes.delete(uri);
  return notes;
}

/** The journal records of the changes, framed; undefined as soon as they pass `limitBytes` (a rewrite is cheaper). */
export function recordsOf(changes: NoteChanges, limitBytes: number): Buffer | undefined {
  const records: Buffer[] = [];
  let bytes = 0;
  for (const { note, encoded } of changes.updated) {
    records.push(noteRecord(encoded, note));
    bytes += records[records.length - 1].length;
    if (bytes > limitBytes) return undefined;
  }
  for (const uri of changes.removed) records.push(removalRecord(uri));
  return Buffer.concat(records);
}

function sameParts(a: CachedNote, b: CachedNote): boolean {
  return (
    a.stamp === b.stamp &&
    a.facts === b.facts &&
    a.entities === b.entities &&
    a.links === b.links &&
    a.lineStarts === b.lineStarts &&
    a.textLength === b.textLength &&
    a.mentions === b.mentions &&
    a.entityLinks === b.entityLinks &&
    a.matchedWith === b.matchedWith
  );
}
