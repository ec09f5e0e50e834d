import { setFlagsFromString } from 'node:v8';

/**
 * By default V8 lets the old generation grow to about twice what survived the last full collection
 * before it collects again. A whole-vault link check reads every note's facts and lets them go, so the
 * peak memory would be about twice what the index holds. A quarter more keeps the peak near it, at the
 * cost of more collection work. V8 reads the setting whenever a full collection sets the next limit, so
 * setting it while the process runs takes effect from the next one: the server sets it at start (an
 * editor session's peak comes right after a start from the cache); the CLI once every note is parsed,
 * where a cold check's peak comes, so that its parse workers keep the default.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=25');
}
