// One HTTP request to addresses that were already vetted. The host name still goes into the Host
// header and TLS server name, but a direct connection only ever reaches the vetted addresses: the
// `lookup` hook answers with them instead of asking DNS again, which a rebinding attacker could
// have changed in the meantime. Through a proxy, the proxy looks the name up itself.

import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { normaliseHostname } from './address-guard';
import { mayBeBotWallStatus, RequestTimeoutError, type HttpAnswer } from './classify';
import type { ResolvedAddress } from './options';
import { asProxyError, openTunnel, proxyAuthorization } from './proxy';

export type HttpMethod = 'HEAD' | 'GET';

export interface HttpRequestSpec {
  url: URL;
  method: HttpMethod;
  addresses: readonly ResolvedAddress[];
  timeoutMs: number;
  userAgent: string;
  maxBodyBytes: number;
  /** The proxy to go through (see proxy.ts); the site's addresses were vetted all the same. */
  proxy?: URL;
  signal?: AbortSignal;
}

/**
 * Sends the request and resolves with the status, headers and (for GET answers that might be bot
 * walls) at most `maxBodyBytes` of the body. Rejects with the network error, a ProxyError, a
 * RequestTimeoutError, or the signal's reason. Every socket is destroyed when the promise settles.
 */
export function sendRequest(spec: HttpRequestSpec): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const opened: Array<{ destroy(): unknown }> = [];
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      spec.signal?.removeEventListener('abort', onAbort);
      for (const connection of opened) connection.destroy();
      outcome();
    };
    const fail = (error: unknown) => settle(() => reject(error));
    const onAbort = () => fail(spec.signal?.reason);
    const deadline = setTimeout(() => fail(new RequestTimeoutError(spec.timeoutMs)), spec.timeoutMs);

    if (spec.signal?.aborted) return onAbort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const send = (request: http.ClientRequest, describeError: (error: unknown) => unknown = (error) => error) => {
      opened.push(request);
      request.on('error', (error) => fail(describeError(error)));
      request.on('response', (response) => {
        response.on('error', fail);
        const status = response.statusCode ?? 0;
        const answer = (body: string) => settle(() => resolve({ status, headers: response.headers, body }));
        if (spec.method === 'GET' && mayBeBotWallStatus(status)) readCapped(response, spec.maxBodyBytes, answer);
        else answer('');
      });
      request.end();
    };
    const { proxy } = spec;
    if (!proxy) return send(directRequest(spec));
    if (spec.url.protocol !== 'https:') return send(forwardedRequest(spec, proxy), (error) => asProxyError(error, proxy));
    const onTunnel = (socket: Socket) => {
      if (settled) return void socket.destroy();
      opened.push(socket);
      send(tunnelledRequest(spec, socket));
    };
    opened.push(openTunnel(proxy, spec.url, onTunnel, fail));
  });
}

/** Method, path and the headers every request sends: no cookies, no credentials. */
function baseOptions({ url, method, userAgent }: HttpRequestSpec): https.RequestOptions {
  return {
    method,
    path: `${url.pathname}${url.search}`,
    headers: {
      'user-agent': userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-language': 'en-US,en;q=0.9',
      // The body is only scanned for bot-wall markers, which compressed bytes would hide.
      'accept-encoding': 'identity',
    },
  };
}

/** Straight to the site, at its vetted addresses only. */
function directRequest(spec: HttpRequestSpec): http.ClientRequest {
  const { url, addresses } = spec;
  const hostname = normaliseHostname(url.hostname);
  const options: https.RequestOptions = {
    ...baseOptions(spec),
    hostname,
    port: url.port || undefined,
    lookup: pinnedLookup(addresses),
    // A fresh connection per request: a pooled socket could be one opened for another address.
    agent: false,
  };
  if (url.protocol !== 'https:') return http.request(options);
  // SNI must name the host, and may not be an IP address.
  return https.request(isIP(hostname) ? options : { ...options, servername: hostname });
}

/** An http link through the proxy: the request names the whole URL, and the proxy fetches it. */
function forwardedRequest(spec: HttpRequestSpec, proxy: URL): http.ClientRequest {
  const base = baseOptions(spec);
  return http.request({
    ...base,
    hostname: normaliseHostname(proxy.hostname),
    port: proxy.port || 80,
    path: `${spec.url.origin}${base.path}`,
    headers: { ...base.headers, host: spec.url.host, ...proxyAuthorization(proxy) },
    agent: false,
  });
}

/** An https link through a CONNECT tunnel: TLS runs with the site itself, its certificate checked against its name. */
function tunnelledRequest(spec: HttpRequestSpec, tunnel: Socket): http.ClientRequest {
  const hostname = normaliseHostname(spec.url.hostname);
  const secure = tls.connect({ socket: tunnel, host: hostname, ...(isIP(hostname) ? {} : { servername: hostname }) });
  return https.request({
    ...baseOptions(spec),
    hostname,
    port: spec.url.port || undefined,
    createConnection: () => secure,
  });
}

/** A `lookup` that answers with the vetted addresses, whichever form (single or `all`) is asked for. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const [first] = addresses;
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(`no vetted address for ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, '', undefined);
    } else if (options.all) {
      callback(
        null,
        addresses.map(({ address, family }) => ({ address, family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/** Reads up to `limit` bytes, then stops: the rest of a huge or endless body is never downloaded. */
function readCapped(response: http.IncomingMessage, limit: number, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) done(Buffer.concat(chunks).subarray(0, limit).toString('utf8'));
  });
  response.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
}
