import type { NoteParser } from '../parse/noteParser';
import { finish } from '../parse/steps';
import { identityOfRemote } from '../entities/identity';
import type { Logger, NoteFile, NotesWorkspace } from '../workspace/notesWorkspace';
import type { EntityMaps } from './entityMaps';
import { forEachConcurrently } from './forEachConcurrently';
import { hashBytes, stampSteps, type CachedNote, type IndexCache } from './indexCache';
import type { LinkGraph } from './linkGraph';
import { isUnchanged, type NoteLoader } from './noteLoader';
import { letGoOfText, type NoteState } from './noteState';
import type { NoteStore } from './noteStore';

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface IndexingOptions {
  cancellation?: Cancellation;
  onProgress?: (done: number, total: number) => void;
  /** Notes read and parsed at once. */
  concurrency?: number;
  /** Characters of closed notes' texts the walk may hold for finding mentions at its end; the rest are read again then. */
  textBudgetChars?: number;
}

/** Texts of closed notes held during a walk, in UTF-16 characters (16 M: 32 MB at most). */
const WALK_TEXT_BUDGET_CHARS = 16 * 1024 * 1024;

/** What the first walk works with: the index's parts, and the rebuilds of its one update queue. */
export interface WalkParts {
  workspace: NotesWorkspace;
  parser: NoteParser;
  logger: Logger;
  cache?: IndexCache;
  store: NoteStore;
  loader: NoteLoader;
  entityMaps: EntityMaps;
  linkGraph: LinkGraph;
  /** Queues a rebuild after the notes named changed; a provisional one takes the mentions the notes hold as they are. */
  rebuild(changed: string[], provisional?: boolean): Promise<void>;
  markUnsaved(): void;
  /** Notes walked so far, of how many: the walk counts them. */
  progress: { indexed: number; total: number };
}

/**
 * The first walk over the notes: restores what the cache knew, lists the notes, reads those changed since,
 * forgets those gone, and rebuilds once at the end. Texts read on the way are held within a budget for
 * matching at the end.
 */
export class FirstWalk {
  /** Every note, once listed and once the cache has been restored: only notes known to neither are searched. */
  readonly files: Promise<NoteFile[]>;
  private listed: (files: NoteFile[]) => void = () => undefined;
  /** The notes as the cache restored them, until the walk says which still exist. */
  private readonly restored = new Map<string, NoteState>();
  /** Characters of the closed notes' texts held for matching at the end of the walk. */
  private heldTextChars = 0;

  constructor(
    private readonly parts: WalkParts,
    private readonly options: IndexingOptions,
  ) {
    this.files = new Promise<NoteFile[]>((resolve) => (this.listed = resolve));
  }

  async run(): Promise<void> {
    const { workspace, store, loader, cache, linkGraph, progress } = this.parts;
    const options = this.options;
    // The cache is read while the folders are walked: one waits on the disk, the other on the CPU.
    const listing = workspace.listNotes();
    this.parts.entityMaps.ownRepositories = await this.readOwnRepositories();
    const cached = await cache?.load();
    // Requests are answered from what the last run knew while the walk finds out what changed since.
    if (cached?.size) await this.restoreEverything(cached);
    const files = await listing;
    this.listed(files);
    linkGraph.rememberExisting(workspace.attachments());
    progress.total = files.length;
    const parsedBefore = loader.parsedCount;
    await forEachConcurrently(files, options.concurrency ?? 2, async (file) => {
      if (options.cancellation?.isCancellationRequested) return;
      const state = store.get(file.uri);
      if (state?.open) await this.stampIfAsOnDisk(file, state);
      else if (!(state?.stamp && isUnchanged(state.stamp, file))) {
        await loader.load(file.uri, file, cached?.get(file.uri));
        this.holdTextWithinBudget(file.uri, options.textBudgetChars ?? WALK_TEXT_BUDGET_CHARS);
      }
      progress.indexed++;
      options.onProgress?.(progress.indexed, progress.total);
    });
    // Every note is parsed: the parser's threads and their heaps need not wait for their idle timeout.
    this.parts.parser.releaseIdle?.();
    const gone = this.forgetUnlisted(files);
    if (cached)
      this.parts.logger.info(
        `index cache ${cache?.location}: ${files.length - (loader.parsedCount - parsedBefore)} of ${files.length} notes unchanged`,
      );
    await this.parts.rebuild([...files.map((file) => file.uri), ...gone]);
  }

  /** Lets whoever waits for the listing go on, when the walk ends before it listed the notes. */
  end(): void {
    this.listed([]);
  }

  private async readOwnRepositories(): Promise<ReadonlySet<string>> {
    const remotes = await this.parts.workspace.ownRepositories().catch(() => []);
    const keys = remotes
      .map((remote) => identityOfRemote(remote)?.key)
      .filter((key): key is string => key !== undefined && !key.startsWith('url:'));
    if (keys.length) this.parts.logger.info(`links into ${keys.join(', ')} are the notes' own repository: they define no entity`);
    return new Set(keys);
  }

  /** Every cached note, before the walk says which still hold; listeners hear of them after the walk. */
  private async restoreEverything(cached: ReadonlyMap<string, CachedNote>): Promise<void> {
    for (const [uri, entry] of cached) {
      this.parts.store.restore(uri, entry, entry.stamp);
      const state = this.parts.store.get(uri);
      if (state) this.restored.set(uri, state);
    }
    await this.parts.rebuild([...cached.keys()], true);
  }

  /** A note opened before the walk reached it: when the editor shows what the disk holds, it may go to the cache. */
  private async stampIfAsOnDisk(file: NoteFile, state: NoteState): Promise<void> {
    if (state.stamp || file.mtimeMs === undefined || state.text === undefined) return;
    const bytes = await this.parts.workspace.readNote(file.uri).catch(() => undefined);
    if (!bytes || this.parts.store.get(file.uri) !== state || hashBytes(bytes) !== hashBytes(state.text)) return;
    state.stamp = finish(stampSteps(bytes, file.mtimeMs));
    this.parts.markUnsaved();
  }

  /**
   * Mentions are found once every name is known, when the walk ends. Texts read until then are held up to a
   * budget, beyond which they are read again at the end: all held, the texts of a large vault would be the
   * biggest part of the index's memory.
   */
  private holdTextWithinBudget(uri: string, budget: number): void {
    const state = this.parts.store.get(uri);
    if (!state || state.open || state.text === undefined) return;
    if (this.heldTextChars + state.text.length > budget) letGoOfText(state);
    else this.heldTextChars += state.text.length;
  }

  /**
   * Notes the cache had but the walk did not find: deleted, or excluded by the settings since. Only those the
   * cache restored and nothing replaced since: a note created on disk while the walk ran was never listed,
   * yet the file event that brought it in is newer than the listing.
   */
  private forgetUnlisted(files: readonly NoteFile[]): string[] {
    const listed = new Set(files.map((file) => file.uri));
    const gone = [...this.restored].filter(([uri, state]) => !listed.has(uri) && this.parts.store.get(uri) === state && !state.open);
    for (const [uri] of gone) this.parts.store.forget(uri);
    return gone.map(([uri]) => uri);
  }
}
