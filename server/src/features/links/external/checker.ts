// Following one URL to its verdict: vet the host, ask with HEAD (falling back to GET), retry what
// is worth retrying, and follow redirects by hand so that every hop is vetted again.

import { normaliseHostname } from './address-guard';
import {
  classifyAnswer,
  classifyFailure,
  formatSeconds,
  isBotWall,
  isDoubtfulHeadStatus,
  isRetryableStatus,
  type HttpAnswer,
  type Verdict,
} from './classify';
import type { HostLimiter } from './limiter';
import type { ExternalCheckOptions, ResolvedAddress } from './options';
import { proxyFor } from './proxy';
import { sendRequest, type HttpMethod } from './request';
import { blockedResult, deadResult, describeStatus, okResult, unverifiedResult, type ExternalLinkResult, type Trail } from './result';
import { backoffDelay, parseRetryAfter } from './retry';
import { toCheckableUrl } from './url';
import { vetTarget } from './vet';
import { sleep } from './waiting';

export interface CheckContext {
  options: ExternalCheckOptions;
  limiter: HostLimiter;
  signal?: AbortSignal;
}

/** A check of one hop: where its requests go. */
interface HopContext extends CheckContext {
  proxy: URL | undefined;
}

type HopVerdict = Verdict | { kind: 'blocked'; address: string; range: string };

/**
 * What one request produced. `refusedWaitMs` is set when the server asked for a longer pause
 * before retrying than the checker is willing to wait.
 */
type Exchange = { kind: 'answer'; answer: HttpAnswer; refusedWaitMs?: number } | { kind: 'failure'; error: unknown };

/** Checks an http(s) URL without credentials or fragment (see toCheckableUrl). */
export async function checkHttpUrl(url: URL, context: CheckContext): Promise<ExternalLinkResult> {
  const visited = new Set([url.href]);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const trail: Trail = { finalUrl: current.href, redirects };
    const verdict = await checkHop(current, context);
    if (verdict.kind !== 'redirect') return toResult(url.href, trail, verdict);
    const next = followRedirect(current, verdict.location, visited, redirects, context.options.maxRedirects);
    if (!(next instanceof URL)) return toResult(url.href, trail, next);
    visited.add(next.href);
    current = next;
  }
}

async function checkHop(url: URL, context: CheckContext): Promise<HopVerdict> {
  const { options, limiter, signal } = context;
  const hostname = normaliseHostname(url.hostname);
  const proxy = proxyFor(url, options.proxy);
  const target = await limiter.run(hostname, () => vetTarget(url, options, signal), signal);
  if (target.kind === 'blocked') return target;
  // Behind a proxy, this machine may not be able to look names up at all: that says nothing of the site,
  // and a site whose addresses could not be vetted is not requested.
  if (target.kind === 'unresolved' && proxy) return unvettedBehindProxy(target.error, hostname);
  if (target.kind === 'unresolved') return classifyFailure(target.error, hostname);
  const exchange = await exchangeWithRetries(url, target.addresses, { ...context, proxy });
  if (exchange.kind === 'failure') return classifyFailure(exchange.error, hostname);
  return exchange.refusedWaitMs === undefined
    ? classifyAnswer(exchange.answer)
    : refusedWaitVerdict(exchange.answer, exchange.refusedWaitMs);
}

/**
 * HEAD first, since it costs the site nothing; GET when HEAD's answer may say more about the
 * server's HEAD support than about the page. Switching to GET is not a retry. Retries wait as the
 * server asks (Retry-After) or back off exponentially.
 */
async function exchangeWithRetries(url: URL, addresses: readonly ResolvedAddress[], context: HopContext): Promise<Exchange> {
  const { options, signal } = context;
  let method: HttpMethod = 'HEAD';
  for (let retry = 0; ; retry++) {
    let exchange = await exchangeOnce(url, method, addresses, context);
    if (method === 'HEAD' && headWasInconclusive(exchange)) {
      method = 'GET';
      exchange = await exchangeOnce(url, method, addresses, context);
    }
    if (exchange.kind === 'failure' || !shouldRetry(exchange.answer) || retry >= options.retries) return exchange;
    const waitMs = retryWait(exchange.answer, retry, options);
    if (waitMs > options.maxRetryAfterMs) return { ...exchange, refusedWaitMs: waitMs };
    await sleep(waitMs, signal);
  }
}

async function exchangeOnce(
  url: URL,
  method: HttpMethod,
  addresses: readonly ResolvedAddress[],
  { options, limiter, signal, proxy }: HopContext,
): Promise<Exchange> {
  const send = () => {
    const vetted = addresses.map(({ address }) => address);
    options.onRequest?.({ method, url: url.href, addresses: vetted, ...(proxy ? { proxy: proxy.host } : {}) });
    return sendRequest({
      url,
      method,
      addresses,
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
      maxBodyBytes: options.maxBodyBytes,
      ...(proxy ? { proxy } : {}),
      signal,
    });
  };
  try {
    return { kind: 'answer', answer: await limiter.run(normaliseHostname(url.hostname), send, signal) };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { kind: 'failure', error };
  }
}

function unvettedBehindProxy(error: unknown, hostname: string): Verdict {
  const lookup = classifyFailure(error, hostname).detail;
  return { kind: 'unverified', reason: 'proxy', detail: `not sent through the proxy: ${lookup}, so its address could not be vetted` };
}

function headWasInconclusive(exchange: Exchange): boolean {
  if (exchange.kind === 'answer') return isDoubtfulHeadStatus(exchange.answer.status);
  // A refused connection or a bad certificate will not change with the method; a timeout or a
  // dropped connection might (some servers hang on HEAD).
  return !classifyFailure(exchange.error, '').sameForGet;
}

// A bot wall answers every attempt the same way; retrying only adds load.
function shouldRetry(answer: HttpAnswer): boolean {
  return isRetryableStatus(answer.status) && !isBotWall(answer);
}

function retryWait(answer: HttpAnswer, retry: number, options: ExternalCheckOptions): number {
  const retryAfter = parseRetryAfter(headerValue(answer.headers['retry-after']));
  // Backoff is our own choice, so it stays within the cap; only the server's request can exceed it.
  return retryAfter ?? Math.min(backoffDelay(retry, options.retryBaseDelayMs), options.maxRetryAfterMs);
}

function refusedWaitVerdict(answer: HttpAnswer, waitMs: number): Verdict {
  const verdict = classifyAnswer(answer);
  if (verdict.kind !== 'unverified') return verdict;
  const wait = formatSeconds(waitMs);
  return { ...verdict, detail: `${describeStatus(answer.status)} (the site asks to wait ${wait} before trying again)` };
}

/** The next URL to request, or why the redirect is not followed. */
function followRedirect(
  from: URL,
  location: string,
  visited: ReadonlySet<string>,
  redirects: number,
  maxRedirects: number,
): URL | Extract<Verdict, { kind: 'unverified' }> {
  const next = toCheckableUrl(location, from);
  if (next.kind === 'skip') {
    const detail = `redirect to ${location} not followed: ${next.reason}`;
    return { kind: 'unverified', reason: 'bad-redirect', detail };
  }
  if (visited.has(next.url.href)) {
    return { kind: 'unverified', reason: 'redirect-loop', detail: `redirect loop back to ${next.url.href}` };
  }
  if (redirects >= maxRedirects) {
    return { kind: 'unverified', reason: 'too-many-redirects', detail: `more than ${maxRedirects} redirects` };
  }
  return next.url;
}

type FinalVerdict = Exclude<HopVerdict, { kind: 'redirect' }>;

function toResult(url: string, trail: Trail, verdict: FinalVerdict): ExternalLinkResult {
  switch (verdict.kind) {
    case 'ok':
      return okResult(url, trail, verdict.httpStatus);
    case 'dead':
      return deadResult(url, trail, verdict.reason, verdict.detail, verdict.httpStatus);
    case 'unverified':
      return unverifiedResult(url, trail, verdict.reason, verdict.detail, verdict.httpStatus);
    case 'blocked':
      return blockedResult(url, trail, verdict.address, verdict.range);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
