/**
 * A pause for long work done on the main thread a slice at a time: awaiting it yields to the event loop
 * once `budgetMs` have passed since the last yield, so that requests are answered between slices, and
 * costs nothing otherwise.
 */
export function pauseEvery(budgetMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
