import { LineMap } from '../parse/lineMap';
import { isPacked, unpackFacts, type ParsedFacts } from '../parse/packedFacts';
import { linkSummaryOf } from '../parse/links/linkSummary';
import type { CachedNote, DiskStamp } from './indexCache';
import { NoteMentions } from './noteMentions';
import { storedInMemory, type NoteState } from './noteState';

/** Why a note is missing from the index or indexed empty. */
export interface NoteFailure {
  kind: 'unreadable' | 'unparsed';
  reason: string;
}

/**
 * Every note the index holds, what each was before the changes not yet rebuilt, and the notes that could
 * not be read or parsed. Tells the cache writer whenever what the cache would hold changes.
 */
export class NoteStore {
  private readonly notes = new Map<string, NoteState>();
  /** The state of each note changed since the last rebuild, as it was before (undefined: the note is new). */
  private readonly replaced = new Map<string, NoteState | undefined>();
  /** Notes left out of the index, or indexed empty, because they could not be read or parsed. */
  readonly failures = new Map<string, NoteFailure>();

  constructor(private readonly markUnsaved: () => void) {}

  get(uri: string): NoteState | undefined {
    return this.notes.get(uri);
  }

  has(uri: string): boolean {
    return this.notes.has(uri);
  }

  get size(): number {
    return this.notes.size;
  }

  uris(): string[] {
    return [...this.notes.keys()];
  }

  states(): IterableIterator<NoteState> {
    return this.notes.values();
  }

  entries(): IterableIterator<[string, NoteState]> {
    return this.notes.entries();
  }

  /** Stores facts just parsed; a closed note's never replace an open one's. */
  store(uri: string, parsed: ParsedFacts, text: string, open: boolean, stamp: DiskStamp | undefined): void {
    const previous = this.notes.get(uri);
    if (!open && previous?.open) return;
    this.remember(uri);
    const facts = !isPacked(parsed) ? parsed : open ? unpackFacts(parsed) : storedInMemory(parsed);
    const links = isPacked(parsed) ? parsed.links : linkSummaryOf(parsed);
    const lines = isPacked(parsed) && parsed.lineStarts ? LineMap.withLineStarts(text, parsed.lineStarts) : new LineMap(text);
    this.notes.set(uri, {
      facts,
      entities: parsed.entities,
      links,
      text,
      lines,
      mentions: NoteMentions.none,
      entityLinks: [],
      matchedWith: '',
      open,
      stamp,
    });
    // Opening a note leaves what the cache holds of it as it was.
    if (stamp && stamp !== previous?.stamp) this.markUnsaved();
  }

  /** Stores what the cache held of a note the disk still holds as it was. */
  restore(uri: string, cached: CachedNote, stamp: DiskStamp): void {
    // An editor's text arrived while the disk was read: it wins.
    if (this.notes.get(uri)?.open) return;
    this.remember(uri);
    const lines = LineMap.fromLineStarts(cached.lineStarts, cached.textLength);
    const { facts, entities, links, mentions, entityLinks, matchedWith } = cached;
    this.notes.set(uri, { facts, entities, links, lines, mentions, entityLinks, matchedWith, open: false, stamp });
    if (stamp !== cached.stamp) this.markUnsaved();
  }

  /** Replaces a note's state with one that changes neither its facts nor what the cache holds of it. */
  replace(uri: string, state: NoteState): void {
    this.remember(uri);
    this.notes.set(uri, state);
  }

  forget(uri: string): void {
    this.failures.delete(uri);
    this.remember(uri);
    if (this.notes.delete(uri)) this.markUnsaved();
  }

  /** The note's state before the changes not yet rebuilt; undefined when it is new, or unchanged. */
  replacedState(uri: string): NoteState | undefined {
    return this.replaced.get(uri);
  }

  /** Notes changed since the last rebuild, each with its state before. */
  replacements(): ReadonlyMap<string, NoteState | undefined> {
    return this.replaced;
  }

  /** The changes since the last rebuild, handed to the rebuild that takes them; later ones are the next rebuild's. */
  takeReplacements(): Map<string, NoteState | undefined> {
    const taken = new Map(this.replaced);
    this.replaced.clear();
    return taken;
  }

  private remember(uri: string): void {
    if (!this.replaced.has(uri)) this.replaced.set(uri, this.notes.get(uri));
  }
}
