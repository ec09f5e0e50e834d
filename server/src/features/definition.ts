import type { Position, Range } from '../parse/facts';
import type { Location, NotesView } from '../index/notesView';

export interface Definitions {
  /** What names the entity at the position: exactly the mention (`Gemmini` of `利用Gemmini平台`), or the link to it. */
  origin: Range;
  /** Every site that defines it. */
  sites: Location[];
}

/** The sites defining the entity meant at a position: of several sharing a name, the one the hover shows. */
export function definitionsAt(index: NotesView, uri: string, position: Position): Definitions | undefined {
  const found = index.entitiesAt(uri, position);
  const meant = found?.entities[0];
  return found && meant ? { origin: found.range, sites: meant.sites.map((site) => ({ uri: site.uri, range: site.range })) } : undefined;
}
