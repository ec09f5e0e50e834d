// What the Entities view shows: the entities one note defines, and for one entity where it is defined and
// which notes mention it. Everything is looked up in the index's maps: the work grows with the note's
// definitions or the entity's mentions, never with the vault.
import type { Entity, EntitySite } from '../index/entityTable';
import type { Location, NotesView } from '../index/notesView';
import type { Position, Range } from '../parse/facts';
import { primaryFirst } from './entitySites';
import { referencesOf } from './references';

/** Places listed per note: a note naming an entity a thousand times is one row with a count, not a thousand. */
export const RANGES_PER_NOTE = 50;

export interface NoteMentioning {
  uri: string;
  count: number;
  ranges: Range[];
}

export interface EntityDetail {
  definitions: EntitySite[];
  notes: NoteMentioning[];
}

/** The entities a note defines, in the order the note defines them (by each one's first site there). */
export function entitiesDefinedIn(index: NotesView, uri: string): Entity[] {
  const firstSite = (entity: Entity) => entity.sites.find((site) => site.uri === uri)!.range.start;
  return [...index.entitiesDefinedIn(uri)].sort((a, b) => comparePositions(firstSite(a), firstSite(b)));
}

/** Where the entity is defined, richest description first, and the notes mentioning it outside those definitions. */
export function entityDetail(index: NotesView, entity: Entity, rangesPerNote = RANGES_PER_NOTE): EntityDetail {
  const mentions = referencesOf(index, entity, false).filter((location) => !onDefinitionLine(entity, location));
  return { definitions: primaryFirst(entity.sites), notes: byNote(mentions, rangesPerNote) };
}

/** A definition's own link (`- Gemmini: https://github.com/…`) is part of it, not a mention of it. */
function onDefinitionLine(entity: Entity, { uri, range }: Location): boolean {
  const line = range.start.line;
  return entity.sites.some((site) => site.uri === uri && site.range.start.line <= line && line <= site.range.end.line);
}

/** Locations grouped by note, most places first, then by path; each note's places in note order. */
function byNote(locations: readonly Location[], rangesPerNote: number): NoteMentioning[] {
  const groups = new Map<string, Range[]>();
  for (const { uri, range } of locations) {
    const ranges = groups.get(uri);
    if (ranges) ranges.push(range);
    else groups.set(uri, [range]);
  }
  return [...groups]
    .map(([uri, ranges]) => ({
      uri,
      count: ranges.length,
      ranges: ranges.sort((a, b) => comparePositions(a.start, b.start)).slice(0, rangesPerNote),
    }))
    .sort((a, b) => b.count - a.count || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export interface RelatedEntity {
  entity: Entity;
  /** How many of the notes mentioning the first entity mention this one too. */
  notes: number;
}

/** Notes read for the entities mentioned with one, most mentions first: a bound on the work for a name every note uses. */
export const RELATED_NOTES_READ = 200;
/** Mentions read per note for the same reason. */
const MENTIONS_READ = 5000;

/**
 * The entities mentioned in the notes that mention this one (its definitions' notes included), by the
 * number of such notes, most first: its neighbourhood for the entity graph.
 */
export function relatedEntities(index: NotesView, entity: Entity, limit = 12): RelatedEntity[] {
  const { definitions, notes } = entityDetail(index, entity, 0);
  const uris = [...new Set([...notes.map((note) => note.uri), ...definitions.map((site) => site.uri)])].slice(0, RELATED_NOTES_READ);
  const counts = new Map<string, number>();
  for (const uri of uris) {
    const named = new Set(index.mentionsIn(uri, { limit: MENTIONS_READ }).flatMap((place) => place.entityIds));
    for (const id of named) if (id !== entity.id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts]
    .flatMap(([id, count]) => {
      const other = index.entity(id);
      return other ? [{ entity: other, notes: count }] : [];
    })
    .sort((a, b) => b.notes - a.notes || a.entity.name.localeCompare(b.entity.name))
    .slice(0, limit);
}
