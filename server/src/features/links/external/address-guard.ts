// The SSRF guard: which addresses a link check may connect to. A note can contain any URL, and a
// checker that fetched `http://169.254.169.254/...` or `http://10.0.0.1/admin` on the user's behalf
// would let a shared notes repository probe the user's machine and network. Addresses are judged
// as bytes, after DNS resolution, so that every spelling of an address is judged alike.

import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

type Bytes = readonly number[];

interface Cidr {
  /** Network address, 4 or 16 bytes. */
  network: Bytes;
  prefixLength: number;
}

interface AddressRange extends Cidr {
  /** Names the range in messages: "10.0.0.1 is a private address". */
  label: string;
}

/** Why an address is refused. `metadata` ranges stay refused even when the allow-list matches them. */
export interface BlockedRange {
  label: string;
  metadata: boolean;
}

function range(cidr: string, label: string): AddressRange {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`invalid built-in range ${cidr}`);
  return { ...parsed, label };
}

// Instance metadata services hand out cloud credentials; nothing in a note has a reason to reach them.
const METADATA_RANGES: readonly AddressRange[] = [
  range('169.254.169.254/32', 'cloud metadata'),
  range('169.254.170.2/32', 'cloud metadata'),
  range('100.100.100.200/32', 'cloud metadata'),
  range('192.0.0.192/32', 'cloud metadata'),
  range('fd00:ec2::254/128', 'cloud metadata'),
];

const BLOCKED_IPV4_RANGES: readonly AddressRange[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'carrier-grade NAT'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
];

const BLOCKED_IPV6_RANGES: readonly AddressRange[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('64:ff9b:1::/48', 'private'),
  range('fc00::/7', 'private'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'private'),
  range('ff00::/8', 'multicast'),
];

const BLOCKED_RANGES: readonly AddressRange[] = [...BLOCKED_IPV4_RANGES, ...BLOCKED_IPV6_RANGES];

/**
 * IPv6 forms that carry an IPv4 address, and where it sits. A connection to `::ffff:127.0.0.1`
 * reaches 127.0.0.1, so the embedded address is judged like a plain IPv4 one.
 */
const IPV4_EMBEDDINGS: readonly { prefix: AddressRange; offset: number; inverted: boolean }[] = [
  { prefix: range('::ffff:0:0/96', 'IPv4-mapped'), offset: 12, inverted: false },
  { prefix: range('::ffff:0:0:0/96', 'IPv4-translated'), offset: 12, inverted: false },
  { prefix: range('::/96', 'IPv4-compatible'), offset: 12, inverted: false },
  { prefix: range('64:ff9b::/96', 'NAT64'), offset: 12, inverted: false },
  { prefix: range('2002::/16', '6to4'), offset: 2, inverted: false },
  // Teredo stores the client's IPv4 address with every bit flipped.
  { prefix: range('2001::/32', 'Teredo'), offset: 12, inverted: true },
];

/** Host names of metadata services, refused before any lookup. */
const METADATA_HOSTNAMES: ReadonlySet<string> = new Set(['metadata.google.internal', 'metadata.goog']);

/**
 * True when a check must not connect to `ip`. Unparseable input counts as blocked, so a caller that
 * passes something odd fails closed. Allow-list entries (IPs or CIDRs; host names are ignored here)
 * lift the guard, except for cloud metadata addresses.
 */
export function isBlockedAddress(ip: string, allowList: readonly string[] = []): boolean {
  return blockedRangeOf(ip, allowList) !== undefined;
}

/** The range that makes `ip` blocked, or undefined when a check may connect to it. */
export function blockedRangeOf(ip: string, allowList: readonly string[] = []): BlockedRange | undefined {
  const bytes = parseAddress(ip);
  if (!bytes) return { label: 'invalid', metadata: false };
  const candidates = [bytes, ...embeddedIPv4(bytes)];
  const metadata = firstMatch(candidates, METADATA_RANGES);
  if (metadata) return { label: metadata.label, metadata: true };
  const blocked = firstMatch(candidates, BLOCKED_RANGES) ?? firstMatch(candidates, ownInterfaceRanges());
  if (!blocked) return undefined;
  const allowRanges = allowList.map(parseCidr).filter((entry) => entry !== undefined);
  return firstMatch(candidates, allowRanges) ? undefined : { label: blocked.label, metadata: false };
}

/**
 * This machine's own addresses. A public one reaches the services listening here just as 127.0.0.1
 * does, so a note linking to it would probe this machine. Read at each check: interfaces come and go.
 */
function ownInterfaceRanges(): AddressRange[] {
  let interfaces: ReturnType<typeof networkInterfaces>;
  try {
    interfaces = networkInterfaces();
  } catch {
    // Some sandboxes refuse to list interfaces; the fixed ranges above still hold.
    return [];
  }
  return Object.values(interfaces)
    .flatMap((addresses) => addresses ?? [])
    .map((info) => parseAddress(info.address))
    .filter((network) => network !== undefined)
    .map((network) => ({ network, prefixLength: network.length * 8, label: 'local interface' }));
}

/** Whether `ip` lies in `cidr` (`10.0.0.0/8`, `fd00::/8`, or one address); false when either does not parse. */
export function matchesCidr(ip: string, cidr: string): boolean {
  const bytes = parseAddress(ip);
  const range = parseCidr(cidr);
  return bytes !== undefined && range !== undefined && inRange(bytes, range);
}

/** True for host names of metadata services; the allow-list cannot lift these. */
export function isMetadataHostname(hostname: string): boolean {
  return METADATA_HOSTNAMES.has(normaliseHostname(hostname));
}

/** True when the allow-list names this host, which then may resolve to otherwise blocked addresses. */
export function isAllowListedHostname(hostname: string, allowList: readonly string[]): boolean {
  const wanted = normaliseHostname(hostname);
  return allowList.some((entry) => parseCidr(entry) === undefined && normaliseHostname(entry) === wanted);
}

/** Lower-cased, without URL brackets or the trailing root dot (`metadata.google.internal.` is the same host). */
export function normaliseHostname(hostname: string): string {
  const unbracketed = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return unbracketed.toLowerCase().replace(/\.$/, '');
}

function firstMatch<R extends Cidr>(candidates: readonly Bytes[], ranges: readonly R[]): R | undefined {
  for (const candidate of candidates) {
    const match = ranges.find((entry) => inRange(candidate, entry));
    if (match) return match;
  }
  return undefined;
}

function inRange(address: Bytes, { network, prefixLength }: Cidr): boolean {
  if (address.length !== network.length) return false;
  for (let bit = 0; bit < prefixLength; bit++) {
    const mask = 0x80 >> (bit % 8);
    const byte = Math.floor(bit / 8);
    if ((address[byte]! & mask) !== (network[byte]! & mask)) return false;
  }
  return true;
}

function embeddedIPv4(bytes: Bytes): Bytes[] {
  if (bytes.length !== 16) return [];
  return IPV4_EMBEDDINGS.filter(({ prefix }) => inRange(bytes, prefix)).map(({ offset, inverted }) => {
    const ipv4 = bytes.slice(offset, offset + 4);
    return inverted ? ipv4.map((byte) => byte ^ 0xff) : ipv4;
  });
}

function parseCidr(entry: string): Cidr | undefined {
  const [address, prefix, ...rest] = entry.trim().split('/');
  if (rest.length > 0 || address === undefined) return undefined;
  const network = parseAddress(address);
  if (!network) return undefined;
  const maxPrefix = network.length * 8;
  if (prefix === undefined) return { network, prefixLength: maxPrefix };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxPrefix) return undefined;
  return { network, prefixLength: Number(prefix) };
}

/** 4 or 16 bytes for a textual IPv4 or IPv6 address (brackets and zone ids allowed), else undefined. */
function parseAddress(text: string): Bytes | undefined {
  const address = normaliseHostname(text).replace(/%.*$/, '');
  switch (isIP(address)) {
    case 4:
      return address.split('.').map(Number);
    case 6:
      return parseIPv6(address);
    default:
      return undefined;
  }
}

// Only called on text `isIP` accepted, so the syntax is known to be valid.
function parseIPv6(address: string): Bytes {
  const [head = '', tail] = address.split('::');
  const headGroups = hexGroups(head);
  const tailGroups = tail === undefined ? [] : hexGroups(tail);
  const zeros = new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  return [...headGroups, ...zeros, ...tailGroups].flatMap((group) => [group >> 8, group & 0xff]);
}

function hexGroups(part: string): number[] {
  if (part === '') return [];
  return part.split(':').flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
    return [(a << 8) | b, (c << 8) | d];
  });
}
