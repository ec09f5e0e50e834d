// Every entity's name and aliases, sorted once per rebuild of the entity table, so that the names
// starting with what is being typed are found by binary search rather than by a pass over the table.

import { normalizeName } from '../../entities/names';
import type { Entity } from '../../index/entityTable';
import type { NotesView } from '../../index/notesView';

export interface EntityName {
  /** `normalizeName` of the name: what a typed prefix is compared with. */
  key: string;
  /** The name or alias as the notes write it. */
  name: string;
  entity: Entity;
}

/** The most names one prefix may find before they are ranked: a prefix that finds more is too short to mean much. */
const MOST_PER_PREFIX = 2000;

const sortedNames = new WeakMap<readonly Entity[], EntityName[]>();

/** Names and aliases of every entity, sorted by key; the entity table's list is replaced whenever it is rebuilt. */
export function entityNames(index: NotesView): EntityName[] {
  const entities = index.allEntities();
  let names = sortedNames.get(entities);
  if (!names) sortedNames.set(entities, (names = sortedByKey(entities)));
  return names;
}

function sortedByKey(entities: readonly Entity[]): EntityName[] {
  const names: EntityName[] = [];
  for (const entity of entities) {
    const seen = new Set<string>();
    for (const name of [entity.name, ...entity.aliases]) {
      const key = normalizeName(name);
      if (key.length < 2 || seen.has(key)) continue;
      seen.add(key);
      names.push({ key, name, entity });
    }
  }
  return names.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The names whose key starts with the typed text (normalised as keys are), at most `MOST_PER_PREFIX`. */
export function namesStartingWith(names: readonly EntityName[], typed: string): EntityName[] {
  const prefix = normalizeName(typed);
  let low = 0;
  let high = names.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names[middle].key < prefix) low = middle + 1;
    else high = middle;
  }
  const found: EntityName[] = [];
  for (let index = low; index < names.length && found.length < MOST_PER_PREFIX && names[index].key.startsWith(prefix); index++)
    found.push(names[index]);
  return found;
}
