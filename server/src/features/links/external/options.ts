import { lookup as dnsLookup } from 'node:dns/promises';
import type { ProxyRoutes } from './proxy';

/** One address a host name resolved to, as `dns.lookup(..., { all: true })` reports it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all of its addresses. Rejects with the resolver's error (ENOTFOUND, ...). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** What the checker is about to send, for trace logs. `addresses` are the vetted ones it may connect to. */
export interface OutgoingRequest {
  method: 'HEAD' | 'GET';
  url: string;
  addresses: readonly string[];
  /** The proxy the request goes through, `host:port`; absent when it goes directly. */
  proxy?: string;
}

export interface ExternalCheckOptions {
  /** Deadline for one request, from connecting until the headers (and, for GET, the capped body) arrive. */
  timeoutMs: number;
  /** Extra attempts after a 5xx, 408 or 429 answer. */
  retries: number;
  /** First backoff delay; each later retry waits twice as long as the one before. */
  retryBaseDelayMs: number;
  /** The longest `Retry-After` (or backoff) the checker will wait; a longer one makes the link unverified. */
  maxRetryAfterMs: number;
  /** Requests in flight to one host name at a time. */
  maxConcurrentPerHost: number;
  /** Requests in flight in total. */
  maxConcurrent: number;
  /** Sent with every request; many sites answer non-browser agents with 403. */
  userAgent: string;
  /** Redirect hops followed before the link is reported unverified. */
  maxRedirects: number;
  /** At most this much of a GET body is read (for bot-wall detection) before the socket is dropped. */
  maxBodyBytes: number;
  /** Refuse to connect to loopback, private, link-local, metadata and similar addresses. */
  ssrfGuard: boolean;
  /** Host names, IP addresses or CIDR ranges the guard lets through, e.g. `['127.0.0.1', 'wiki.corp']`. */
  allowList: readonly string[];
  /** Directory for `external-links.json`; without one, results are cached in memory only. */
  cacheDir: string | undefined;
  /** Cached results older than this are checked again. */
  cacheMaxAgeMs: number;
  /** Name resolution; replaceable so callers can route through their own resolver. */
  resolveHost: HostResolver;
  /** Proxies to send requests through (the server and the CLI read them from the environment); none by default. */
  proxy: ProxyRoutes | undefined;
  /** Called just before each request goes out; the server logs these at trace level. */
  onRequest: ((request: OutgoingRequest) => void) | undefined;
}

// A recent desktop Chrome on Windows, in the reduced form Chrome itself sends (minor versions zeroed).
const CHROME_USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

async function resolveWithSystemResolver(hostname: string): Promise<ResolvedAddress[]> {
  const addresses = await dnsLookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

export const DEFAULT_EXTERNAL_CHECK_OPTIONS: Readonly<ExternalCheckOptions> = Object.freeze({
  timeoutMs: 10_000,
  retries: 2,
  retryBaseDelayMs: 500,
  maxRetryAfterMs: 10_000,
  maxConcurrentPerHost: 2,
  maxConcurrent: 8,
  userAgent: CHROME_USER_AGENT,
  maxRedirects: 5,
  maxBodyBytes: 64 * 1024,
  ssrfGuard: true,
  allowList: Object.freeze([]) as readonly string[],
  cacheDir: undefined,
  cacheMaxAgeMs: 24 * 60 * 60 * 1000,
  resolveHost: resolveWithSystemResolver,
  proxy: undefined,
  onRequest: undefined,
});

/** Fills in defaults and clamps limits that would otherwise stall the checker (a limit of 0 never frees a slot). */
export function withDefaults(options: Partial<ExternalCheckOptions> = {}): ExternalCheckOptions {
  const merged: ExternalCheckOptions = { ...DEFAULT_EXTERNAL_CHECK_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof ExternalCheckOptions, unknown][]) {
    // An explicit `undefined` (a setting the user left unset) keeps the default.
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  merged.maxConcurrent = atLeastOne(merged.maxConcurrent);
  merged.maxConcurrentPerHost = atLeastOne(merged.maxConcurrentPerHost);
  merged.retries = Math.max(0, Math.floor(merged.retries));
  merged.maxRedirects = Math.max(0, Math.floor(merged.maxRedirects));
  return merged;
}

function atLeastOne(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;
}
