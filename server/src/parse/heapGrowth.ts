import { setFlagsFromString } from 'node:v8';

/**
 * By default V8 lets the old generation grow to about twice what survived the last full collection
 * before it collects again. A whole-vault link check reads every note's facts and lets them go, so the
 * peak memory would be about twice what the index holds. A quarter more keeps the peak near it, at the
 * cost of more collection work, which is why it is set once the first indexing has parsed every note
 * rather than at start (the parse workers would collect more often too). V8 reads the setting at every
 * full collection, so setting it while the process runs takes effect.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=25');
}
