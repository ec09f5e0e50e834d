import type { EntitySite } from '../index/entityTable';

/** How much a note shape says about an entity: a card or a table row describes it, a paper link only names it. */
const SHAPE_RANK: Record<EntitySite['shape'], number> = {
  explicit: 0,
  'project-card': 1,
  'table-row': 2,
  'linked-heading': 3,
  'loose-list': 4,
  'list-record': 4,
  'paper-link': 5,
};

/** Sites with the most descriptive note shape first; notes and lines keep their order otherwise. */
export function primaryFirst(sites: readonly EntitySite[]): EntitySite[] {
  return [...sites].sort((a, b) => SHAPE_RANK[a.shape] - SHAPE_RANK[b.shape]);
}
