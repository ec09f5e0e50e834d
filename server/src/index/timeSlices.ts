import { performance } from 'node:perf_hooks';

/** How long a long loop over notes runs before it lets requests through. */
export const SLICE_MS = 8;

/**
 * For a loop over many notes that must leave room for requests: the returned function resolves at once
 * while the current slice is younger than `sliceMs`, and after a turn of the event loop once it is
 * older. Slices by time, not by count, because what one note costs varies a hundredfold.
 */
export function timeSlicer(sliceMs = SLICE_MS): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
}
