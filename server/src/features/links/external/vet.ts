// Deciding, before any connection, which addresses a URL may be fetched from. Runs for the URL as
// written and again for every redirect hop, since a harmless public page can redirect to
// http://169.254.169.254/.

import { isIP } from 'node:net';
import { blockedRangeOf, isAllowListedHostname, isMetadataHostname, normaliseHostname } from './address-guard';
import type { ExternalCheckOptions, ResolvedAddress } from './options';
import { unlessAborted, withDeadline } from './waiting';

export type VettedTarget =
  | { kind: 'allowed'; addresses: ResolvedAddress[] }
  | { kind: 'blocked'; address: string; range: string }
  | { kind: 'unresolved'; error: unknown };

type GuardOptions = Pick<ExternalCheckOptions, 'ssrfGuard' | 'allowList' | 'resolveHost' | 'timeoutMs'>;

/**
 * Resolves the URL's host and vets every address it resolves to: if any one is blocked, the whole
 * host is, because the connection could land on any of them. The allowed addresses are the only
 * ones the request may then connect to.
 */
export async function vetTarget(url: URL, options: GuardOptions, signal?: AbortSignal): Promise<VettedTarget> {
  const hostname = normaliseHostname(url.hostname);
  if (options.ssrfGuard && isMetadataHostname(hostname)) {
    return { kind: 'blocked', address: hostname, range: 'cloud metadata' };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(hostname, options, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { kind: 'unresolved', error };
  }
  if (!options.ssrfGuard) return { kind: 'allowed', addresses };
  return firstBlocked(hostname, addresses, options.allowList) ?? { kind: 'allowed', addresses };
}

async function resolve(hostname: string, options: GuardOptions, signal?: AbortSignal): Promise<ResolvedAddress[]> {
  // Literal addresses (WHATWG URL parsing has already turned 2130706433 and 0x7f.1 into 127.0.0.1).
  const family = isIP(hostname);
  if (family === 4 || family === 6) return [{ address: hostname, family }];
  // The system resolver can take far longer than a request may; a lookup past the deadline is
  // reported like a temporary DNS failure.
  const lookup = withDeadline(options.resolveHost(hostname), options.timeoutMs, () =>
    Object.assign(new Error(`DNS lookup for ${hostname} timed out`), { code: 'EAI_AGAIN' }),
  );
  const addresses = await unlessAborted(lookup, signal);
  if (addresses.length > 0) return addresses;
  throw Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENODATA' });
}

function firstBlocked(hostname: string, addresses: readonly ResolvedAddress[], allowList: readonly string[]): VettedTarget | undefined {
  // An allow-listed host name may resolve anywhere, except to metadata services.
  const hostAllowed = isAllowListedHostname(hostname, allowList);
  for (const { address } of addresses) {
    const blocked = blockedRangeOf(address, allowList);
    if (blocked && (blocked.metadata || !hostAllowed)) return { kind: 'blocked', address, range: blocked.label };
  }
  return undefined;
}
