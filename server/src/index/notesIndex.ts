import type { MarginaliaConfig } from '../config';
import { decodeNote } from '../parse/decode';
import type { NoteFacts, Position, Range } from '../parse/facts';
import { LineMap } from '../parse/lineMap';
import type { NoteParser } from '../parse/noteParser';
import { emptyFacts, describeError } from '../parse/parseNote';
import { arxivIdOf, githubRefOf, githubSlug } from '../entities/linkKeys';
import type { Logger, NotesWorkspace } from '../workspace/notesWorkspace';
import { buildEntities, type Entity } from './entityTable';
import { LinkGraph } from './linkGraph';
import { MentionMatcher, type Mention } from './mentionMatcher';

export interface Location {
  uri: string;
  range: Range;
}

interface NoteState {
  facts: NoteFacts;
  text: string;
  lines: LineMap;
  mentions: Mention[];
  /** Set while an open editor owns the text: disk changes are ignored until it closes. */
  open: boolean;
}

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/**
 * The notes index: facts per note, the merged entity table, the mention matcher, and maps that answer
 * every request by lookup. It is rebuilt note by note as notes change; no request scans the workspace.
 */
export class NotesIndex {
  private readonly notes = new Map<string, NoteState>();
  private entities = new Map<string, Entity>();
  private entityByGithub = new Map<string, Entity>();
  private entityByArxiv = new Map<string, Entity>();
  private mentionsByEntity = new Map<string, Location[]>();
  private linksByEntity = new Map<string, Location[]>();
  private matcher = new MentionMatcher([]);
  private readonly listeners: Array<(uris: string[]) => void> = [];
  private indexed = 0;
  private total = 0;
  /** Which files notes link to and whether they exist; updated with the notes. */
  readonly linkGraph: LinkGraph;

  constructor(
    private readonly workspace: NotesWorkspace,
    private readonly parser: NoteParser,
    private readonly config: MarginaliaConfig,
    private readonly logger: Logger,
  ) {
    this.linkGraph = new LinkGraph(workspace.folders, (uri) => workspace.exists(uri));
  }

  /** Indexes every note of the workspace, reporting progress; returns early when cancelled. */
  async indexWorkspace(options: { cancellation?: Cancellation; onProgress?: (done: number, total: number) => void; concurrency?: number } = {}): Promise<void> {
    const files = await this.workspace.listNotes();
    this.linkGraph.rememberExisting(this.workspace.attachments());
    this.total = files.length;
    const queue = [...files];
    const worker = async (): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        if (options.cancellation?.isCancellationRequested) return;
        if (!this.notes.get(file.uri)?.open) await this.loadFromDisk(file.uri, file.size);
        this.indexed++;
        options.onProgress?.(this.indexed, this.total);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
    this.rebuild(files.map((file) => file.uri));
  }

  get progress(): { indexed: number; total: number } {
    return { indexed: this.indexed, total: this.total };
  }

  /** An editor opened or changed a note: its text wins over the disk until it closes. */
  async setOpenText(uri: string, text: string): Promise<void> {
    const facts = await this.parseSafely(uri, text);
    this.store(uri, facts, text, true);
    this.rebuild([uri]);
  }

  async closeNote(uri: string): Promise<void> {
    const state = this.notes.get(uri);
    if (state) state.open = false;
    await this.refreshFromDisk(uri);
  }

  /** A file was created or changed on disk. */
  async refreshFromDisk(uri: string): Promise<void> {
    if (this.notes.get(uri)?.open) return;
    if (!this.workspace.isNote(uri)) return this.folderOrFileChanged(uri);
    await this.loadFromDisk(uri);
    this.rebuild([uri]);
  }

  /** A folder created or moved in brings its notes; any other file only matters to the links pointing at it. */
  private async folderOrFileChanged(uri: string): Promise<void> {
    const inside = (await this.workspace.listNotesUnder(uri)).filter((note) => !this.notes.get(note.uri)?.open);
    if (inside.length === 0) return this.otherFileChanged(uri);
    for (const note of inside) await this.loadFromDisk(note.uri, note.size);
    this.linkGraph.fileChanged(uri);
    this.rebuild(inside.map((note) => note.uri));
  }

  /** A file or folder was deleted; a deleted folder takes its notes with it. */
  removeNote(uri: string): void {
    const removed = this.noteUris().filter((note) => note === uri || note.startsWith(`${uri}/`));
    for (const note of removed) this.forget(note);
    if (removed.length) {
      this.linkGraph.fileChanged(uri);
      this.rebuild(removed.includes(uri) ? removed : [uri, ...removed]);
    } else {
      this.otherFileChanged(uri);
    }
  }

  /** A file that is no note (an image, a PDF, a folder) appeared or vanished: notes linking to it must know. */
  private otherFileChanged(uri: string): void {
    this.linkGraph.fileChanged(uri);
    for (const listener of this.listeners) listener([uri]);
  }

  onDidChange(listener: (uris: string[]) => void): void {
    this.listeners.push(listener);
  }

  facts(uri: string): NoteFacts | undefined {
    return this.notes.get(uri)?.facts;
  }

  lineMap(uri: string): LineMap | undefined {
    return this.notes.get(uri)?.lines;
  }

  /** The text the facts were read from. */
  text(uri: string): string | undefined {
    return this.notes.get(uri)?.text;
  }

  noteUris(): string[] {
    return [...this.notes.keys()];
  }

  allEntities(): Entity[] {
    return [...this.entities.values()];
  }

  entity(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  /** Entities named at a position: a mention of a name or alias, or a link to an entity's repository or paper. */
  entitiesAt(uri: string, position: Position): { entities: Entity[]; range: Range } | undefined {
    const state = this.notes.get(uri);
    if (!state) return undefined;
    const offset = state.lines.offsetAt(position);
    const mention = mentionAt(state.mentions, offset);
    if (mention) {
      const entities = mention.entityIds.map((id) => this.entities.get(id)).filter((entity): entity is Entity => Boolean(entity));
      const text = state.text.slice(mention.start, mention.end);
      return { entities: preferExactName(entities, text), range: state.lines.rangeOf(mention.start, mention.end) };
    }
    const link = state.facts.links.find((candidate) => contains(candidate.range, position));
    const entity = link ? this.entityLinkedBy(link.target) : undefined;
    return entity && link ? { entities: [entity], range: link.range } : undefined;
  }

  entityLinkedBy(url: string): Entity | undefined {
    const arxiv = arxivIdOf(url);
    if (arxiv) return this.entityByArxiv.get(arxiv.toLowerCase());
    const github = githubRefOf(url);
    return github?.repo ? this.entityByGithub.get(githubSlug(github).toLowerCase()) : undefined;
  }

  /** Every place a note names the entity, definitions included. */
  mentionsOf(entityId: string): Location[] {
    return this.mentionsByEntity.get(entityId) ?? [];
  }

  /** Every link to the entity's repository or paper. */
  linksTo(entityId: string): Location[] {
    return this.linksByEntity.get(entityId) ?? [];
  }

  /** Number of distinct notes that name the entity. */
  noteCountMentioning(entityId: string): number {
    return new Set(this.mentionsOf(entityId).map((location) => location.uri)).size;
  }

  private async loadFromDisk(uri: string, knownSize?: number): Promise<void> {
    const limit = this.config.maxFileSizeMB * 1024 * 1024;
    if (knownSize !== undefined && knownSize > limit) {
      this.skip(uri, `${formatSize(knownSize)} exceeds marginalia.maxFileSizeMB (${this.config.maxFileSizeMB} MB)`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.workspace.readNote(uri);
    } catch (error) {
      this.skip(uri, `could not read it: ${describeError(error)}`);
      return;
    }
    if (bytes.length > limit) {
      this.skip(uri, `${formatSize(bytes.length)} exceeds marginalia.maxFileSizeMB (${this.config.maxFileSizeMB} MB)`);
      return;
    }
    const decoded = decodeNote(bytes);
    if (!decoded.ok) {
      this.skip(uri, decoded.reason);
      return;
    }
    for (const problem of decoded.problems) this.logger.warn(`${uri}: ${problem}`);
    const facts = await this.parseSafely(uri, decoded.text);
    this.store(uri, facts, decoded.text, false);
  }

  private async parseSafely(uri: string, text: string): Promise<NoteFacts> {
    try {
      const facts = await this.parser.parse(uri, text);
      for (const problem of facts.problems) this.logger.warn(`${uri}: ${problem}`);
      return facts;
    } catch (error) {
      this.logger.error(`${uri}: ${describeError(error)}; the note is left out of the index`);
      return { ...emptyFacts(uri), problems: [describeError(error)] };
    }
  }

  private skip(uri: string, reason: string): void {
    this.logger.warn(`skipped ${uri}: ${reason}`);
    this.forget(uri);
  }

  private store(uri: string, facts: NoteFacts, text: string, open: boolean): void {
    this.remember(uri);
    this.notes.set(uri, { facts, text, lines: new LineMap(text), mentions: [], open });
  }

  private forget(uri: string): void {
    this.remember(uri);
    this.notes.delete(uri);
  }

  /** The state of each note changed since the last rebuild, as it was before (undefined: the note is new). */
  private readonly replaced = new Map<string, NoteState | undefined>();

  private remember(uri: string): void {
    if (!this.replaced.has(uri)) this.replaced.set(uri, this.notes.get(uri));
  }

  /**
   * Rebuilds the entity table, then brings mentions and links up to date. When no name, alias or
   * entity link changed (most edits), only the changed notes are matched again and their entries in the
   * per-entity maps replaced, so an edit costs the size of the note, not of the vault.
   */
  private rebuild(changed: string[]): void {
    const namesChanged = !this.candidatesUnchanged() && this.rebuildEntities();
    if (namesChanged) this.rematchEverything();
    else for (const [uri, previous] of this.replaced) this.rematchNote(uri, previous);
    this.replaced.clear();
    for (const uri of changed) this.linkGraph.update(uri, this.notes.get(uri)?.facts);
    for (const listener of this.listeners) listener(changed);
  }

  /** Merges every note's candidates into the entity table; true when names, aliases or entity links changed. */
  private rebuildEntities(): boolean {
    const entities = buildEntities([...this.notes].map(([uri, state]) => [uri, state.facts.entities] as const));
    this.entities = new Map(entities.map((entity) => [entity.id, entity]));
    this.entityByGithub = new Map();
    this.entityByArxiv = new Map();
    for (const entity of entities) {
      if (entity.links.github?.includes('/')) this.entityByGithub.set(entity.links.github.toLowerCase(), entity);
      if (entity.links.arxiv) this.entityByArxiv.set(entity.links.arxiv.toLowerCase(), entity);
    }
    const signature = MentionMatcher.signatureOf(entities);
    if (signature === this.matcher.signature) return false;
    this.matcher = new MentionMatcher(entities, signature);
    return true;
  }

  /** Whether every changed note still defines exactly the same entity candidates, at the same places. */
  private candidatesUnchanged(): boolean {
    if (this.entities.size === 0 && this.notes.size > 0) return false;
    for (const [uri, previous] of this.replaced) {
      const current = this.notes.get(uri);
      if (!previous || !current || JSON.stringify(previous.facts.entities) !== JSON.stringify(current.facts.entities)) return false;
    }
    return true;
  }

  private rematchEverything(): void {
    this.mentionsByEntity = new Map();
    this.linksByEntity = new Map();
    for (const [uri, state] of this.notes) {
      state.mentions = this.matcher.find(state.text, state.facts.opaqueRanges);
      this.addEntriesOf(uri, state);
    }
  }

  private rematchNote(uri: string, previous: NoteState | undefined): void {
    if (previous) this.removeEntriesOf(uri, previous);
    const state = this.notes.get(uri);
    if (!state) return;
    state.mentions = this.matcher.find(state.text, state.facts.opaqueRanges);
    this.addEntriesOf(uri, state);
  }

  private addEntriesOf(uri: string, state: NoteState): void {
    for (const mention of state.mentions) {
      for (const id of mention.entityIds) appendTo(this.mentionsByEntity, id, { uri, range: state.lines.rangeOf(mention.start, mention.end) });
    }
    for (const link of state.facts.links) {
      const entity = this.entityLinkedBy(link.target);
      if (entity) appendTo(this.linksByEntity, entity.id, { uri, range: link.range });
    }
  }

  private removeEntriesOf(uri: string, previous: NoteState): void {
    const ids = new Set(previous.mentions.flatMap((mention) => mention.entityIds));
    for (const link of previous.facts.links) {
      const entity = this.entityLinkedBy(link.target);
      if (entity) ids.add(entity.id);
    }
    for (const id of ids) {
      for (const map of [this.mentionsByEntity, this.linksByEntity]) {
        const list = map.get(id);
        if (!list) continue;
        const kept = list.filter((location) => location.uri !== uri);
        if (kept.length) map.set(id, kept);
        else map.delete(id);
      }
    }
  }
}

function appendTo(map: Map<string, Location[]>, key: string, location: Location): void {
  const list = map.get(key);
  if (list) list.push(location);
  else map.set(key, [location]);
}

function mentionAt(mentions: Mention[], offset: number): Mention | undefined {
  let low = 0;
  let high = mentions.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const mention = mentions[mid];
    if (mention.end < offset) low = mid + 1;
    else if (mention.start > offset) high = mid - 1;
    else return mention;
  }
  return undefined;
}

/** When a name is shared, the entity called exactly that wins (`DeepSpeed` over `微软CNTK加速库、DeepSpeed`). */
function preferExactName(entities: Entity[], text: string): Entity[] {
  const exact = entities.filter((entity) => entity.name.toLowerCase() === text.toLowerCase());
  return exact.length ? exact : entities;
}

export function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
