// Work that takes long on a large note (hashing, decoding, parsing its facts from JSON, matching
// mentions, checking links) is written once, as steps: a generator that yields wherever it may stop for
// a moment and returns its result. Whoever runs it decides whether it does stop. `finish` runs it through
// at once, for a caller that needs the answer now (a hover); `inSlices` awaits a pause at each yield,
// and the pause gives the event loop a turn once its time budget is spent, so that requests are answered
// between slices of a large note while a small note, done within the budget, never waits.

/** Work in steps: yields where it may pause, returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Awaited between steps: resolves at once, or after a turn of the event loop. */
export type Pause = () => Promise<void>;

/**
 * A pause that yields to the event loop once `budgetMs` have passed since the last yield, so that requests
 * are answered between slices, and costs nothing otherwise. One pause may be shared by many runs of steps:
 * the budget is spent across all of them.
 */
export function pauseEvery(budgetMs = 8): Pause {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/** Runs steps through at once: their result, with no pause. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs steps with `pause` awaited at each yield: a large input's work in slices, requests answered in between. */
export async function inSlices<T>(steps: Steps<T>, pause: Pause = pauseEvery()): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
