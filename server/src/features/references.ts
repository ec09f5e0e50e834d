import type { Position } from '../parse/facts';
import { contains, type Location, type NotesIndex } from '../index/notesIndex';

/** Every mention of and link to the entity named at a position; definitions only when asked for. */
export function referencesAt(index: NotesIndex, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = index.entitiesAt(uri, position);
  if (!found) return [];
  const locations: Location[] = [];
  const seen = new Set<string>();
  for (const entity of found.entities) {
    const isDefinition = (location: Location) =>
      entity.sites.some((site) => site.uri === location.uri && contains(site.range, location.range.start));
    const mentions = index.mentionsOf(entity.id);
    // A link whose text already names the entity is one reference, not two.
    const links = index.linksTo(entity.id).filter((link) => !mentions.some((mention) => mention.uri === link.uri && contains(link.range, mention.range.start)));
    for (const location of [...mentions, ...links]) {
      if (!includeDeclaration && isDefinition(location)) continue;
      const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      locations.push(location);
    }
  }
  return locations;
}
