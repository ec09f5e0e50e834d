import type { MarginaliaConfig } from '../config';
import { decodeNote, decodeNoteInSlices, type DecodedNote } from '../parse/decode';
import type { EntityCandidate, HeadingFact, LinkFact, NoteFacts, Position, Range } from '../parse/facts';
import { parseJsonInSlices } from '../parse/jsonInSlices';
import { LineMap } from '../parse/lineMap';
import type { NoteParser } from '../parse/noteParser';
import { isPacked, packedBytes, packFacts, unpackFacts, type PackedFacts, type ParsedFacts } from '../parse/packedFacts';
import { emptyFacts, describeError } from '../parse/parseNote';
import { arxivIdOf, githubRefOf, githubSlug, identityOf, identityOfRemote } from '../entities/identity';
import { linkSummaryOf, type NoteLinkSummary } from '../parse/links/linkSummary';
import type { Logger, NoteFile, NotesWorkspace } from '../workspace/notesWorkspace';
import { bytePatternOf, definitionLikelihood, searchTermAt, SUREST_DEFINITION_SCORE } from './earlyNames';
import { buildEntities, type Entity } from './entityTable';
import { forEachConcurrently } from './forEachConcurrently';
import { hashBytes, hashInSlices, isStored, parsedFacts, stampInSlices, stampOf, type StoredFacts, type CachedNote, type DiskStamp, type EntityLinkSite, type IndexCache } from './indexCache';
import { LinkGraph } from './linkGraph';
import { MentionMatcher } from './mentionMatcher';
import { orderByContext } from './mentionContext';
import { NoteMentions, type MentionOwners } from './noteMentions';
import { pauseEvery } from './pauses';

export interface Location {
  uri: string;
  range: Range;
}

/** What quick fixes, wiki links and symbols need of another note: its headings and title. */
export interface NoteOutline {
  title?: string;
  headings: HeadingFact[];
}

interface NoteState {
  /**
   * Open notes' facts as objects; a closed note's as JSON bytes (in memory or in the cache file), parsed
   * when a feature asks and kept only among the recently used (see `factsOf`).
   */
  facts: NoteFacts | StoredFacts;
  entities: EntityCandidate[];
  /** Kept for every note, so that the link graph and other notes' link checks never need a closed note's facts. */
  links: NoteLinkSummary;
  /** Read from the facts the first time another note's link needs it, and kept. */
  outline?: NoteOutline;
  /** Kept for open notes; a closed note's text is dropped once its mentions are found, and read again when names change. */
  text?: string;
  lines: LineMap;
  mentions: NoteMentions;
  entityLinks: EntityLinkSite[];
  /** Hash of the matcher signature that found `mentions` and `entityLinks`; any other means finding them again. */
  matchedWith: string;
  /** Set while an open editor owns the text: disk changes are ignored until it closes. */
  open: boolean;
  /** What the disk said of the note when the facts were read from it; none for an editor's unsaved text. */
  stamp?: DiskStamp;
}

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

export interface FileChange {
  uri: string;
  deleted: boolean;
}

/** How long the cache waits after the last change before it is written: a burst of changes costs one write. */
const CACHE_SAVE_DELAY_MS = 2000;
/** Notes read at once when texts must be read again. */
const READ_CONCURRENCY = 16;
/** Texts of closed notes held during a walk, in UTF-16 characters (16 M: 32 MB at most). */
const WALK_TEXT_BUDGET_CHARS = 16 * 1024 * 1024;
/**
 * Closed notes whose facts stay parsed after use: one request or one note's link check asks for the same
 * facts several times in a row, and other notes' links need only their outlines. Kept few, so that a
 * whole-vault check's facts die young instead of piling up in the old generation; all 10,000 notes' facts
 * of a large vault as objects would be the biggest part of the server's memory.
 */
const RECENT_FACTS = 32;
/**
 * Notes longer than this (in characters) are matched, and their facts read from JSON, a slice at a time,
 * so that a note of tens of megabytes never holds requests up for long.
 */
const LARGE_NOTE_CHARS = 1_000_000;
/** Notes searched between two turns of the event loop when looking for a name early. */
const SEARCH_SLICE = 250;
/** Notes parsed out of turn for one name looked up early: the most likely definitions first, in growing batches. */
const EARLY_BATCHES = [4, 12, 24];

/** The first walk over the notes, while it lasts: what it will read, and the names looked up out of turn meanwhile. */
interface Walk {
  /** Every note, once listed and once the cache has been restored: only notes known to neither are searched. */
  files: Promise<NoteFile[]>;
  listed(files: NoteFile[]): void;
  lookups: Map<string, Promise<void>>;
  /** Lookups run one at a time: each reads through the notes not yet read. */
  queue: Promise<void>;
  /** Characters of the closed notes' texts held for matching at the end of the walk. */
  heldTextChars: number;
}

/** Why a note is missing from the index or indexed empty. */
export interface NoteFailure {
  kind: 'unreadable' | 'unparsed';
  reason: string;
}

/**
 * The notes index: facts per note, the merged entity table, the mention matcher, and maps that answer
 * every request by lookup. It is rebuilt note by note as notes change; no request scans the workspace.
 * With a cache, notes unchanged on disk since the last run are restored instead of parsed.
 */
export class NotesIndex {
  private readonly notes = new Map<string, NoteState>();
  private entities = new Map<string, Entity>();
  private entityList: Entity[] = [];
  /** Entities by identity key, for links: a link shows the card of the entity its target identifies. */
  private entityByIdentity = new Map<string, Entity>();
  /** Identities of the repositories the notes themselves live in: links into them describe no project. */
  private ownRepositories: ReadonlySet<string> = new Set();
  /**
   * Notes naming each entity, each once; where in them is read from their mentions when asked, as it seldom
   * is. Arrays rather than sets: a warm start fills them for every note, and arrays fill twice as fast.
   */
  private notesByEntity = new Map<string, string[]>();
  private linksByEntity = new Map<string, Location[]>();
  private matcherSignature = MentionMatcher.signatureOf([]);
  private matcherHash = hashBytes(this.matcherSignature);
  /** Built when some note needs matching: a warm start restores every note's mentions and never needs it. */
  private matcher?: MentionMatcher;
  /** The matcher signature hash the per-entity maps were built with. */
  private mapsMatchedWith = '';
  private readonly listeners: Array<(uris: string[]) => void> = [];
  private indexed = 0;
  private total = 0;
  private rebuilding: Promise<void> = Promise.resolve();
  private cacheDirty = false;
  private cacheTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private walk?: Walk;
  /** Parsed facts of recently used closed notes, least recently used first. */
  private readonly recentFacts = new Map<string, { state: NoteState; facts: NoteFacts }>();
  /** Which files notes link to and whether they exist; updated with the notes. */
  readonly linkGraph: LinkGraph;
  /** Notes left out of the index, or indexed empty, because they could not be read or parsed. */
  private readonly failedNotes = new Map<string, NoteFailure>();
  /** Notes being read again because their cached facts were damaged. */
  private readonly repairs = new Set<Promise<void>>();

  constructor(
    private readonly workspace: NotesWorkspace,
    private readonly parser: NoteParser,
    private readonly config: MarginaliaConfig,
    private readonly logger: Logger,
    private readonly cache?: IndexCache,
  ) {
    this.linkGraph = new LinkGraph(workspace.folders, (uri) => workspace.exists(uri), (uri) => this.notes.get(uri)?.links);
  }

  /** Indexes every note of the workspace, reporting progress; returns early when cancelled. */
  async indexWorkspace(options: IndexingOptions = {}): Promise<void> {
    let listed: (files: NoteFile[]) => void = () => undefined;
    const files = new Promise<NoteFile[]>((resolve) => (listed = resolve));
    const walk: Walk = { files, listed, lookups: new Map(), queue: Promise.resolve(), heldTextChars: 0 };
    this.walk = walk;
    try {
      await this.walkNotes(walk, options);
    } finally {
      walk.listed([]);
      if (this.walk === walk) this.walk = undefined;
    }
  }

  private async walkNotes(walk: Walk, options: IndexingOptions): Promise<void> {
    // The cache is read while the folders are walked: one waits on the disk, the other on the CPU.
    const listing = this.workspace.listNotes();
    this.ownRepositories = await this.readOwnRepositories();
    const cached = await this.cache?.load();
    // Requests are answered from what the last run knew while the walk finds out what changed since.
    if (cached?.size) await this.restoreEverything(cached);
    const files = await listing;
    walk.listed(files);
    this.linkGraph.rememberExisting(this.workspace.attachments());
    this.total = files.length;
    const parsedBefore = this.parsedCount;
    await forEachConcurrently(files, options.concurrency ?? 2, async (file) => {
      if (options.cancellation?.isCancellationRequested) return;
      const state = this.notes.get(file.uri);
      if (state?.open) await this.stampIfAsOnDisk(file, state);
      else if (!(state?.stamp && isUnchanged(state.stamp, file))) {
        await this.loadFromDisk(file.uri, file, cached?.get(file.uri));
        this.holdTextWithinBudget(walk, file.uri, options.textBudgetChars ?? WALK_TEXT_BUDGET_CHARS);
      }
      this.indexed++;
      options.onProgress?.(this.indexed, this.total);
    });
    // Every note is parsed: the parser's threads and their heaps need not wait for their idle timeout.
    this.parser.releaseIdle?.();
    const gone = this.forgetUnlisted(files);
    if (cached) this.logger.info(`index cache ${this.cache?.location}: ${files.length - (this.parsedCount - parsedBefore)} of ${files.length} notes unchanged`);
    await this.rebuild([...files.map((file) => file.uri), ...gone]);
  }

  private async readOwnRepositories(): Promise<ReadonlySet<string>> {
    const remotes = await this.workspace.ownRepositories().catch(() => []);
    const keys = remotes.map((remote) => identityOfRemote(remote)?.key).filter((key): key is string => key !== undefined && !key.startsWith('url:'));
    if (keys.length) this.logger.info(`links into ${keys.join(', ')} are the notes' own repository: they define no entity`);
    return new Set(keys);
  }

  /** Notes parsed rather than restored, for the log. */
  private parsedCount = 0;

  /** Every cached note, before the walk says which still hold; listeners hear of them after the walk. */
  private async restoreEverything(cached: ReadonlyMap<string, CachedNote>): Promise<void> {
    for (const [uri, entry] of cached) this.restore(uri, entry, entry.stamp);
    await this.rebuild([...cached.keys()], true);
  }

  /** A note opened before the walk reached it: when the editor shows what the disk holds, it may go to the cache. */
  private async stampIfAsOnDisk(file: NoteFile, state: NoteState): Promise<void> {
    if (state.stamp || file.mtimeMs === undefined || state.text === undefined) return;
    const bytes = await this.workspace.readNote(file.uri).catch(() => undefined);
    if (!bytes || this.notes.get(file.uri) !== state || hashBytes(bytes) !== hashBytes(state.text)) return;
    state.stamp = stampOf(bytes, file.mtimeMs);
    this.cacheDirty = true;
  }

  /** Notes the cache had but the walk did not find: deleted, or excluded by the settings since. */
  private forgetUnlisted(files: readonly NoteFile[]): string[] {
    const listed = new Set(files.map((file) => file.uri));
    const gone = this.noteUris().filter((uri) => !listed.has(uri) && !this.notes.get(uri)?.open);
    for (const uri of gone) this.forget(uri);
    return gone;
  }

  get progress(): { indexed: number; total: number } {
    return { indexed: this.indexed, total: this.total };
  }

  /** Whether the walk over the notes is still going: counts of mentions are partial until it ends. */
  get isIndexing(): boolean {
    return this.walk !== undefined;
  }

  /**
   * While the notes are still being read, the name at a position may be defined in a note not read yet.
   * The notes that contain the word under the cursor are parsed first, likeliest definitions first, and the
   * names known so far are matched in the open notes: a hover in a vault of any size answers in a moment
   * rather than once every note is parsed. The only request that reads through notes, and only until the
   * walk is over; each word is looked up once.
   */
  async revealNameAt(uri: string, position: Position): Promise<void> {
    const walk = this.walk;
    const state = this.notes.get(uri);
    const answered = () => Boolean(this.entitiesAt(uri, position)?.entities.length);
    if (!walk || state?.text === undefined || answered()) return;
    const term = this.termToSearchAt(uri, state, position)?.toLowerCase();
    if (!term) return;
    let lookup = walk.lookups.get(term);
    if (!lookup) {
      lookup = walk.queue.then(() => this.parseLikelyDefinitions(walk, term, answered));
      walk.queue = lookup.catch(() => undefined);
      walk.lookups.set(term, lookup);
    }
    await lookup;
  }

  /** On a link, what a note defining the linked repository or paper contains; elsewhere, the word under the cursor. */
  private termToSearchAt(uri: string, state: NoteState, position: Position): string | undefined {
    const link = this.factsOf(uri, state).links.find((candidate) => contains(candidate.range, position));
    if (!link) return searchTermAt(state.text ?? '', state.lines.offsetAt(position));
    const github = githubRefOf(link.target);
    return arxivIdOf(link.target) ?? (github?.repo ? githubSlug(github) : undefined);
  }

  private async parseLikelyDefinitions(walk: Walk, term: string, answered: () => boolean): Promise<void> {
    // The walk may have read the defining note already: its names are not matched until the walk is over.
    await this.matchOpenNotesEarly(walk);
    if (answered()) return;
    // Notes where the term stands on a definition-shaped line with a repository or paper link are parsed
    // as soon as the search finds them, while it reads on: the answer need not wait for the whole search.
    const struck = new Set<string>();
    const strikes: Array<Promise<boolean>> = [];
    const strike = (file: NoteFile) => {
      if (struck.size >= EARLY_BATCHES[0]) return;
      struck.add(file.uri);
      strikes.push(this.firstToAnswer(walk, [file], term, answered));
    };
    const candidates = await this.notesContaining(walk, bytePatternOf(term), answered, strike);
    await Promise.all(strikes);
    if (answered()) return;
    let from = 0;
    for (const size of EARLY_BATCHES) {
      const batch = candidates.slice(from, from + size).filter((file) => !this.notes.has(file.uri) && !struck.has(file.uri));
      from += size;
      if (this.walk !== walk || batch.length === 0) return;
      if (await this.firstToAnswer(walk, batch, term, answered)) return;
    }
  }

  /**
   * Parses a batch out of turn and matches the open notes after each note: the answer comes with the first
   * note that holds it, not with the slowest of the batch. The rest of the batch is parsed all the same.
   * Only a note whose candidates contain the term rebuilds the entity table, which costs more as the walk goes on.
   */
  private firstToAnswer(walk: Walk, batch: readonly NoteFile[], term: string, answered: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      let pending = batch.length;
      for (const file of batch) {
        void this.loadFromDisk(file.uri, file, undefined, true)
          .then(() => (this.candidatesContain(file.uri, term) ? this.matchOpenNotesEarly(walk) : undefined))
          .catch((error) => this.logger.warn(`${file.uri}: ${describeError(error)}`))
          .then(() => {
            pending--;
            if (answered()) resolve(true);
            else if (pending === 0) resolve(false);
          });
      }
    });
  }

  /** Whether some entity candidate of the note names, aliases or links the (lower-case) term. */
  private candidatesContain(uri: string, term: string): boolean {
    const entities = this.notes.get(uri)?.entities;
    return Boolean(entities?.length) && JSON.stringify(entities).toLowerCase().includes(term);
  }

  /**
   * Notes not read yet that contain a term, likeliest definitions first; read in slices so requests go on
   * meanwhile. Each note as sure to define the term as a note can look is handed to `onSurest` as soon as it
   * is found; the search stops early once `answered`.
   */
  private async notesContaining(walk: Walk, term: RegExp, answered: () => boolean, onSurest: (file: NoteFile) => void): Promise<NoteFile[]> {
    const files = await walk.files;
    // A large note would be read here at once, and parsing it out of turn would answer no sooner than the walk.
    const limit = Math.min(this.config.maxFileSizeMB * 1024 * 1024, LARGE_NOTE_CHARS);
    const found: Array<{ file: NoteFile; score: number }> = [];
    for (let from = 0; from < files.length && this.walk === walk && !answered(); from += SEARCH_SLICE) {
      for (const file of files.slice(from, from + SEARCH_SLICE)) {
        if (this.notes.has(file.uri) || (file.size ?? 0) > limit) continue;
        const bytes = this.workspace.readNoteBlocking(file.uri);
        const score = bytes ? definitionLikelihood(bytes, term) : -1;
        if (score >= 0) found.push({ file, score });
        if (score >= SUREST_DEFINITION_SCORE) onSurest(file);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Small notes first among equals: they are parsed at once, in this thread.
    return found.sort((a, b) => b.score - a.score || (a.file.size ?? 0) - (b.file.size ?? 0)).map(({ file }) => file);
  }

  /**
   * The names of the notes read so far, matched in the open notes only: closed notes are matched once,
   * when the walk is over. Runs between rebuilds, never during one.
   */
  private matchOpenNotesEarly(walk: Walk): Promise<void> {
    const run = this.rebuilding.then(() => {
      if (this.walk !== walk) return;
      const before = this.matcherHash;
      this.rebuildEntities();
      if (this.matcherHash === before) return;
      // The per-entity maps now hold mentions found with other names: the rebuild after the walk redoes them all.
      this.mapsMatchedWith = '';
      for (const [uri, state] of this.notes) {
        if (!state.open) continue;
        this.removeEntriesOf(uri, state);
        this.match(uri, state);
        this.addEntriesOf(uri, state);
      }
    });
    this.rebuilding = run.catch(() => undefined);
    return run;
  }

  /** An editor opened or changed a note: its text wins over the disk until it closes. */
  async setOpenText(uri: string, text: string): Promise<void> {
    // Edits queued behind a long parse all read the editor's latest text: the first reads it, the rest find it read.
    const current = this.notes.get(uri);
    if (current?.open && current.text === text) return;
    if (this.openAsIndexed(uri, text)) return this.rebuild([uri]);
    const facts = await this.parseSafely(uri, text);
    const stamp = this.notes.get(uri)?.stamp;
    // Opening a note does not change it: facts of text equal to the disk's may still go to the cache.
    this.store(uri, facts, text, true, stamp && !this.failedNotes.has(uri) && hashBytes(text) === stamp.hash ? stamp : undefined);
    await this.rebuild([uri]);
  }

  /**
   * Opening a note whose text is what its facts were read from (the cache restored it, or the walk read it)
   * needs no parse and no matching: right after a start, the first hover in it waits for neither the
   * parser nor the building of the mention matcher.
   */
  private openAsIndexed(uri: string, text: string): boolean {
    const previous = this.notes.get(uri);
    if (!previous || previous.open || !previous.stamp || hashBytes(text) !== previous.stamp.hash) return false;
    this.remember(uri);
    this.notes.set(uri, { ...previous, text, lines: new LineMap(text), open: true });
    return true;
  }

  async closeNote(uri: string): Promise<void> {
    const state = this.notes.get(uri);
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
    if (changed.size) await this.rebuild([...changed, ...others]);
    else if (others.size) for (const listener of this.listeners) listener([...others]);
  }

  private async reloadFromDisk(uri: string, changed: Set<string>, others: Set<string>): Promise<void> {
    const state = this.notes.get(uri);
    if (state?.open) return;
    if (!this.workspace.isNote(uri)) {
      // A folder created or moved in brings its notes; any other file only matters to the links pointing at it.
      const inside = (await this.workspace.listNotesUnder(uri)).filter((note) => !this.notes.get(note.uri)?.open);
      for (const note of inside) await this.loadFromDisk(note.uri, note);
      for (const note of inside) changed.add(note.uri);
      others.add(uri);
      return;
    }
    const file = await this.workspace.statNote(uri);
    // Closing an unchanged note, or an event that changed nothing, costs no parse.
    if (file && state?.stamp && isUnchanged(state.stamp, file)) return;
    await this.loadFromDisk(uri, file ?? { uri });
    changed.add(uri);
  }

  private removeFromDisk(uri: string, changed: Set<string>, others: Set<string>): void {
    const removed = this.noteUris().filter((note) => note === uri || note.startsWith(`${uri}/`));
    for (const note of removed) this.forget(note);
    for (const note of removed) changed.add(note);
    if (!removed.includes(uri)) others.add(uri);
  }

  onDidChange(listener: (uris: string[]) => void): void {
    this.listeners.push(listener);
  }

  facts(uri: string): NoteFacts | undefined {
    const state = this.notes.get(uri);
    return state && this.factsOf(uri, state);
  }

  /** A note's headings and title, for quick fixes, wiki links and symbols: read from its facts once, then kept. */
  outline(uri: string): NoteOutline | undefined {
    const state = this.notes.get(uri);
    if (!state) return undefined;
    if (!isStored(state.facts)) return state.facts;
    return (state.outline ??= outlineOf(this.factsOf(uri, state)));
  }

  /** The lower-cased `#fragment`s a note answers to, held for every note: no facts are read. */
  anchors(uri: string): readonly string[] | undefined {
    return this.notes.get(uri)?.links.anchors;
  }

  /** Whether the index holds the note (reading none of its facts). */
  has(uri: string): boolean {
    return this.notes.has(uri);
  }

  lineMap(uri: string): LineMap | undefined {
    return this.notes.get(uri)?.lines;
  }

  /** The text the facts were read from; only notes open in an editor keep theirs. */
  text(uri: string): string | undefined {
    return this.notes.get(uri)?.text;
  }

  /**
   * Makes `text(uri)` available for a closed note (quick fixes asked by a client that did not open it), until
   * the next rebuild drops it again; false when the disk no longer holds the text the facts were read from.
   */
  async loadText(uri: string): Promise<boolean> {
    const state = this.notes.get(uri);
    if (!state || state.text !== undefined) return state !== undefined;
    const text = await this.readTextOf(uri, state);
    if (text !== undefined && this.notes.get(uri) === state) {
      state.text = text;
      state.lines = new LineMap(text);
    }
    return state.text !== undefined;
  }

  /**
   * A note's facts. Those of a closed note are parsed from their JSON when asked and kept among the recently
   * used; an open note's stay parsed until it closes.
   */
  private factsOf(uri: string, state: NoteState): NoteFacts {
    if (!isStored(state.facts)) return state.facts;
    const recent = this.recentlyParsed(uri, state);
    if (recent) return recent;
    let facts: NoteFacts;
    try {
      facts = parsedFacts(state.facts);
    } catch (error) {
      return this.damagedFacts(uri, state, error);
    }
    return this.keepParsed(uri, state, facts);
  }

  /**
   * A note's facts, as `facts` gives them, except that a large note's are parsed from their JSON a slice at
   * a time, requests answered in between.
   */
  async factsInSlices(uri: string): Promise<NoteFacts | undefined> {
    const state = this.notes.get(uri);
    if (!state) return undefined;
    if (!isStored(state.facts) || !isLarge(state)) return this.factsOf(uri, state);
    const recent = this.recentlyParsed(uri, state);
    if (recent) return recent;
    let facts: NoteFacts;
    try {
      facts = (await parseJsonInSlices(state.facts.bytes(), pauseEvery())) as unknown as NoteFacts;
    } catch (error) {
      return this.notes.get(uri) === state ? this.damagedFacts(uri, state, error) : this.factsInSlices(uri);
    }
    // The note changed while its old facts were read: the new ones are wanted.
    return this.notes.get(uri) === state ? this.keepParsed(uri, state, facts) : this.factsInSlices(uri);
  }

  /** Whether the note is long enough to be matched and have its facts parsed a slice at a time. */
  isLarge(uri: string): boolean {
    const state = this.notes.get(uri);
    return state !== undefined && isLarge(state);
  }

  private recentlyParsed(uri: string, state: NoteState): NoteFacts | undefined {
    const recent = this.recentFacts.get(uri);
    if (recent?.state !== state) return undefined;
    this.recentFacts.delete(uri);
    this.recentFacts.set(uri, recent);
    return recent.facts;
  }

  /** Keeps facts just parsed: for good while the note is open, else among the recently used. */
  private keepParsed(uri: string, state: NoteState, facts: NoteFacts): NoteFacts {
    state.outline ??= outlineOf(facts);
    if (state.open) {
      state.facts = facts;
      return facts;
    }
    this.recentFacts.delete(uri);
    this.recentFacts.set(uri, { state, facts });
    if (this.recentFacts.size > RECENT_FACTS) this.recentFacts.delete(this.recentFacts.keys().next().value!);
    return facts;
  }

  /** Damaged on disk since the start: the note is read again from the notes folder. */
  private damagedFacts(uri: string, state: NoteState, error: unknown): NoteFacts {
    this.logger.warn(`index cache: ${uri}: ${describeError(error)}; reading the note again`);
    state.facts = { ...emptyFacts(uri), entities: state.entities };
    state.stamp = undefined;
    const repair = this.applyFileChanges([{ uri, deleted: false }]);
    this.repairs.add(repair);
    void repair.finally(() => this.repairs.delete(repair));
    return state.facts;
  }

  /**
   * Resolves once every note whose cached facts were found damaged has been read again from its note;
   * says how many were. Until then such a note answers with empty facts: a check must look again.
   */
  async repaired(): Promise<number> {
    let count = 0;
    while (this.repairs.size) {
      const pending = [...this.repairs];
      count += pending.length;
      await Promise.all(pending.map((repair) => repair.catch(() => undefined)));
      for (const repair of pending) this.repairs.delete(repair);
    }
    return count;
  }

  noteUris(): string[] {
    return [...this.notes.keys()];
  }

  /** The notes that could not be read or parsed, and why: a check must not pass over them in silence. */
  failures(): ReadonlyMap<string, NoteFailure> {
    return this.failedNotes;
  }

  allEntities(): Entity[] {
    return this.entityList;
  }

  entity(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  /**
   * Entities named at a position, the one meant first: a mention of a name or alias, or a link to an
   * entity's repository or paper. A link says which thing is meant, so its entity leads even where a
   * mention of a shared name covers the position; otherwise the note around the mention decides.
   */
  entitiesAt(uri: string, position: Position): { entities: Entity[]; range: Range } | undefined {
    const state = this.notes.get(uri);
    if (!state) return undefined;
    const mention = state.mentions.covering(state.lines.offsetAt(position));
    const link = this.factsOf(uri, state).links.find((candidate) => contains(candidate.range, position));
    const linked = link ? this.entityLinkedBy(link.target) : undefined;
    const named = mention ? this.namedByContext(mention, uri, position) : [];
    const entities = linked ? [linked, ...named.filter((entity) => entity.id !== linked.id)] : named;
    const range = mention ? state.lines.rangeOf(mention.start, mention.end) : link?.range;
    return entities.length && range ? { entities, range } : undefined;
  }

  /** The entities a mention names, the likeliest meant first (see `orderByContext`). */
  private namedByContext(owners: MentionOwners, uri: string, position: Position): Entity[] {
    const exactCount = owners.exactCount ?? owners.entityIds.length;
    const candidates = owners.entityIds.flatMap((id, rank) => {
      const entity = this.entities.get(id);
      return entity ? [{ entity, id, exact: rank < exactCount, summary: entity.summary, sites: entity.sites, notesMentioning: this.noteCountMentioning(id) }] : [];
    });
    return orderByContext(candidates, { uri, position }).map(({ entity }) => entity);
  }

  entityLinkedBy(url: string): Entity | undefined {
    const identity = identityOf(url);
    return identity && this.entityByIdentity.get(identity.key);
  }

  /** Every place a note names the entity, definitions included. */
  mentionsOf(entityId: string): Location[] {
    const locations: Location[] = [];
    for (const uri of this.notesByEntity.get(entityId) ?? []) {
      const state = this.notes.get(uri);
      if (!state) continue;
      const { mentions, lines } = state;
      for (let index = 0; index < mentions.length; index++) {
        if (mentions.ownersAt(index).entityIds.includes(entityId)) locations.push({ uri, range: lines.rangeOf(mentions.startAt(index), mentions.endAt(index)) });
      }
    }
    return locations;
  }

  /** Every link to the entity's repository or paper. */
  linksTo(entityId: string): Location[] {
    return this.linksByEntity.get(entityId) ?? [];
  }

  /** Number of distinct notes that name the entity. */
  noteCountMentioning(entityId: string): number {
    return this.notesByEntity.get(entityId)?.length ?? 0;
  }

  /** Stops a pending cache write (an index replaced after a settings change); what it would write is lost. */
  dispose(): void {
    clearTimeout(this.cacheTimer);
    this.cacheTimer = undefined;
    this.cacheDirty = false;
  }

  /** Writes the cache now if anything changed since it was last written (at shutdown, at the end of a CLI run). */
  async flushCache(): Promise<void> {
    clearTimeout(this.cacheTimer);
    this.cacheTimer = undefined;
    if (this.cacheDirty) this.saveCache();
    await this.saving;
  }

  private scheduleCacheSave(): void {
    if (!this.cache || !this.cacheDirty || this.cacheTimer) return;
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      this.saveCache();
    }, CACHE_SAVE_DELAY_MS);
    this.cacheTimer.unref?.();
  }

  private saveCache(): void {
    const cache = this.cache;
    if (!cache) return;
    this.cacheDirty = false;
    const entries: Array<[string, CachedNote]> = [];
    for (const [uri, state] of this.notes) {
      if (!state.stamp || state.matchedWith !== this.matcherHash) continue;
      const { stamp, facts, entities, links, mentions, entityLinks, matchedWith, lines } = state;
      entries.push([uri, { stamp, facts, entities, links, mentions, entityLinks, matchedWith, lineStarts: lines.lineStarts, textLength: lines.textLength }]);
    }
    this.saving = this.saving.then(() => cache.save(entries));
  }

  /** Reads a note; restores it from the cache instead of parsing when the disk still says what the cache says. */
  private async loadFromDisk(uri: string, file: NoteFile, cached?: CachedNote, urgent = false): Promise<void> {
    const limit = this.config.maxFileSizeMB * 1024 * 1024;
    if (file.size !== undefined && file.size > limit) {
      this.skip(uri, `${formatSize(file.size)} exceeds marginalia.maxFileSizeMB (${this.config.maxFileSizeMB} MB)`);
      return;
    }
    if (cached && isUnchanged(cached.stamp, file)) return this.restore(uri, cached, cached.stamp);
    let bytes: Uint8Array;
    try {
      bytes = await this.workspace.readNote(uri);
    } catch (error) {
      this.skip(uri, `could not read it: ${describeError(error)}`);
      this.failedNotes.set(uri, { kind: 'unreadable', reason: `could not read it: ${describeError(error)}` });
      return;
    }
    if (bytes.length > limit) {
      this.skip(uri, `${formatSize(bytes.length)} exceeds marginalia.maxFileSizeMB (${this.config.maxFileSizeMB} MB)`);
      return;
    }
    const stamp = file.mtimeMs === undefined ? undefined : await stampFor(bytes, file.mtimeMs);
    // Touched but not changed (a checkout, a sync tool): the cached facts still hold.
    if (cached && stamp && stamp.hash === cached.stamp.hash) return this.restore(uri, cached, stamp);
    const decoded = await decodeFor(bytes);
    if (!decoded.ok) {
      this.skip(uri, decoded.reason);
      return;
    }
    for (const problem of decoded.problems) this.logger.warn(`${uri}: ${problem}`);
    this.parsedCount++;
    const facts = await this.parseSafely(uri, decoded.text, urgent);
    // A note that could not be parsed is not cached: the next start tries it again, and says so again.
    this.store(uri, facts, decoded.text, false, this.failedNotes.has(uri) ? undefined : stamp);
  }

  private restore(uri: string, cached: CachedNote, stamp: DiskStamp): void {
    // An editor's text arrived while the disk was read: it wins.
    if (this.notes.get(uri)?.open) return;
    this.remember(uri);
    const lines = LineMap.fromLineStarts(cached.lineStarts, cached.textLength);
    const { facts, entities, links, mentions, entityLinks, matchedWith } = cached;
    this.notes.set(uri, { facts, entities, links, lines, mentions, entityLinks, matchedWith, open: false, stamp });
    if (stamp !== cached.stamp) this.cacheDirty = true;
  }

  private async parseSafely(uri: string, text: string, urgent = false): Promise<ParsedFacts> {
    try {
      const facts = await this.parser.parse(uri, text, { urgent });
      for (const problem of facts.problems) this.logger.warn(`${uri}: ${problem}`);
      this.failedNotes.delete(uri);
      return facts;
    } catch (error) {
      this.logger.error(`${uri}: ${describeError(error)}; the note is left out of the index`);
      this.failedNotes.set(uri, { kind: 'unparsed', reason: describeError(error) });
      return { ...emptyFacts(uri), problems: [describeError(error)] };
    }
  }

  private skip(uri: string, reason: string): void {
    this.logger.warn(`skipped ${uri}: ${reason}`);
    this.forget(uri);
  }

  private store(uri: string, parsed: ParsedFacts, text: string, open: boolean, stamp: DiskStamp | undefined): void {
    const previous = this.notes.get(uri);
    if (!open && previous?.open) return;
    this.remember(uri);
    const facts = !isPacked(parsed) ? parsed : open ? unpackFacts(parsed) : storedInMemory(parsed);
    const links = isPacked(parsed) ? parsed.links : linkSummaryOf(parsed);
    const lines = isPacked(parsed) && parsed.lineStarts ? LineMap.withLineStarts(text, parsed.lineStarts) : new LineMap(text);
    this.notes.set(uri, { facts, entities: parsed.entities, links, text, lines, mentions: NoteMentions.none, entityLinks: [], matchedWith: '', open, stamp });
    // Opening a note leaves what the cache holds of it as it was.
    if (stamp && stamp !== previous?.stamp) this.cacheDirty = true;
  }

  private forget(uri: string): void {
    this.failedNotes.delete(uri);
    this.remember(uri);
    if (this.notes.delete(uri)) this.cacheDirty = true;
  }

  /** The state of each note changed since the last rebuild, as it was before (undefined: the note is new). */
  private readonly replaced = new Map<string, NoteState | undefined>();

  private remember(uri: string): void {
    if (!this.replaced.has(uri)) this.replaced.set(uri, this.notes.get(uri));
  }

  /** Rebuilds run one after another: one may wait for texts to be read while notes keep changing. */
  private rebuild(changed: string[], provisional = false): Promise<void> {
    const run = this.rebuilding.then(() => (provisional ? this.rebuildProvisionally(changed) : this.rebuildNow(changed)));
    this.rebuilding = run.catch(() => undefined);
    return run;
  }

  /**
   * Rebuilds the entity table, then brings mentions and links up to date. When no name, alias or
   * entity link changed (most edits), only the changed notes are matched again and their entries in the
   * per-entity maps replaced, so an edit costs the size of the note, not of the vault.
   */
  private async rebuildNow(changed: string[]): Promise<void> {
    if (!this.candidatesUnchanged()) this.rebuildEntities();
    for (let missing = this.notesToMatchWithoutText(); missing.length; missing = this.notesToMatchWithoutText()) {
      await this.readTexts(missing);
      // Notes that changed while texts were read may have changed names too: those matched already are read again.
      if (!this.candidatesUnchanged()) this.rebuildEntities();
    }
    for (const [uri, state] of this.notes) if (isLarge(state) && this.needsMatching(state)) await this.matchInSlices(uri, state);
    // Notes that change from here on, while all notes are matched a slice at a time, are the next rebuild's.
    const replaced = new Map(this.replaced);
    this.replaced.clear();
    if (this.mapsMatchedWith !== this.matcherHash) await this.rematchEverything(replaced);
    else for (const [uri, previous] of replaced) this.rematchNote(uri, previous);
    this.dropClosedTexts();
    for (const uri of changed) this.linkGraph.update(uri);
    for (const listener of this.listeners) listener(changed);
    this.scheduleCacheSave();
  }

  /**
   * The entity table and maps from the cache as it stands, before the walk: mentions are taken as the
   * cache has them, even where a note the walk has not read yet would change a name. Matching them
   * again here would read every note twice whenever one note is missing from the cache; the final
   * rebuild after the walk matches whatever the real names require.
   */
  private rebuildProvisionally(changed: string[]): void {
    if (!this.candidatesUnchanged()) this.rebuildEntities();
    this.notesByEntity = new Map();
    this.linksByEntity = new Map();
    for (const [uri, state] of this.notes) this.addEntriesOf(uri, state);
    // When the cache was whole, its mentions are those of these names already: the final rebuild has nothing to redo.
    this.mapsMatchedWith = [...this.notes.values()].every((state) => !this.needsMatching(state)) ? this.matcherHash : '';
    this.replaced.clear();
    for (const uri of changed) this.linkGraph.update(uri);
  }

  /** Merges every note's candidates into the entity table; a new matcher is due when names, aliases or entity links changed. */
  private rebuildEntities(): void {
    const entities = buildEntities([...this.notes].map(([uri, state]) => [uri, state.entities] as const), this.ownRepositories);
    this.entityList = entities;
    this.entities = new Map(entities.map((entity) => [entity.id, entity]));
    this.entityByIdentity = new Map();
    for (const entity of entities) for (const key of entity.identities) this.entityByIdentity.set(key, entity);
    const signature = MentionMatcher.signatureOf(entities);
    if (signature === this.matcherSignature) return;
    this.matcherSignature = signature;
    this.matcherHash = hashBytes(signature);
    this.matcher = undefined;
  }

  /** Whether every changed note still defines exactly the same entity candidates, at the same places. */
  private candidatesUnchanged(): boolean {
    if (this.entities.size === 0 && this.notes.size > 0) return false;
    for (const [uri, previous] of this.replaced) {
      const current = this.notes.get(uri);
      if (!previous || !current || JSON.stringify(previous.entities) !== JSON.stringify(current.entities)) return false;
    }
    return true;
  }

  private needsMatching(state: NoteState): boolean {
    return state.matchedWith !== this.matcherHash;
  }

  private notesToMatchWithoutText(): Array<[string, NoteState]> {
    return [...this.notes].filter(([, state]) => this.needsMatching(state) && state.text === undefined);
  }

  /**
   * Names changed, or the walk dropped the texts: closed notes are read again and matched as each is read, then
   * let go of their text again (a note changed meanwhile is parsed again).
   */
  private async readTexts(missing: ReadonlyArray<[string, NoteState]>): Promise<void> {
    await forEachConcurrently(missing, READ_CONCURRENCY, async ([uri, state]) => {
      const text = await this.readTextOf(uri, state);
      if (this.notes.get(uri) !== state) return;
      if (text === undefined) {
        await this.loadFromDisk(uri, (await this.workspace.statNote(uri)) ?? { uri });
        return;
      }
      state.text = text;
      if (isLarge(state)) await this.matchInSlices(uri, state);
      else this.match(uri, state);
      if (!state.open) letGoOfText(state);
    });
  }

  /**
   * Mentions are found once every name is known, when the walk ends. Texts read until then are held up to a
   * budget, beyond which they are read again at the end: all held, the texts of a large vault would be the
   * biggest part of the index's memory.
   */
  private holdTextWithinBudget(walk: Walk, uri: string, budget: number): void {
    const state = this.notes.get(uri);
    if (!state || state.open || state.text === undefined) return;
    if (walk.heldTextChars + state.text.length > budget) letGoOfText(state);
    else walk.heldTextChars += state.text.length;
  }

  /** The note's text as the disk holds it, if that is still the text its facts were read from. */
  private async readTextOf(uri: string, state: NoteState): Promise<string | undefined> {
    const bytes = await this.workspace.readNote(uri).catch(() => undefined);
    if (!bytes || (state.stamp && (await hashFor(bytes)) !== state.stamp.hash)) return undefined;
    const decoded = await decodeFor(bytes);
    return decoded.ok ? decoded.text : undefined;
  }

  /**
   * Matches every note that needs it and fills the per-entity maps anew: seconds for a large vault, so in
   * slices, with requests answered in between from the maps as they were until the new ones are whole.
   */
  private async rematchEverything(replaced: ReadonlyMap<string, NoteState | undefined>): Promise<void> {
    const pause = pauseEvery();
    const maps = { notesByEntity: new Map<string, string[]>(), linksByEntity: new Map<string, Location[]>() };
    for (const [uri, state] of this.notes) {
      this.match(uri, state, replaced.get(uri));
      addEntries(maps, uri, state);
      await pause();
    }
    // Notes changed during a pause were matched by then all the same: they are in the maps as they are now.
    ({ notesByEntity: this.notesByEntity, linksByEntity: this.linksByEntity } = maps);
    this.mapsMatchedWith = this.matcherHash;
  }

  private rematchNote(uri: string, previous: NoteState | undefined): void {
    if (previous) this.removeEntriesOf(uri, previous);
    const state = this.notes.get(uri);
    if (!state) return;
    this.match(uri, state, previous);
    this.addEntriesOf(uri, state);
  }

  /** Finds the note's mentions and entity links; `previous` is its state before the changes being rebuilt. */
  private match(uri: string, state: NoteState, previous = this.replaced.get(uri)): void {
    if (!this.needsMatching(state)) return;
    if (state.text === undefined) {
      this.logger.warn(`${uri}: its text could not be read again, so its mentions are not found`);
      return;
    }
    const facts = this.factsOf(uri, state);
    const matcher = (this.matcher ??= new MentionMatcher(this.entityList, this.matcherSignature));
    this.matched(state, previous, matcher.find(state.text, facts.opaqueRanges, uri), facts.links.map((link) => this.entityLinkSite(link)));
  }

  /**
   * `match` for a large note, a slice at a time. Done before the rebuild that would match it at once, so
   * that rebuild finds it matched; when the note or the names change meanwhile, the rebuild matches it.
   */
  private async matchInSlices(uri: string, state: NoteState): Promise<void> {
    if (state.text === undefined) return;
    const facts = await this.factsInSlices(uri);
    const matcher = (this.matcher ??= new MentionMatcher(this.entityList, this.matcherSignature));
    if (!facts || this.notes.get(uri) !== state || state.text === undefined) return;
    const pause = pauseEvery();
    const mentions = await matcher.findInSlices(state.text, facts.opaqueRanges, pause, uri);
    const sites: Array<EntityLinkSite | undefined> = [];
    for (const link of facts.links) {
      sites.push(this.entityLinkSite(link));
      if (sites.length % 1000 === 0) await pause();
    }
    if (this.notes.get(uri) === state && this.matcher === matcher) this.matched(state, this.replaced.get(uri), mentions, sites);
  }

  private entityLinkSite(link: LinkFact): EntityLinkSite | undefined {
    const entity = this.entityLinkedBy(link.target);
    return entity && { entityId: entity.id, range: link.range };
  }

  private matched(state: NoteState, previous: NoteState | undefined, mentions: NoteMentions, sites: ReadonlyArray<EntityLinkSite | undefined>): void {
    // A note opened without changes is matched again to the same mentions: the cache need not be written for it.
    const asCached = state.stamp !== undefined && previous?.stamp === state.stamp && previous.matchedWith === this.matcherHash;
    state.mentions = mentions;
    state.entityLinks = sites.filter((site): site is EntityLinkSite => site !== undefined);
    state.matchedWith = this.matcherHash;
    if (state.stamp && !asCached) this.cacheDirty = true;
  }

  /** Closed notes keep only their facts: the texts of a large vault would double the index's memory. */
  private dropClosedTexts(): void {
    for (const state of this.notes.values()) if (!state.open && state.text !== undefined && !this.needsMatching(state)) letGoOfText(state);
  }

  private addEntriesOf(uri: string, state: NoteState): void {
    addEntries({ notesByEntity: this.notesByEntity, linksByEntity: this.linksByEntity }, uri, state);
  }

  private removeEntriesOf(uri: string, previous: NoteState): void {
    const ids = previous.mentions.entityIds();
    for (const link of previous.entityLinks) ids.add(link.entityId);
    for (const id of ids) {
      removeFrom(this.notesByEntity, id, (note) => note === uri);
      removeFrom(this.linksByEntity, id, (link) => link.uri === uri);
    }
  }
}

/** Whether the disk still says what it said when the stamp was taken; a racy stamp is only believed by its hash. */
function isUnchanged(stamp: DiskStamp, file: NoteFile): boolean {
  return !stamp.racy && stamp.size === file.size && stamp.mtimeMs === file.mtimeMs;
}


/** Adds a note's mentions and entity links to the per-entity maps. */
function addEntries(maps: { notesByEntity: Map<string, string[]>; linksByEntity: Map<string, Location[]> }, uri: string, state: NoteState): void {
  for (const id of state.mentions.entityIds()) appendTo(maps.notesByEntity, id, uri);
  for (const { entityId, range } of state.entityLinks) appendTo(maps.linksByEntity, entityId, { uri, range });
}

function appendTo<T>(map: Map<string, T[]>, key: string, entry: T): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function removeFrom<T>(map: Map<string, T[]>, key: string, isGone: (entry: T) => boolean): void {
  const kept = map.get(key)?.filter((entry) => !isGone(entry));
  if (kept?.length) map.set(key, kept);
  else map.delete(key);
}

export function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Drops a closed note's text, including the copy its line map holds, which would otherwise keep it alive. */
function letGoOfText(state: NoteState): void {
  state.text = undefined;
  state.lines = state.lines.withoutText();
}

/** Packed facts held by the index as the cache would hold them: the cache writes the same bytes. */
function storedInMemory(packed: PackedFacts): StoredFacts {
  const bytes = () => packedBytes(packed);
  return { stored: true, sha1: packed.sha1, bytes, rawBytes: bytes };
}

/** A file's stamp, hashed a slice at a time when it is large. */
function stampFor(bytes: Uint8Array, mtimeMs: number): Promise<DiskStamp> | DiskStamp {
  return bytes.length > LARGE_NOTE_CHARS ? stampInSlices(bytes, mtimeMs, pauseEvery()) : stampOf(bytes, mtimeMs);
}

function hashFor(bytes: Uint8Array): Promise<string> | string {
  return bytes.length > LARGE_NOTE_CHARS ? hashInSlices(bytes, pauseEvery()) : hashBytes(bytes);
}

/** A note's text, decoded a slice at a time when it is large. */
function decodeFor(bytes: Uint8Array): Promise<DecodedNote> | DecodedNote {
  return bytes.length > LARGE_NOTE_CHARS ? decodeNoteInSlices(bytes, pauseEvery()) : decodeNote(bytes);
}

function isLarge(state: NoteState): boolean {
  return state.lines.textLength > LARGE_NOTE_CHARS;
}

function outlineOf({ title, headings }: NoteFacts): NoteOutline {
  return { title, headings };
}
