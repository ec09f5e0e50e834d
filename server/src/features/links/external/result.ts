// What a check reports for one URL. Results are plain data so they can be cached on disk and sent
// to the client as they are.

import { STATUS_CODES } from 'node:http';

export const EXTERNAL_DEAD_CODE = 'link.external-dead';
export const EXTERNAL_UNVERIFIED_CODE = 'link.external-unverified';

export type ExternalLinkStatus = 'ok' | 'dead' | 'unverified' | 'blocked' | 'skipped';

/** Why a link is dead: the server or the DNS said so unambiguously. */
export type DeadReason = 'not-found' | 'gone' | 'dns' | 'refused';

/** Why a link could not be verified either way. */
export type UnverifiedReason =
  | 'unauthorized'
  | 'forbidden'
  | 'bot-wall'
  | 'rate-limited'
  | 'server-error'
  | 'http-status'
  | 'timeout'
  | 'tls'
  | 'network'
  | 'dns-temporary'
  | 'proxy'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'bad-redirect';

/** Where the check ended up: the last URL requested and how many redirects led there. */
export interface Trail {
  finalUrl: string;
  redirects: number;
}

interface ResultBase {
  /** The URL checked: as written, minus credentials and fragment (neither is sent over HTTP). */
  url: string;
  /** One sentence for the user, naming the URL and the reason. */
  message: string;
  /** Milliseconds since the epoch. */
  checkedAt: number;
  /** Set when the result came from the cache rather than the network. */
  fromCache?: boolean;
}

export interface OkResult extends ResultBase, Trail {
  status: 'ok';
  httpStatus: number;
}

export interface DeadResult extends ResultBase, Trail {
  status: 'dead';
  code: typeof EXTERNAL_DEAD_CODE;
  reason: DeadReason;
  httpStatus?: number;
}

export interface UnverifiedResult extends ResultBase, Trail {
  status: 'unverified';
  code: typeof EXTERNAL_UNVERIFIED_CODE;
  reason: UnverifiedReason;
  httpStatus?: number;
}

export interface BlockedResult extends ResultBase, Trail {
  status: 'blocked';
  /** The refused IP address, or host name for metadata host names refused before any lookup. */
  address: string;
  /** The kind of address: "loopback", "private", "cloud metadata", ... */
  range: string;
}

export interface SkippedResult extends ResultBase {
  status: 'skipped';
}

export type ExternalLinkResult = OkResult | DeadResult | UnverifiedResult | BlockedResult | SkippedResult;

/** "404 Not Found"; the standard reason phrase, since servers' own phrases are often missing or odd. */
export function describeStatus(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase ? `${status} ${phrase}` : String(status);
}

export function okResult(url: string, trail: Trail, httpStatus: number): OkResult {
  const via = trail.redirects > 0 ? `, after ${plural(trail.redirects, 'redirect')} to ${trail.finalUrl}` : '';
  return {
    status: 'ok',
    url,
    ...trail,
    httpStatus,
    message: `${url} is reachable (${describeStatus(httpStatus)}${via})`,
    checkedAt: Date.now(),
  };
}

export function deadResult(url: string, trail: Trail, reason: DeadReason, detail: string, httpStatus?: number): DeadResult {
  return {
    status: 'dead',
    code: EXTERNAL_DEAD_CODE,
    reason,
    url,
    ...trail,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    message: `${url} is dead: ${detail}${whereItEnded(trail)}`,
    checkedAt: Date.now(),
  };
}

export function unverifiedResult(
  url: string,
  trail: Trail,
  reason: UnverifiedReason,
  detail: string,
  httpStatus?: number,
): UnverifiedResult {
  return {
    status: 'unverified',
    code: EXTERNAL_UNVERIFIED_CODE,
    reason,
    url,
    ...trail,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    message: `Could not verify ${url}: ${detail}${whereItEnded(trail)}`,
    checkedAt: Date.now(),
  };
}

export function blockedResult(url: string, trail: Trail, address: string, range: string): BlockedResult {
  const target = trail.redirects > 0 ? `it redirects to ${trail.finalUrl}, which points` : 'it points';
  return {
    status: 'blocked',
    url,
    ...trail,
    address,
    range,
    message:
      `${url} was not checked: ${target} at ${address}, ${withArticle(range)} address ` +
      '(link checks never connect to local, private or metadata addresses)',
    checkedAt: Date.now(),
  };
}

export function skippedResult(url: string, detail: string): SkippedResult {
  return { status: 'skipped', url, message: `${url} was not checked: ${detail}`, checkedAt: Date.now() };
}

function whereItEnded(trail: Trail): string {
  return trail.redirects > 0 ? ` (after ${plural(trail.redirects, 'redirect')}, at ${trail.finalUrl})` : '';
}

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
