// Turning HTTP answers and network errors into verdicts. A link is only called dead when the answer
// is unambiguous (404, 410, no such host, connection refused); everything that might be the
// checker's fault or a passing condition is "unverified", so that notes do not fill up with false alarms.

import type { IncomingHttpHeaders } from 'node:http';
import { ProxyError } from './proxy';
import { describeStatus, type DeadReason, type UnverifiedReason } from './result';

/** A response as far as the checker looks at it. `body` is empty for HEAD and for bodies not read. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Verdict =
  | { kind: 'ok'; httpStatus: number }
  | { kind: 'redirect'; location: string; httpStatus: number }
  | { kind: 'dead'; reason: DeadReason; detail: string; httpStatus?: number }
  | { kind: 'unverified'; reason: UnverifiedReason; detail: string; httpStatus?: number };

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** 5xx statuses that describe the server's abilities rather than a passing state; asking again won't help. */
const PERMANENT_SERVER_STATUSES: ReadonlySet<number> = new Set([501, 505]);

/**
 * HEAD answers that often mean "this server mishandles HEAD" rather than anything about the page:
 * frameworks that route GET only (405, 404), servers that never implemented it (501), and bot
 * filters that only serve their challenge page, which tells us what is going on, to GET (403).
 */
const DOUBTFUL_HEAD_STATUSES: ReadonlySet<number> = new Set([400, 403, 404, 405, 406, 501]);

// Server headers of services that put challenge pages in front of sites they protect.
const BOT_WALL_SERVERS = /cloudflare|akamaighost|ddos-guard/i;

// Markers of challenge pages: Cloudflare, DataDome, Imperva and PerimeterX, in that order.
const BOT_WALL_BODY_MARKERS: readonly RegExp[] = [
  /<title>\s*just a moment\.\.\.\s*<\/title>/i,
  /challenge-platform|cf-chl-/i,
  /captcha-delivery\.com/i,
  /_incapsula_resource/i,
  /px-captcha/i,
];

/** Statuses worth asking again after a pause: the server said "not now" rather than "no". */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status < 600 && !PERMANENT_SERVER_STATUSES.has(status);
}

export function isDoubtfulHeadStatus(status: number): boolean {
  return DOUBTFUL_HEAD_STATUSES.has(status);
}

/** Statuses whose body is worth reading: the ones bot walls answer with. */
export function mayBeBotWallStatus(status: number): boolean {
  return status === 403 || status === 429 || status === 503;
}

/** True for a challenge page that stands between automated clients and the site. */
export function isBotWall(answer: HttpAnswer): boolean {
  if (!mayBeBotWallStatus(answer.status)) return false;
  if (answer.headers['cf-mitigated'] !== undefined) return true;
  if (answer.status !== 429 && BOT_WALL_SERVERS.test(headerText(answer.headers.server))) return true;
  return BOT_WALL_BODY_MARKERS.some((marker) => marker.test(answer.body));
}

export function classifyAnswer(answer: HttpAnswer): Verdict {
  const { status } = answer;
  const described = describeStatus(status);
  if (isBotWall(answer)) {
    return unverified('bot-wall', `${described} (a bot check stands in front of the site)`, status);
  }
  if (status >= 200 && status < 300) return { kind: 'ok', httpStatus: status };
  if (REDIRECT_STATUSES.has(status)) return redirectVerdict(answer);
  if (status === 404) return { kind: 'dead', reason: 'not-found', detail: described, httpStatus: status };
  if (status === 410) return { kind: 'dead', reason: 'gone', detail: described, httpStatus: status };
  if (status === 401 || status === 407) {
    return unverified('unauthorized', `${described} (the page requires signing in)`, status);
  }
  if (status === 403 || status === 999) {
    return unverified('forbidden', `${described} (the site blocks automated checks)`, status);
  }
  if (status === 429) return unverified('rate-limited', `${described} (the site is rate-limiting checks)`, status);
  if (status >= 500) return unverified('server-error', `${described} (server error)`, status);
  return unverified('http-status', described, status);
}

function redirectVerdict(answer: HttpAnswer): Verdict {
  const location = headerText(answer.headers.location);
  if (location === '') {
    return unverified('bad-redirect', `${describeStatus(answer.status)} without a Location header`, answer.status);
  }
  return { kind: 'redirect', location, httpStatus: answer.status };
}

/** Thrown by the request when its deadline passes. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${formatSeconds(timeoutMs)}`);
  }
}

/** A network-level failure, judged. `sameForGet` failures are not worth retrying with GET after HEAD. */
export type FailureVerdict = Extract<Verdict, { kind: 'dead' | 'unverified' }> & { sameForGet: boolean };

const DNS_NOT_FOUND_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
// OpenSSL verification codes mention CERT; Node's own TLS errors carry ERR_TLS_ / ERR_SSL_ prefixes.
const TLS_CODE = /CERT|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

export function classifyFailure(error: unknown, hostname: string): FailureVerdict {
  if (error instanceof RequestTimeoutError) {
    return { kind: 'unverified', reason: 'timeout', detail: error.message, sameForGet: false };
  }
  if (error instanceof ProxyError) return { kind: 'unverified', reason: 'proxy', detail: error.message, sameForGet: true };
  const code = errorCode(error);
  if (DNS_NOT_FOUND_CODES.has(code)) {
    return { kind: 'dead', reason: 'dns', detail: `DNS lookup found no host named ${hostname}`, sameForGet: true };
  }
  if (code === 'EAI_AGAIN') {
    const detail = `DNS lookup for ${hostname} failed temporarily`;
    return { kind: 'unverified', reason: 'dns-temporary', detail, sameForGet: true };
  }
  if (code === 'ECONNREFUSED') {
    return { kind: 'dead', reason: 'refused', detail: `${hostname} refused the connection`, sameForGet: true };
  }
  if (TLS_CODE.test(code)) {
    return { kind: 'unverified', reason: 'tls', detail: `TLS error (${code})`, sameForGet: true };
  }
  if (UNREACHABLE_CODES.has(code)) {
    return { kind: 'unverified', reason: 'network', detail: `${hostname} is unreachable (${code})`, sameForGet: true };
  }
  const described = code ? `${messageOf(error)} (${code})` : messageOf(error);
  return { kind: 'unverified', reason: 'network', detail: `network error: ${described}`, sameForGet: false };
}

function unverified(reason: UnverifiedReason, detail: string, httpStatus: number): Verdict {
  return { kind: 'unverified', reason, detail, httpStatus };
}

// Connecting to several addresses in turn fails with an AggregateError whose parts hold the codes.
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError && error.errors.length > 0) return errorCode(error.errors[0]);
  return '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function headerText(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
