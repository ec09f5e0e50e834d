// External link checking: does each http(s) URL in the notes still answer?
//
// Trust: this module sends requests to whatever URLs it is handed and knows nothing about
// workspace trust or user consent. The caller must decide that first: only check links in trusted
// workspaces, only when the user has turned external checks on, and pass the user's settings
// (allow-list, timeouts, ...) in. Opening an untrusted folder must never make the machine send
// requests chosen by whoever wrote its notes.
//
// Safety does not depend on the caller, though: the SSRF guard is on by default, so even a trusted
// notes repository cannot make the checker reach loopback, private-network or cloud metadata
// addresses unless the user allow-lists them.

import { ResultCache } from './cache';
import { checkHttpUrl } from './checker';
import { HostLimiter } from './limiter';
import { withDefaults, type ExternalCheckOptions } from './options';
import { skippedResult, type ExternalLinkResult } from './result';
import { toCheckableUrl } from './url';

export { blockedRangeOf, isBlockedAddress, type BlockedRange } from './address-guard';
export { CACHE_FILE_NAME } from './cache';
export { proxyRoutesFrom, type ProxyRoutes } from './proxy';
export {
  DEFAULT_EXTERNAL_CHECK_OPTIONS,
  type ExternalCheckOptions,
  type HostResolver,
  type OutgoingRequest,
  type ResolvedAddress,
} from './options';
export {
  EXTERNAL_DEAD_CODE,
  EXTERNAL_UNVERIFIED_CODE,
  type BlockedResult,
  type DeadReason,
  type DeadResult,
  type ExternalLinkResult,
  type ExternalLinkStatus,
  type OkResult,
  type SkippedResult,
  type UnverifiedReason,
  type UnverifiedResult,
} from './result';

export interface CheckProgress {
  /** URLs finished so far, this one included. */
  done: number;
  total: number;
  url: string;
  result: ExternalLinkResult;
}

export interface CheckAllControls {
  /** Aborting stops queued and running checks promptly; `checkAll` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called once per URL as its result arrives. */
  onProgress?: (progress: CheckProgress) => void;
}

export interface ExternalLinkChecker {
  /** Checks one URL, answering from the cache when it holds a fresh result. */
  check(url: string, signal?: AbortSignal): Promise<ExternalLinkResult>;
  /** Checks many URLs concurrently, within the limits; the map is keyed by the URLs as given. */
  checkAll(urls: Iterable<string>, controls?: CheckAllControls): Promise<Map<string, ExternalLinkResult>>;
}

/** A checker whose limits and cache are shared by all its calls; keep one per workspace. */
export function createExternalLinkChecker(options: Partial<ExternalCheckOptions> = {}): ExternalLinkChecker {
  const settings = withDefaults(options);
  const limiter = new HostLimiter(settings.maxConcurrent, settings.maxConcurrentPerHost);
  let cache: Promise<ResultCache> | undefined;

  async function check(raw: string, signal?: AbortSignal): Promise<ExternalLinkResult> {
    const target = toCheckableUrl(raw);
    if (target.kind === 'skip') return skippedResult(raw, target.reason);
    cache ??= ResultCache.open(settings.cacheDir, settings.cacheMaxAgeMs);
    const results = await cache;
    const cached = results.get(target.url.href);
    if (cached) return cached;
    const result = await checkHttpUrl(target.url, { options: settings, limiter, signal });
    await results.store(result);
    return result;
  }

  async function checkAll(urls: Iterable<string>, controls: CheckAllControls = {}) {
    const { signal, onProgress } = controls;
    const distinct = [...new Set(urls)];
    const groups = groupByCheckedUrl(distinct);
    const total = distinct.length;
    const results = new Map<string, ExternalLinkResult>();
    let done = 0;
    // Promise.all rejects on the first abort; the other checks see the same signal and stop too.
    await Promise.all(
      [...groups.values()].map(async (spellings) => {
        const result = await check(spellings[0]!, signal);
        for (const url of spellings) {
          results.set(url, result);
          onProgress?.({ done: ++done, total, url, result });
        }
      }),
    );
    return new Map(distinct.map((url) => [url, results.get(url)!]));
  }

  return { check, checkAll };
}

/** One-shot form of `createExternalLinkChecker(options).checkAll(urls, controls)`. */
export function checkExternalLinks(
  urls: Iterable<string>,
  options: Partial<ExternalCheckOptions> = {},
  controls: CheckAllControls = {},
): Promise<Map<string, ExternalLinkResult>> {
  return createExternalLinkChecker(options).checkAll(urls, controls);
}

/** Distinct URLs grouped by what is actually requested, so `page#a` and `page#b` cost one check. */
function groupByCheckedUrl(urls: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const url of urls) {
    const target = toCheckableUrl(url);
    const key = target.kind === 'http' ? target.url.href : url;
    const group = groups.get(key);
    if (group) group.push(url);
    else groups.set(key, [url]);
  }
  return groups;
}
