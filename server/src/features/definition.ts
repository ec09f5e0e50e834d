import type { Position } from '../parse/facts';
import type { Location, NotesView } from '../index/notesView';

/** Every site that defines the entity meant at a position: of several sharing a name, the one the hover shows. */
export function definitionsAt(index: NotesView, uri: string, position: Position): Location[] {
  const meant = index.entitiesAt(uri, position)?.entities[0];
  return meant ? meant.sites.map((site) => ({ uri: site.uri, range: site.range })) : [];
}
