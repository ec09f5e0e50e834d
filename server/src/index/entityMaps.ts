import type { LinkFact, Position, Range } from '../parse/facts';
import { identityOf } from '../entities/identity';
import { finish, pauseEvery, type Steps } from '../parse/steps';
import type { Logger } from '../workspace/notesWorkspace';
import { buildEntities, type Entity } from './entityTable';
import { hashBytes, type EntityLinkSite } from './indexCache';
import { MentionMatcher } from './mentionMatcher';
import { orderByContext } from './mentionContext';
import type { MentionOwners, MentionPlace, MentionQuery, NoteMentions } from './noteMentions';
import type { NoteFactsReader } from './noteFacts';
import type { Location, NoteState } from './noteState';
import type { NoteStore } from './noteStore';
import { contains } from './positions';

/** Links of a note looked up as entity links between two steps. */
const LINKS_PER_STEP = 1000;

/** The per-entity maps: which notes name each entity, and where notes link to it. */
interface EntityEntries {
  /**
   * Notes naming each entity, each once; where in them is read from their mentions when asked, as it seldom
   * is. Arrays rather than sets: a warm start fills them for every note, and arrays fill twice as fast.
   */
  notesByEntity: Map<string, string[]>;
  linksByEntity: Map<string, Location[]>;
}

/**
 * The entity table merged from every note's candidates, the mention matcher built from its names, each
 * note's mentions and entity links found with it, and the maps that answer per-entity questions by lookup.
 */
export class EntityMaps {
  private entities = new Map<string, Entity>();
  private entityList: Entity[] = [];
  /** Entities by identity key, for links: a link shows the card of the entity its target identifies. */
  private entityByIdentity = new Map<string, Entity>();
  /** The entities each note defines, each once: what the Entities view lists for the note in the editor. */
  private definedIn = new Map<string, Entity[]>();
  /** Identities of the repositories the notes themselves live in: links into them describe no project. */
  ownRepositories: ReadonlySet<string> = new Set();
  private entries: EntityEntries = { notesByEntity: new Map(), linksByEntity: new Map() };
  private matcherSignature = MentionMatcher.signatureOf([]);
  private currentMatcherHash = hashBytes(this.matcherSignature);
  /** Built when some note needs matching: a warm start restores every note's mentions and never needs it. */
  private matcher?: MentionMatcher;
  /** The matcher signature hash the per-entity maps were built with. */
  private mapsMatchedWith = '';

  constructor(
    private readonly store: NoteStore,
    private readonly facts: NoteFactsReader,
    private readonly logger: Logger,
    private readonly markUnsaved: () => void,
  ) {}

  /** Identifies the names the mentions are found with: a note matched with another hash is matched again. */
  get matcherHash(): string {
    return this.currentMatcherHash;
  }

  /** Whether the per-entity maps were filled with the current names. */
  get mapsUpToDate(): boolean {
    return this.mapsMatchedWith === this.currentMatcherHash;
  }

  /** Merges every note's candidates into the entity table; a new matcher is due when names, aliases or entity links changed. */
  rebuildEntities(): void {
    const entities = buildEntities(
      [...this.store.entries()].map(([uri, state]) => [uri, state.entities] as const),
      this.ownRepositories,
    );
    this.entityList = entities;
    this.entities = new Map(entities.map((entity) => [entity.id, entity]));
    this.entityByIdentity = new Map();
    for (const entity of entities) for (const key of entity.identities) this.entityByIdentity.set(key, entity);
    this.definedIn = definitionsByNote(entities);
    const signature = MentionMatcher.signatureOf(entities);
    if (signature === this.matcherSignature) return;
    this.matcherSignature = signature;
    this.currentMatcherHash = hashBytes(signature);
    this.matcher = undefined;
  }

  /** Whether every changed note still defines exactly the same entity candidates, at the same places. */
  candidatesUnchanged(): boolean {
    if (this.entities.size === 0 && this.store.size > 0) return false;
    for (const [uri, previous] of this.store.replacements()) {
      const current = this.store.get(uri);
      if (!previous || !current || JSON.stringify(previous.entities) !== JSON.stringify(current.entities)) return false;
    }
    return true;
  }

  needsMatching(state: NoteState): boolean {
    return state.matchedWith !== this.currentMatcherHash;
  }

  /**
   * Finds the note's mentions and entity links, as steps (see `steps.ts`): a large note's a slice at a time.
   * `previous` is its state before the changes being rebuilt. When the note or the names change while it is
   * matched in slices, nothing is kept: the rebuild that follows matches it again.
   */
  *matchSteps(uri: string, state: NoteState, previous?: NoteState): Steps<void> {
    if (!this.needsMatching(state)) return;
    const text = state.text;
    if (text === undefined) {
      this.logger.warn(`${uri}: its text could not be read again, so its mentions are not found`);
      return;
    }
    const facts = yield* this.facts.factsSteps(uri, state);
    const matcher = (this.matcher ??= new MentionMatcher(this.entityList, this.matcherSignature));
    const mentions = yield* matcher.mentionSteps(text, facts.opaqueRanges, uri);
    const sites: Array<EntityLinkSite | undefined> = [];
    for (const link of facts.links) {
      sites.push(this.entityLinkSite(link));
      if (sites.length % LINKS_PER_STEP === 0) yield;
    }
    if (this.store.get(uri) === state && this.matcher === matcher)
      this.matched(state, previous ?? this.store.replacedState(uri), mentions, sites);
  }

  /**
   * Matches every note that needs it and fills the per-entity maps anew: seconds for a large vault, so in
   * slices, with requests answered in between from the maps as they were until the new ones are whole.
   */
  async rematchEverything(replaced: ReadonlyMap<string, NoteState | undefined>): Promise<void> {
    const pause = pauseEvery();
    const entries: EntityEntries = { notesByEntity: new Map(), linksByEntity: new Map() };
    for (const [uri, state] of this.store.entries()) {
      finish(this.matchSteps(uri, state, replaced.get(uri)));
      addEntries(entries, uri, state);
      await pause();
    }
    // Notes changed during a pause were matched by then all the same: they are in the maps as they are now.
    this.entries = entries;
    this.mapsMatchedWith = this.currentMatcherHash;
  }

  /** Matches one changed note again and replaces its entries in the per-entity maps. */
  rematchNote(uri: string, previous: NoteState | undefined): void {
    if (previous) this.removeEntriesOf(uri, previous);
    const state = this.store.get(uri);
    if (!state) return;
    finish(this.matchSteps(uri, state, previous));
    addEntries(this.entries, uri, state);
  }

  /**
   * Fills the per-entity maps with the mentions the notes hold, as the cache had them. When every note was
   * matched with the current names, the maps are up to date; otherwise the next full rebuild redoes them.
   */
  fillFromHeldMentions(): void {
    this.entries = { notesByEntity: new Map(), linksByEntity: new Map() };
    for (const [uri, state] of this.store.entries()) addEntries(this.entries, uri, state);
    this.mapsMatchedWith = [...this.store.states()].every((state) => !this.needsMatching(state)) ? this.currentMatcherHash : '';
  }

  /**
   * The names of the notes read so far, matched in the open notes only: closed notes are matched once all
   * are read. The per-entity maps then hold mentions found with other names: the next rebuild redoes them all.
   */
  matchOpenNotesWithNamesSoFar(): void {
    const before = this.currentMatcherHash;
    this.rebuildEntities();
    if (this.currentMatcherHash === before) return;
    this.mapsMatchedWith = '';
    for (const [uri, state] of this.store.entries()) {
      if (!state.open) continue;
      this.removeEntriesOf(uri, state);
      finish(this.matchSteps(uri, state));
      addEntries(this.entries, uri, state);
    }
  }

  allEntities(): Entity[] {
    return this.entityList;
  }

  entity(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  /** The entities a note defines, in the order of the entity table. */
  entitiesDefinedIn(uri: string): readonly Entity[] {
    return this.definedIn.get(uri) ?? [];
  }

  entityLinkedBy(url: string): Entity | undefined {
    const identity = identityOf(url);
    return identity && this.entityByIdentity.get(identity.key);
  }

  /**
   * Entities named at a position, the one meant first: a mention of a name or alias, or a link to an
   * entity's repository or paper. A link says which thing is meant, so its entity leads even where a
   * mention of a shared name covers the position; otherwise the note around the mention decides.
   */
  entitiesAt(uri: string, position: Position): { entities: Entity[]; range: Range } | undefined {
    const state = this.store.get(uri);
    if (!state) return undefined;
    const mention = state.mentions.covering(state.lines.offsetAt(position));
    const link = finish(this.facts.factsSteps(uri, state)).links.find((candidate) => contains(candidate.range, position));
    const linked = link ? this.entityLinkedBy(link.target) : undefined;
    const named = mention ? this.namedByContext(mention, uri, position) : [];
    const entities = linked ? [linked, ...named.filter((entity) => entity.id !== linked.id)] : named;
    const range = mention ? state.lines.rangeOf(mention.start, mention.end) : link?.range;
    return entities.length && range ? { entities, range } : undefined;
  }

  /** Every place a note names the entity, definitions included. */
  mentionsOf(entityId: string): Location[] {
    const locations: Location[] = [];
    for (const uri of this.entries.notesByEntity.get(entityId) ?? []) {
      const state = this.store.get(uri);
      if (state) addPlacesNaming(locations, entityId, uri, state);
    }
    return locations;
  }

  /**
   * A note's mentions in order, those `query` asks for: the first that could overlap its range is found by a
   * binary search, so the work grows with the range (and the limit), not with the note.
   */
  mentionsIn(uri: string, { range, entityId, limit }: MentionQuery): MentionPlace[] {
    const state = this.store.get(uri);
    if (!state) return [];
    const { mentions, lines } = state;
    const end = range ? lines.offsetAt(range.end) : lines.textLength;
    const places: MentionPlace[] = [];
    for (let at = range ? mentions.firstEndingAfter(lines.offsetAt(range.start)) : 0; at < mentions.length; at++) {
      if (places.length >= limit || mentions.startAt(at) >= end) break;
      const { entityIds } = mentions.ownersAt(at);
      if (entityId === undefined || entityIds.includes(entityId))
        places.push({ range: lines.rangeOf(mentions.startAt(at), mentions.endAt(at)), entityIds });
    }
    return places;
  }

  /** Every link to the entity's repository or paper. */
  linksTo(entityId: string): Location[] {
    return this.entries.linksByEntity.get(entityId) ?? [];
  }

  /** Number of distinct notes that name the entity. */
  noteCountMentioning(entityId: string): number {
    return this.entries.notesByEntity.get(entityId)?.length ?? 0;
  }

  /** The entities a mention names, the likeliest meant first (see `orderByContext`). */
  private namedByContext(owners: MentionOwners, uri: string, position: Position): Entity[] {
    const exactCount = owners.exactCount ?? owners.entityIds.length;
    const candidates = owners.entityIds.flatMap((id, rank) => {
      const entity = this.entities.get(id);
      return entity
        ? [
            {
              entity,
              id,
              exact: rank < exactCount,
              summary: entity.summary,
              sites: entity.sites,
              notesMentioning: this.noteCountMentioning(id),
            },
          ]
        : [];
    });
    return orderByContext(candidates, { uri, position }).map(({ entity }) => entity);
  }

  private entityLinkSite(link: LinkFact): EntityLinkSite | undefined {
    const entity = this.entityLinkedBy(link.target);
    return entity && { entityId: entity.id, range: link.range };
  }

  private matched(
    state: NoteState,
    previous: NoteState | undefined,
    mentions: NoteMentions,
    sites: ReadonlyArray<EntityLinkSite | undefined>,
  ): void {
    // A note opened without changes is matched again to the same mentions: the cache need not be written for it.
    const asCached = state.stamp !== undefined && previous?.stamp === state.stamp && previous.matchedWith === this.currentMatcherHash;
    state.mentions = mentions;
    state.entityLinks = sites.filter((site): site is EntityLinkSite => site !== undefined);
    state.matchedWith = this.currentMatcherHash;
    if (state.stamp && !asCached) this.markUnsaved();
  }

  private removeEntriesOf(uri: string, previous: NoteState): void {
    const ids = previous.mentions.entityIds();
    for (const link of previous.entityLinks) ids.add(link.entityId);
    for (const id of ids) {
      removeFrom(this.entries.notesByEntity, id, (note) => note === uri);
      removeFrom(this.entries.linksByEntity, id, (link) => link.uri === uri);
    }
  }
}

function definitionsByNote(entities: readonly Entity[]): Map<string, Entity[]> {
  const byNote = new Map<string, Entity[]>();
  for (const entity of entities) for (const uri of new Set(entity.sites.map((site) => site.uri))) appendTo(byNote, uri, entity);
  return byNote;
}

/** Adds where in one note its mentions name the entity. */
function addPlacesNaming(locations: Location[], entityId: string, uri: string, { mentions, lines }: NoteState): void {
  for (let index = 0; index < mentions.length; index++) {
    if (mentions.ownersAt(index).entityIds.includes(entityId))
      locations.push({ uri, range: lines.rangeOf(mentions.startAt(index), mentions.endAt(index)) });
  }
}

/** Adds a note's mentions and entity links to the per-entity maps. */
function addEntries(entries: EntityEntries, uri: string, state: NoteState): void {
  for (const id of state.mentions.entityIds()) appendTo(entries.notesByEntity, id, uri);
  for (const { entityId, range } of state.entityLinks) appendTo(entries.linksByEntity, entityId, { uri, range });
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
