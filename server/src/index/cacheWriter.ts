import type { CachedNote, IndexCache } from './indexCache';
import type { NoteStore } from './noteStore';

/** How long the cache waits after the last change before it is written: a burst of changes costs one write. */
const CACHE_SAVE_DELAY_MS = 2000;

/**
 * Writes the index cache a moment after what it would hold changed, one write at a time. Without a cache
 * it only keeps track of whether anything changed.
 */
export class CacheWriter {
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly cache: IndexCache | undefined,
    private readonly entries: () => Array<[string, CachedNote]>,
  ) {}

  /** What the cache would hold changed. */
  markUnsaved(): void {
    this.dirty = true;
  }

  /** Writes the cache a moment from now, unless a write is due already. */
  schedule(): void {
    if (!this.cache || !this.dirty || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, CACHE_SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes the cache now if anything changed since it was last written (at shutdown, at the end of a CLI run). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) this.save();
    await this.saving;
  }

  /** Stops a pending write; what it would write is lost. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
  }

  private save(): void {
    const cache = this.cache;
    if (!cache) return;
    this.dirty = false;
    const entries = this.entries();
    this.saving = this.saving.then(() => cache.save(entries));
  }
}

/** What the cache holds of the notes: those read from disk whose mentions were found with the current names. */
export function cachedNotes(store: NoteStore, matcherHash: string): Array<[string, CachedNote]> {
  const entries: Array<[string, CachedNote]> = [];
  for (const [uri, state] of store.entries()) {
    if (!state.stamp || state.matchedWith !== matcherHash) continue;
    const { stamp, facts, entities, links, mentions, entityLinks, matchedWith, lines } = state;
    entries.push([
      uri,
      { stamp, facts, entities, links, mentions, entityLinks, matchedWith, lineStarts: lines.lineStarts, textLength: lines.textLength },
    ]);
  }
  return entries;
}
