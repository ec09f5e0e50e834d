// Web link checks behind a proxy, as `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case
// forms) say: plain http requests are forwarded by the proxy, https ones go through a CONNECT tunnel
// with TLS to the site itself. The proxy is the user's own choice, so its address is not vetted; the
// site's still is, before anything is sent (see vet.ts). A failure of the proxy is never a dead link.

import * as http from 'node:http';
import { isIP, type Socket } from 'node:net';
import { matchesCidr, normaliseHostname } from './address-guard';

/** Where requests go through a proxy; the proxies are `http://` URLs. */
export interface ProxyRoutes {
  /** For `http://` links. */
  http?: string;
  /** For `https://` links. */
  https?: string;
  /** `NO_PROXY` entries: `*`, host names (and their subdomains), `.suffix`, IP addresses or CIDR ranges, each maybe with `:port`. */
  noProxy: readonly string[];
}

/** Thrown when the proxy itself cannot be reached or refuses to carry a request: the site is not judged. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
}

/** The routes an environment asks for; undefined when it names no usable proxy. */
export function proxyRoutesFrom(env: Readonly<Record<string, string | undefined>>): ProxyRoutes | undefined {
  const variable = (name: string) => env[name]?.trim() || env[name.toUpperCase()]?.trim() || undefined;
  const httpProxy = proxyUrl(variable('http_proxy'));
  const httpsProxy = proxyUrl(variable('https_proxy'));
  if (!httpProxy && !httpsProxy) return undefined;
  const noProxy = (variable('no_proxy') ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.toLowerCase())
    .filter(Boolean);
  return { ...(httpProxy ? { http: httpProxy } : {}), ...(httpsProxy ? { https: httpsProxy } : {}), noProxy };
}

/** `http://host:port` (a scheme may be left out, as many set-ups do); other schemes, such as socks5://, are not spoken here. */
function proxyUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    return url.protocol === 'http:' && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The proxy a request for `url` goes through, or undefined when it goes directly. */
export function proxyFor(url: URL, routes: ProxyRoutes | undefined): URL | undefined {
  const proxy = url.protocol === 'https:' ? routes?.https : routes?.http;
  return proxy && routes && !bypassesProxy(url, routes.noProxy) ? new URL(proxy) : undefined;
}

function bypassesProxy(url: URL, noProxy: readonly string[]): boolean {
  const host = normaliseHostname(url.hostname);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const [name, entryPort] = hostAndPort(entry);
    if (entryPort && entryPort !== port) return false;
    if (name.includes('/')) return isIP(host) !== 0 && matchesCidr(host, name);
    const suffix = name.replace(/^\*?\./, '');
    return host === suffix || host.endsWith(`.${suffix}`);
  });
}

/** `host:port`, `[::1]:8080`, `::1`, `10.0.0.0/8`: the host part (unbracketed) and the port, if any. */
function hostAndPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  return withPort ? [withPort[1]!, withPort[2]] : [entry, undefined];
}

/** `Proxy-Authorization` for a proxy URL that carries a user name (and password). */
export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/**
 * Asks the proxy for a tunnel to the site (`CONNECT host:port`) and hands over the socket once the
 * proxy says yes; any failure on the way is a ProxyError. Returns the CONNECT request, to be destroyed
 * by a caller that gives up first.
 */
export function openTunnel(
  proxy: URL,
  site: URL,
  onSocket: (socket: Socket) => void,
  onError: (error: ProxyError) => void,
): http.ClientRequest {
  const authority = `${site.hostname}:${site.port || 443}`;
  const request = http.request({
    method: 'CONNECT',
    hostname: normaliseHostname(proxy.hostname),
    port: proxy.port || 80,
    path: authority,
    headers: { host: authority, ...proxyAuthorization(proxy) },
    agent: false,
  });
  request.once('connect', (response, socket) => {
    if (response.statusCode === 200) return onSocket(socket);
    socket.destroy();
    onError(new ProxyError(`the proxy ${proxy.host} answered ${response.statusCode ?? '?'} to CONNECT ${authority}`));
  });
  request.once('error', (error) => onError(asProxyError(error, proxy)));
  request.end();
  return request;
}

/** A failure while talking to the proxy, named as such: `ECONNREFUSED` from it says nothing about the site. */
export function asProxyError(error: unknown, proxy: URL): ProxyError {
  if (error instanceof ProxyError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const described = error instanceof Error ? error.message : String(error);
  return new ProxyError(
    `the proxy ${proxy.host} could not be used: ${described}${typeof code === 'string' && !described.includes(code) ? ` (${code})` : ''}`,
  );
}
