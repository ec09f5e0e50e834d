import type { Position } from '../parse/facts';
import type { Location, NotesIndex } from '../index/notesIndex';

/** Every site that defines the entity named at a position. */
export function definitionsAt(index: NotesIndex, uri: string, position: Position): Location[] {
  const found = index.entitiesAt(uri, position);
  if (!found) return [];
  return found.entities.flatMap((entity) => entity.sites.map((site) => ({ uri: site.uri, range: site.range })));
}
