// Which candidates a typed prefix keeps, best first, and how many a list may hold. Editors filter again
// as the user types on; the server filters first so that a vault of 10,000 notes never sends them all.

/** The most items one answer holds; a longer list is cut and marked incomplete, so the editor asks again as the user types. */
export const MAX_ITEMS = 100;

/**
 * How well a key matches a query: lower is better, undefined for no match. Both lower-cased. One typed
 * character matches only at the start; more also match inside (`lm` in `megatron-lm`), or in order from
 * the first (`mlm` in `megatron-lm`), as editors' fuzzy filters accept them.
 */
export function matchScore(key: string, query: string): number | undefined {
  if (key.startsWith(query)) return 0;
  if (query.length < 2) return undefined;
  if (key.includes(query)) return 1;
  if (key[0] !== query[0]) return undefined;
  let from = 1;
  for (const c of query.slice(1)) {
    const found = key.indexOf(c, from);
    if (found < 0) return undefined;
    from = found + c.length;
  }
  return 2;
}

/** The candidates whose key matches the query, best match first and otherwise in the order given. */
export function ranked<T>(candidates: Iterable<T>, query: string, keyOf: (candidate: T) => string): T[] {
  if (!query) return [...candidates];
  const wanted = query.toLowerCase();
  const scored: Array<{ candidate: T; score: number; order: number }> = [];
  let order = 0;
  for (const candidate of candidates) {
    const score = matchScore(keyOf(candidate), wanted);
    if (score !== undefined) scored.push({ candidate, score, order: order++ });
  }
  return scored.sort((a, b) => a.score - b.score || a.order - b.order).map((entry) => entry.candidate);
}

/** The first `MAX_ITEMS` of a list, and whether any were left out. */
export function capped<T>(items: readonly T[], limit = MAX_ITEMS): { items: T[]; isIncomplete: boolean } {
  return items.length > limit ? { items: items.slice(0, limit), isIncomplete: true } : { items: [...items], isIncomplete: false };
}
