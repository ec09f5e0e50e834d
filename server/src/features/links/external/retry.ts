// How long to wait between attempts: the server's own `Retry-After` when it gives one, else
// exponential backoff.

/**
 * Milliseconds a `Retry-After` header asks for, from either of its forms: delta-seconds ("120") or
 * an HTTP date. Undefined when absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // All three HTTP date formats spell out the month; without one, Date.parse would read "-5" as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Delay before retry number `attempt` (0 for the first retry): base, 2 × base, 4 × base, ... */
export function backoffDelay(attempt: number, baseMs: number): number {
  return baseMs * 2 ** attempt;
}
