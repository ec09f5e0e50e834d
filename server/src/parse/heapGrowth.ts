import { setFlagsFromString } from 'node:v8';

/**
 * By default V8 lets the old generation grow to about twice what survived the last full collection
 * before it collects again. A whole-vault link check reads every note's facts and lets them go, so the
 * server's peak memory would be about twice its steady state. A quarter more costs some collection work
 * on another core and keeps the peak near what is actually held. Read by V8 at every full collection,
 * so setting it once the process runs takes effect.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=25');
}
