import type { Entity } from '../index/entityTable';
import type { Position } from '../parse/facts';
import type { Location, NotesView } from '../index/notesView';
import { contains, insideStart } from '../index/positions';

/**
 * Every mention of and link to the entity meant at a position (of several sharing a name, the one the
 * hover shows); definitions only when asked for.
 */
export function referencesAt(index: NotesView, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const entity = index.entitiesAt(uri, position)?.entities[0];
  return entity ? referencesOf(index, entity, includeDeclaration) : [];
}

/** Every mention of and link to an entity (a mention of a name it shares, where it means this one). */
export function referencesOf(index: NotesView, entity: Entity, includeDeclaration: boolean): Location[] {
  const isDefinition = (location: Location) =>
    entity.sites.some((site) => site.uri === location.uri && contains(site.range, location.range.start));
  const mentions = mentionsMeaning(index, entity);
  // A link whose text already names the entity is one reference, not two.
  const links = index
    .linksTo(entity.id)
    .filter((link) => !mentions.some((mention) => mention.uri === link.uri && contains(link.range, mention.range.start)));
  const locations: Location[] = [];
  const seen = new Set<string>();
  for (const location of [...mentions, ...links]) {
    if (!includeDeclaration && isDefinition(location)) continue;
    const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    locations.push(location);
  }
  return locations;
}

/**
 * The mentions that mean the entity. A name it shares with another entity may mean the other one where
 * it is written, so there the hover's choice decides; that costs reading each note's links, so it is
 * done only for an entity that does share a name.
 */
function mentionsMeaning(index: NotesView, entity: Entity): Location[] {
  const mentions = index.mentionsOf(entity.id);
  if (!sharesAName(index, entity)) return mentions;
  return mentions.filter((mention) => index.entitiesAt(mention.uri, insideStart(mention.range))?.entities[0]?.id === entity.id);
}

/** Whether another entity answers to one of its names, ignoring case as long names are matched. */
function sharesAName(index: NotesView, entity: Entity): boolean {
  const names = new Set([entity.name, ...entity.aliases].map((name) => name.trim().toLowerCase()));
  return index
    .allEntities()
    .some((other) => other.id !== entity.id && [other.name, ...other.aliases].some((name) => names.has(name.trim().toLowerCase())));
}
