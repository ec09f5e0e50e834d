// The index's façade: it owns the one update queue and hands each job to its part (note store, loader,
// first walk, early lookup, entity maps, cache writer). A little over 400 lines because every change to
// the index passes through here in order, and splitting the queue from what it orders would hide that.
import type { MarginaliaConfig } from '../config';
import type { LostHeadingFact, NoteFacts, Position, Range } from '../parse/facts';
import { LineMap } from '../parse/lineMap';
import type { NoteParser } from '../parse/noteParser';
import { packFacts } from '../parse/packedFacts';
import { finish, inSlices, type Steps } from '../parse/steps';
import type { Logger, NotesWorkspace } from '../workspace/notesWorkspace';
import { cachedNotes, CacheWriter } from './cacheWriter';
import { EarlyLookup, type LookupParts } from './earlyLookup';
import { EntityMaps } from './entityMaps';
import type { Entity } from './entityTable';
import { FirstWalk, type IndexingOptions, type WalkParts } from './firstWalk';
import { forEachConcurrently } from './forEachConcurrently';
import { hashBytes, isStored, type IndexCache } from './indexCache';
import { LinkGraph } from './linkGraph';
import { NoteFactsReader } from './noteFacts';
import { isUnchanged, NoteLoader } from './noteLoader';
import { isLarge, letGoOfText, storedInMemory, type Location, type NoteOutline, type NoteState } from './noteState';
import type { MentionPlace, MentionQuery } from './noteMentions';
import { NoteStore, type NoteFailure } from './noteStore';
import type { NotesView } from './notesView';

export type { Cancellation, IndexingOptions } from './firstWalk';
export type { NoteFailure } from './noteStore';
export type { Location, NoteOutline } from './noteState';
export type { NotesView } from './notesView';
export { contains } from './positions';

export interface FileChange {
  uri: string;
  deleted: boolean;
}

/** The first walk over the notes while it lasts, with the names looked up out of turn meanwhile. */
interface CurrentWalk {
  walk: FirstWalk;
  early: EarlyLookup;
}

/** Notes read at once when texts must be read again. */
const READ_CONCURRENCY = 16;

/**
 * The notes index: facts per note, the merged entity table, the mention matcher, and maps that answer
 * every request by lookup. It is rebuilt note by note as notes change; no request scans the workspace.
 * With a cache, notes unchanged on disk since the last run are restored instead of parsed.
 *
 * This class is the façade over the index's parts (store, facts reader, loader, first walk, early lookup,
 * entity maps, cache writer): it takes the editor's and the disk's changes and owns the one update queue
 * that applies them, one rebuild after another.
 */
export class NotesIndex implements NotesView {
  private readonly cacheWriter: CacheWriter;
  private readonly store: NoteStore;
  private readonly factsReader: NoteFactsReader;
  private readonly loader: NoteLoader;
  private readonly entityMaps: EntityMaps;
  /** Which files notes link to and whether they exist; updated with the notes. */
  readonly linkGraph: LinkGraph;
  private readonly listeners: Array<(uris: string[]) => void> = [];
  private readonly counts = { indexed: 0, total: 0 };
  /** The update queue: rebuilds, and the early matching of open notes, run one after another. */
  private rebuilding: Promise<void> = Promise.resolve();
  private walk?: CurrentWalk;

  constructor(
    private readonly workspace: NotesWorkspace,
    private readonly parser: NoteParser,
    private readonly config: MarginaliaConfig,
    private readonly logger: Logger,
    private readonly cache?: IndexCache,
  ) {
    this.cacheWriter = new CacheWriter(cache, () => cachedNotes(this.store, this.entityMaps.matcherHash));
    const markUnsaved = () => this.cacheWriter.markUnsaved();
    this.store = new NoteStore(markUnsaved);
    this.factsReader = new NoteFactsReader(this.store, logger, (uri) => this.applyFileChanges([{ uri, deleted: false }]));
    this.loader = new NoteLoader(workspace, parser, config, logger, this.store);
    this.entityMaps = new EntityMaps(this.store, this.factsReader, logger, markUnsaved);
    this.linkGraph = new LinkGraph(
      workspace.folders,
      (uri) => workspace.exists(uri),
      (uri) => this.store.get(uri)?.links,
    );
  }

  /** Indexes every note of the workspace, reporting progress; returns early when cancelled. */
  async indexWorkspace(options: IndexingOptions = {}): Promise<void> {
    const walk = new FirstWalk(this.walkParts(), options);
    const current: CurrentWalk = { walk, early: new EarlyLookup(this.lookupParts(), walk, () => this.walk === current) };
    this.walk = current;
    try {
      await walk.run();
    } finally {
      walk.end();
      if (this.walk === current) this.walk = undefined;
    }
  }

  private walkParts(): WalkParts {
    const { workspace, parser, logger, cache, store, loader, entityMaps, linkGraph } = this;
    const markUnsaved = () => this.cacheWriter.markUnsaved();
    const rebuild = (changed: string[], provisional?: boolean) => this.rebuild(changed, provisional);
    return { workspace, parser, logger, cache, store, loader, entityMaps, linkGraph, markUnsaved, rebuild, progress: this.counts };
  }

  private lookupParts(): LookupParts {
    const { workspace, config, logger, store, loader, entityMaps } = this;
    return { workspace, config, logger, store, loader, entityMaps, facts: this.factsReader, enqueue: (work) => this.enqueue(work) };
  }

  get progress(): { indexed: number; total: number } {
    return { indexed: this.counts.indexed, total: this.counts.total };
  }

  /** Whether the walk over the notes is still going: counts of mentions are partial until it ends. */
  get isIndexing(): boolean {
    return this.walk !== undefined;
  }

  /** While the walk lasts, parses the notes likeliest to define the name at a position first (see `EarlyLookup`). */
  async revealNameAt(uri: string, position: Position): Promise<void> {
    await this.walk?.early.revealNameAt(uri, position);
  }

  /** An editor opened or changed a note: its text wins over the disk until it closes. */
  async setOpenText(uri: string, text: string): Promise<void> {
    // Edits queued behind a long parse all read the editor's latest text: the first reads it, the rest find it read.
    const current = this.store.get(uri);
    if (current?.open && current.text === text) return;
    if (this.openAsIndexed(uri, text)) return this.rebuild([uri]);
    const facts = await this.loader.parse(uri, text);
    const stamp = this.store.get(uri)?.stamp;
    // Opening a note does not change it: facts of text equal to the disk's may still go to the cache.
    this.store.store(uri, facts, text, true, stamp && !this.store.failures.has(uri) && hashBytes(text) === stamp.hash ? stamp : undefined);
    await this.rebuild([uri]);
  }

  /**
   * Opening a note whose text is what its facts were read from (the cache restored it, or the walk read it)
   * needs no parse and no matching: right after a start, the first hover in it waits for neither the
   * parser nor the building of the mention matcher.
   */
  private openAsIndexed(uri: string, text: string): boolean {
    const previous = this.store.get(uri);
    if (!previous || previous.open || !previous.stamp || hashBytes(text) !== previous.stamp.hash) return false;
    this.store.replace(uri, { ...previous, text, lines: new LineMap(text), open: true });
    return true;
  }

  async closeNote(uri: string): Promise<void> {
    const state = this.store.get(uri);
    if (state) {
      state.open = false;
      if (!isStored(state.facts)) state.facts = storedInMemory(packFacts(state.facts));
    }
    await this.refreshFromDisk(uri);
  }

  /** A file was created or changed on disk. */
  async refreshFromDisk(uri: string): Promise<void> {
    await this.applyFileChanges([{ uri, deleted: false }]);
  }

  /** A file or folder was deleted; a deleted folder takes its notes with it. */
  async removeNote(uri: string): Promise<void> {
    await this.applyFileChanges([{ uri, deleted: true }]);
  }

  /**
   * Files created, changed or deleted on disk, all at once: a `git checkout` of thousands of notes is
   * read in one pass and costs one rebuild of the entity table, not one per file.
   */
  async applyFileChanges(changes: readonly FileChange[]): Promise<void> {
    const changed = new Set<string>();
    const others = new Set<string>();
    for (const change of changes) if (change.deleted) this.removeFromDisk(change.uri, changed, others);
    const updated = changes.filter((change) => !change.deleted);
    await forEachConcurrently(updated, READ_CONCURRENCY, (change) => this.reloadFromDisk(change.uri, changed, others));
    for (const uri of others) this.linkGraph.fileChanged(uri);
    // A file that appeared is known at once, not only once a link names its path: `![[arch.png]]` names none.
    const appeared = updated.filter((change) => others.has(change.uri)).map((change) => change.uri);
    const existing = await Promise.all(appeared.map(async (uri) => ((await this.workspace.exists(uri)) ? uri : undefined)));
    this.linkGraph.rememberExisting(existing.filter((uri): uri is string => uri !== undefined));
    if (changed.size) await this.rebuild([...changed, ...others]);
    else if (others.size) for (const listener of this.listeners) listener([...others]);
  }

  private async reloadFromDisk(uri: string, changed: Set<string>, others: Set<string>): Promise<void> {
    const state = this.store.get(uri);
    if (state?.open) return;
    if (!this.workspace.isNote(uri)) {
      // A folder created or moved in brings its notes; any other file only matters to the links pointing at it.
      const inside = (await this.workspace.listNotesUnder(uri)).filter((note) => !this.store.get(note.uri)?.open);
      for (const note of inside) await this.loader.load(note.uri, note);
      for (const note of inside) changed.add(note.uri);
      others.add(uri);
      return;
    }
    const file = await this.workspace.statNote(uri);
    // Closing an unchanged note, or an event that changed nothing, costs no parse.
    if (file && state?.stamp && isUnchanged(state.stamp, file)) return;
    await this.loader.load(uri, file ?? { uri });
    changed.add(uri);
  }

  private removeFromDisk(uri: string, changed: Set<string>, others: Set<string>): void {
    const removed = this.store.uris().filter((note) => note === uri || note.startsWith(`${uri}/`));
    for (const note of removed) this.store.forget(note);
    for (const note of removed) changed.add(note);
    if (!removed.includes(uri)) others.add(uri);
  }

  onDidChange(listener: (uris: string[]) => void): void {
    this.listeners.push(listener);
  }

  facts(uri: string): NoteFacts | undefined {
    return finish(this.factsReader.currentFactsSteps(uri));
  }

  /** A note's headings and title, for quick fixes, wiki links and symbols: read from its facts once, then kept. */
  outline(uri: string): NoteOutline | undefined {
    const state = this.store.get(uri);
    return state && this.factsReader.outlineOf(uri, state);
  }

  /** The lower-cased `#fragment`s a note answers to, held for every note: no facts are read. */
  anchors(uri: string): readonly string[] | undefined {
    return this.store.get(uri)?.links.anchors;
  }

  /** Lines written as headings that are not, held for every note like its anchors: no facts are read. */
  lostHeadings(uri: string): readonly LostHeadingFact[] | undefined {
    return this.store.get(uri)?.links.lostHeadings;
  }

  /** Whether the index holds the note (reading none of its facts). */
  has(uri: string): boolean {
    return this.store.has(uri);
  }

  lineMap(uri: string): LineMap | undefined {
    return this.store.get(uri)?.lines;
  }

  /** The text the facts were read from; only notes open in an editor keep theirs. */
  text(uri: string): string | undefined {
    return this.store.get(uri)?.text;
  }

  /**
   * Makes `text(uri)` available for a closed note (quick fixes asked by a client that did not open it), until
   * the next rebuild drops it again; false when the disk no longer holds the text the facts were read from.
   */
  async loadText(uri: string): Promise<boolean> {
    const state = this.store.get(uri);
    if (!state || state.text !== undefined) return state !== undefined;
    const text = await this.loader.readTextOf(uri, state);
    if (text !== undefined && this.store.get(uri) === state) {
      state.text = text;
      state.lines = new LineMap(text);
    }
    return state.text !== undefined;
  }

  /** A note's facts, as `facts` gives them, as steps (see `steps.ts`): a large note's parsed from their JSON a slice at a time. */
  factsSteps(uri: string): Steps<NoteFacts | undefined> {
    return this.factsReader.currentFactsSteps(uri);
  }

  /** Whether the note is over a million characters long: work on it takes long enough to be done a slice at a time. */
  isLarge(uri: string): boolean {
    const state = this.store.get(uri);
    return state !== undefined && isLarge(state);
  }

  /**
   * Resolves once every note whose cached facts were found damaged has been read again from its note;
   * says how many were. Until then such a note answers with empty facts: a check must look again.
   */
  repaired(): Promise<number> {
    return this.factsReader.repaired();
  }

  noteUris(): string[] {
    return this.store.uris();
  }

  /** The notes that could not be read or parsed, and why: a check must not pass over them in silence. */
  failures(): ReadonlyMap<string, NoteFailure> {
    return this.store.failures;
  }

  allEntities(): Entity[] {
    return this.entityMaps.allEntities();
  }

  entity(id: string): Entity | undefined {
    return this.entityMaps.entity(id);
  }

  entitiesDefinedIn(uri: string): readonly Entity[] {
    return this.entityMaps.entitiesDefinedIn(uri);
  }

  /** Entities named at a position, the one meant first (see `EntityMaps.entitiesAt`). */
  entitiesAt(uri: string, position: Position): { entities: Entity[]; range: Range } | undefined {
    return this.entityMaps.entitiesAt(uri, position);
  }

  entityLinkedBy(url: string): Entity | undefined {
    return this.entityMaps.entityLinkedBy(url);
  }

  /** Every place a note names the entity, definitions included. */
  mentionsOf(entityId: string): Location[] {
    return this.entityMaps.mentionsOf(entityId);
  }

  mentionsIn(uri: string, query: MentionQuery): MentionPlace[] {
    return this.entityMaps.mentionsIn(uri, query);
  }

  /** Every link to the entity's repository or paper. */
  linksTo(entityId: string): Location[] {
    return this.entityMaps.linksTo(entityId);
  }

  /** Number of distinct notes that name the entity. */
  noteCountMentioning(entityId: string): number {
    return this.entityMaps.noteCountMentioning(entityId);
  }

  /** Stops a pending cache write (an index replaced after a settings change); what it would write is lost. */
  dispose(): void {
    this.cacheWriter.dispose();
  }

  /** Writes the cache now if anything changed since it was last written (at shutdown, at the end of a CLI run). */
  flushCache(): Promise<void> {
    return this.cacheWriter.flush();
  }

  /** Runs work on the update queue, after whatever is queued: one rebuild may wait for texts to be read while notes keep changing. */
  private enqueue(work: () => void | Promise<void>): Promise<void> {
    const run = this.rebuilding.then(work);
    this.rebuilding = run.catch(() => undefined);
    return run;
  }

  private rebuild(changed: string[], provisional = false): Promise<void> {
    return this.enqueue(() => (provisional ? this.rebuildProvisionally(changed) : this.rebuildNow(changed)));
  }

  /**
   * Rebuilds the entity table, then brings mentions and links up to date. When no name, alias or
   * entity link changed (most edits), only the changed notes are matched again and their entries in the
   * per-entity maps replaced, so an edit costs the size of the note, not of the vault.
   */
  private async rebuildNow(changed: string[]): Promise<void> {
    const maps = this.entityMaps;
    if (!maps.candidatesUnchanged()) maps.rebuildEntities();
    for (let missing = this.notesToMatchWithoutText(); missing.length; missing = this.notesToMatchWithoutText()) {
      await this.readTexts(missing);
      // Notes that changed while texts were read may have changed names too: those matched already are read again.
      if (!maps.candidatesUnchanged()) maps.rebuildEntities();
    }
    // Large notes are matched first, a slice at a time, so that the matching below, all at once, finds them matched.
    for (const [uri, state] of this.store.entries())
      if (isLarge(state) && maps.needsMatching(state) && state.text !== undefined) await inSlices(maps.matchSteps(uri, state));
    // Notes that change from here on, while all notes are matched a slice at a time, are the next rebuild's.
    const replaced = this.store.takeReplacements();
    if (!maps.mapsUpToDate) await maps.rematchEverything(replaced);
    else for (const [uri, previous] of replaced) maps.rematchNote(uri, previous);
    this.dropClosedTexts();
    for (const uri of changed) this.linkGraph.update(uri);
    for (const listener of this.listeners) listener(changed);
    this.cacheWriter.schedule();
  }

  /**
   * The entity table and maps from the cache as it stands, before the walk: mentions are taken as the
   * cache has them, even where a note the walk has not read yet would change a name. Matching them
   * again here would read every note twice whenever one note is missing from the cache; the final
   * rebuild after the walk matches whatever the real names require.
   */
  private rebuildProvisionally(changed: string[]): void {
    if (!this.entityMaps.candidatesUnchanged()) this.entityMaps.rebuildEntities();
    this.entityMaps.fillFromHeldMentions();
    this.store.takeReplacements();
    for (const uri of changed) this.linkGraph.update(uri);
  }

  private notesToMatchWithoutText(): Array<[string, NoteState]> {
    return [...this.store.entries()].filter(([, state]) => this.entityMaps.needsMatching(state) && state.text === undefined);
  }

  /**
   * Names changed, or the walk dropped the texts: closed notes are read again and matched as each is read, then
   * let go of their text again (a note changed meanwhile is parsed again).
   */
  private async readTexts(missing: ReadonlyArray<[string, NoteState]>): Promise<void> {
    await forEachConcurrently(missing, READ_CONCURRENCY, async ([uri, state]) => {
      const text = await this.loader.readTextOf(uri, state);
      if (this.store.get(uri) !== state) return;
      if (text === undefined) {
        await this.loader.load(uri, (await this.workspace.statNote(uri)) ?? { uri });
        return;
      }
      state.text = text;
      await inSlices(this.entityMaps.matchSteps(uri, state));
      if (!state.open) letGoOfText(state);
    });
  }

  /** Closed notes keep only their facts: the texts of a large vault would double the index's memory. */
  private dropClosedTexts(): void {
    for (const state of this.store.states())
      if (!state.open && state.text !== undefined && !this.entityMaps.needsMatching(state)) letGoOfText(state);
  }
}
