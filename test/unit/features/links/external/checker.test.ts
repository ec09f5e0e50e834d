import assert from 'node:assert/strict';
import {
  createExternalLinkChecker,
  DEFAULT_EXTERNAL_CHECK_OPTIONS,
  type ExternalCheckOptions,
  type ExternalLinkResult,
} from '../../../../../server/src/features/links/external';
import { closedPort, startTestServer, type TestServer } from './test-server';

// The test server listens on 127.0.0.1, which the SSRF guard refuses unless allow-listed.
const LOCAL: Partial<ExternalCheckOptions> = { allowList: ['127.0.0.1'], retryBaseDelayMs: 20, timeoutMs: 2000 };

describe('external link checker: HTTP behaviour', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const check = (path: string, options: Partial<ExternalCheckOptions> = {}) =>
    createExternalLinkChecker({ ...LOCAL, ...options }).check(`${server.origin}${path}`);

  function expectStatus<S extends ExternalLinkResult['status']>(
    result: ExternalLinkResult,
    status: S,
  ): Extract<ExternalLinkResult, { status: S }> {
    assert.equal(result.status, status, result.message);
    return result as Extract<ExternalLinkResult, { status: S }>;
  }

  it('reports 200 as ok, with the URL in the message', async () => {
    const result = expectStatus(await check('/ok'), 'ok');
    assert.equal(result.httpStatus, 200);
    assert.equal(result.redirects, 0);
    assert.equal(result.finalUrl, `${server.origin}/ok`);
    assert.match(result.message, new RegExp(`${server.origin}/ok is reachable \\(200 OK\\)`));
  });

  it('asks with HEAD first and sends a browser-like User-Agent, no credentials and no cookies', async () => {
    const url = `http://someone:secret@127.0.0.1:${server.port}/echo?probe=headers`;
    const result = expectStatus(await createExternalLinkChecker(LOCAL).check(url), 'ok');
    assert.equal(result.url, `${server.origin}/echo?probe=headers`, 'credentials are dropped from the URL');
    const seen = server.requests.filter((request) => request.path === '/echo?probe=headers');
    assert.deepEqual(
      seen.map((request) => request.method),
      ['HEAD'],
    );
    const headers = seen[0]!.headers;
    assert.equal(headers['user-agent'], DEFAULT_EXTERNAL_CHECK_OPTIONS.userAgent);
    assert.match(headers['user-agent'] ?? '', /^Mozilla\/5\.0 .*Chrome\/\d+/);
    assert.equal(headers.authorization, undefined);
    assert.equal(headers.cookie, undefined);
  });

  it('follows a 301 and reports the final URL and the redirect count', async () => {
    const result = expectStatus(await check('/moved'), 'ok');
    assert.equal(result.finalUrl, `${server.origin}/ok`);
    assert.equal(result.redirects, 1);
    assert.match(result.message, /after 1 redirect to /);
  });

  it('follows a chain of 302s', async () => {
    const result = expectStatus(await check('/chain/3'), 'ok');
    assert.equal(result.redirects, 3);
    assert.equal(result.finalUrl, `${server.origin}/chain/0`);
  });

  it('stops after the redirect limit and reports the link unverified', async () => {
    const result = expectStatus(await check('/chain/3', { maxRedirects: 2 }), 'unverified');
    assert.equal(result.reason, 'too-many-redirects');
    assert.match(result.message, /more than 2 redirects/);
    assert.equal(server.hits('/chain/0'), 1, 'only the earlier chain test reached the end');
  });

  it('detects a redirect loop', async () => {
    const result = expectStatus(await check('/loop/a'), 'unverified');
    assert.equal(result.reason, 'redirect-loop');
    assert.match(result.message, /redirect loop/);
  });

  it('does not follow a redirect to a non-HTTP scheme', async () => {
    const result = expectStatus(await check('/redirect-to-ftp'), 'unverified');
    assert.equal(result.reason, 'bad-redirect');
    assert.match(result.message, /ftp:\/\/files\.example\//);
  });

  it('reports 404 as dead, confirming HEAD with GET', async () => {
    const result = expectStatus(await check('/missing'), 'dead');
    assert.equal(result.code, 'link.external-dead');
    assert.equal(result.reason, 'not-found');
    assert.equal(result.httpStatus, 404);
    assert.equal(result.message, `${server.origin}/missing is dead: 404 Not Found`);
    assert.deepEqual(
      server.requests.filter((request) => request.path === '/missing').map((request) => request.method),
      ['HEAD', 'GET'],
    );
  });

  it('reports 410 as dead', async () => {
    const result = expectStatus(await check('/gone'), 'dead');
    assert.equal(result.reason, 'gone');
    assert.match(result.message, /410 Gone/);
  });

  it('falls back to GET when HEAD answers 405', async () => {
    const result = expectStatus(await check('/head-not-allowed'), 'ok');
    assert.equal(result.httpStatus, 200);
    assert.deepEqual(
      server.requests.filter((request) => request.path === '/head-not-allowed').map((request) => request.method),
      ['HEAD', 'GET'],
    );
  });

  it('waits as Retry-After asks and then retries a 429', async () => {
    const started = Date.now();
    const result = expectStatus(await check('/rate-limited-once'), 'ok');
    const elapsed = Date.now() - started;
    assert.equal(server.hits('/rate-limited-once'), 2, 'one 429, one retry');
    assert.ok(elapsed >= 950, `waited ${elapsed} ms, Retry-After asked for 1000`);
    assert.equal(result.httpStatus, 200);
  });

  it('does not wait for a Retry-After beyond the cap: the link is unverified at once', async () => {
    const started = Date.now();
    const result = expectStatus(await check('/rate-limited-long'), 'unverified');
    assert.ok(Date.now() - started < 1000);
    assert.equal(server.hits('/rate-limited-long'), 1);
    assert.equal(result.code, 'link.external-unverified');
    assert.equal(result.reason, 'rate-limited');
    assert.match(result.message, /429 Too Many Requests \(the site asks to wait 3600 s before trying again\)/);
  });

  it('retries a 500 after backing off', async () => {
    const result = expectStatus(await check('/flaky'), 'ok');
    assert.deepEqual(
      server.requests.filter((request) => request.path === '/flaky').map((request) => request.method),
      ['HEAD', 'HEAD'],
    );
    assert.equal(result.httpStatus, 200);
  });

  it('gives up after the configured retries on a persistent 503', async () => {
    const result = expectStatus(await check('/always-unavailable', { retries: 2 }), 'unverified');
    assert.equal(result.reason, 'server-error');
    assert.equal(server.hits('/always-unavailable'), 3, 'one attempt and two retries');
  });

  it('reports 403 as unverified, not dead', async () => {
    const result = expectStatus(await check('/forbidden'), 'unverified');
    assert.equal(result.reason, 'forbidden');
    assert.equal(result.message, `Could not verify ${server.origin}/forbidden: 403 Forbidden (the site blocks automated checks)`);
  });

  it('recognises a Cloudflare challenge by its headers and does not retry it', async () => {
    const result = expectStatus(await check('/cloudflare'), 'unverified');
    assert.equal(result.reason, 'bot-wall');
    assert.match(result.message, /bot check/);
    assert.equal(server.hits('/cloudflare'), 2, 'HEAD, then GET for the page; no retries');
  });

  it('recognises a challenge page by its body', async () => {
    const result = expectStatus(await check('/challenge-in-body'), 'unverified');
    assert.equal(result.reason, 'bot-wall');
  });

  it('times out a server that never answers, and finishes promptly', async () => {
    const started = Date.now();
    const result = expectStatus(await check('/slow', { timeoutMs: 150 }), 'unverified');
    assert.ok(Date.now() - started < 1500);
    assert.equal(result.reason, 'timeout');
    assert.match(result.message, /timed out/);
  });

  it('does not download a huge body it does not need', async () => {
    server.hugeBytesSent.length = 0;
    const started = Date.now();
    expectStatus(await check('/huge'), 'ok');
    await waitFor(() => server.hugeBytesSent.length === 1);
    assert.ok(Date.now() - started < 3000);
    assert.ok(server.hugeBytesSent[0]! < 64 * 1024 * 1024, `server sent ${server.hugeBytesSent[0]} bytes`);
  });

  it('reads only a capped part of a body it scans for bot walls', async () => {
    server.hugeBytesSent.length = 0;
    const result = expectStatus(await check('/huge-forbidden', { maxBodyBytes: 4096 }), 'unverified');
    assert.equal(result.reason, 'forbidden');
    await waitFor(() => server.hugeBytesSent.length === 1);
    assert.ok(server.hugeBytesSent[0]! < 64 * 1024 * 1024, `server sent ${server.hugeBytesSent[0]} bytes`);
  });

  it('reports a refused connection as dead', async () => {
    const port = await closedPort();
    const result = expectStatus(await createExternalLinkChecker(LOCAL).check(`http://127.0.0.1:${port}/`), 'dead');
    assert.equal(result.reason, 'refused');
    assert.match(result.message, /refused the connection/);
  });

  it('reports a host that does not exist as dead, naming DNS', async () => {
    // RFC 2606 reserves .invalid: the name can never resolve.
    const result = expectStatus(await createExternalLinkChecker(LOCAL).check('https://no-such-host.invalid/page'), 'dead');
    assert.equal(result.reason, 'dns');
    assert.match(result.message, /DNS lookup found no host named no-such-host\.invalid/);
  });

  it('reports a DNS lookup that never answers as unverified, within the timeout', async () => {
    const started = Date.now();
    const checker = createExternalLinkChecker({
      ...LOCAL,
      timeoutMs: 100,
      resolveHost: () => new Promise(() => undefined),
    });
    const result = expectStatus(await checker.check('https://slow-dns.invalid/'), 'unverified');
    assert.equal(result.reason, 'dns-temporary');
    assert.ok(Date.now() - started < 1000);
  });

  it('skips URLs that are not http(s), without any request', async () => {
    const checker = createExternalLinkChecker(LOCAL);
    const before = server.requests.length;
    for (const url of ['mailto:someone@example.com', 'ftp://files.example/a', 'not a url']) {
      const result = expectStatus(await checker.check(url), 'skipped');
      assert.ok(result.message.startsWith(`${url} was not checked`), result.message);
    }
    assert.equal(server.requests.length, before);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
