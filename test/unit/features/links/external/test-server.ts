// A real HTTP server on 127.0.0.1 with one route per behaviour the checker must handle. It records
// every request, so tests can prove what was (and was not) sent.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/flaky?case=1`. */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  requests: RecordedRequest[];
  /** Requests seen for this exact path and query. */
  hits(path: string): number;
  /** Most `/concurrent/...` requests in flight at once since the last reset. */
  maxInFlight: number;
  resetInFlight(): void;
  /** Bytes written for each `/huge...` response by the time its connection closed. */
  hugeBytesSent: number[];
  close(): Promise<void>;
}

const HUGE_BODY_BYTES = 1024 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

export async function startTestServer(): Promise<TestServer> {
  const state: Omit<TestServer, 'port' | 'origin' | 'hits' | 'resetInFlight' | 'close'> = {
    requests: [],
    maxInFlight: 0,
    hugeBytesSent: [],
  };
  let inFlight = 0;
  const route = (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    state.requests.push({ method: request.method ?? '', path, headers: request.headers });
    const { pathname } = new URL(path, 'http://127.0.0.1');
    const hits = state.requests.filter((seen) => seen.path === path).length;
    const isHead = request.method === 'HEAD';

    if (pathname.startsWith('/concurrent/')) {
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        respond(response, 200);
      }, 120);
      return;
    }
    const chain = /^\/chain\/(\d+)$/.exec(pathname);
    if (chain) {
      const remaining = Number(chain[1]);
      return remaining === 0 ? respond(response, 200) : redirect(response, 302, `/chain/${remaining - 1}`);
    }
    switch (pathname) {
      case '/ok':
      case '/echo':
        return respond(response, 200);
      case '/moved':
        return redirect(response, 301, '/ok');
      case '/loop/a':
        return redirect(response, 302, '/loop/b');
      case '/loop/b':
        return redirect(response, 302, '/loop/a');
      case '/missing':
        return respond(response, 404);
      case '/gone':
        return respond(response, 410);
      case '/forbidden':
        return respond(response, 403, { server: 'nginx' });
      case '/cloudflare':
        return respond(response, 403, { server: 'cloudflare', 'cf-mitigated': 'challenge' });
      case '/challenge-in-body':
        return respond(response, 403, {}, '<html><head><title>Just a moment...</title></head></html>');
      case '/rate-limited-once':
        return hits === 1 ? respond(response, 429, { 'retry-after': '1' }) : respond(response, 200);
      case '/rate-limited-long':
        return respond(response, 429, { 'retry-after': '3600' });
      case '/head-not-allowed':
        return isHead ? respond(response, 405, { allow: 'GET' }) : respond(response, 200);
      case '/flaky':
        return hits === 1 ? respond(response, 500) : respond(response, 200);
      case '/always-unavailable':
        return respond(response, 503);
      case '/slow':
        return; // Never answers; the connection is closed when the server closes.
      case '/huge':
        return isHead ? respond(response, 405) : streamHugeBody(response, 200, state.hugeBytesSent);
      case '/huge-forbidden':
        return isHead ? respond(response, 403) : streamHugeBody(response, 403, state.hugeBytesSent);
      case '/redirect-to-metadata':
        return redirect(response, 302, 'http://169.254.169.254/latest/meta-data/');
      case '/redirect-to-private':
        return redirect(response, 302, 'http://10.0.0.1/');
      case '/redirect-to-ftp':
        return redirect(response, 302, 'ftp://files.example/');
      default:
        return respond(response, 404);
    }
  };

  const server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    port,
    origin: `http://127.0.0.1:${port}`,
    hits: (path: string) => state.requests.filter((seen) => seen.path === path).length,
    resetInFlight: () => {
      state.maxInFlight = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function respond(response: ServerResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  response.writeHead(status, { 'content-type': 'text/html', ...headers });
  response.end(body);
}

function redirect(response: ServerResponse, status: number, location: string): void {
  respond(response, status, { location });
}

/** Streams up to 1 GiB, respecting backpressure, and records how much went out before the client left. */
function streamHugeBody(response: ServerResponse, status: number, record: number[]): void {
  response.writeHead(status, { 'content-type': 'text/html', 'content-length': String(HUGE_BODY_BYTES) });
  let sent = 0;
  response.on('close', () => record.push(sent));
  const pump = () => {
    while (!response.destroyed && sent < HUGE_BODY_BYTES) {
      sent += CHUNK.length;
      if (!response.write(CHUNK)) return void response.once('drain', pump);
    }
    response.end();
  };
  pump();
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
