import assert from 'node:assert/strict';
import {
  createExternalLinkChecker,
  proxyRoutesFrom,
  type ExternalCheckOptions,
  type ExternalLinkResult,
  type OutgoingRequest,
} from '../../../../../server/src/features/links/external';
import { externalCheckOptions } from '../../../../../server/src/features/links/webLinks';
import { DEFAULT_CONFIG } from '../../../../../server/src/config';
import { closedPort, startTestServer, type TestServer } from './test-server';
import { startFirstBytesServer, startTestProxy, type TestProxy } from './test-proxy';

describe('external link checks behind a proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)', () => {
  let server: TestServer;
  let proxy: TestProxy;
  let sent: OutgoingRequest[];
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());
  beforeEach(async () => {
    proxy = await startTestProxy({ hosts: { 'site.test': '127.0.0.1' } });
    sent = [];
  });
  afterEach(() => proxy.close());

  /** A checker with these environment variables; the test server on 127.0.0.1 is allow-listed unless said otherwise. */
  const checker = (env: Record<string, string>, options: Partial<ExternalCheckOptions> = {}) =>
    createExternalLinkChecker({
      allowList: ['127.0.0.1'],
      timeoutMs: 3000,
      retries: 0,
      proxy: proxyRoutesFrom(env),
      onRequest: (request) => sent.push(request),
      ...options,
    });

  function expectStatus(result: ExternalLinkResult, status: ExternalLinkResult['status']): void {
    assert.equal(result.status, status, result.message);
  }

  it('reads the proxies from upper- or lower-case variables, the lower-case one first, with or without a scheme', () => {
    assert.equal(proxyRoutesFrom({}), undefined);
    assert.deepEqual(proxyRoutesFrom({ HTTPS_PROXY: '127.0.0.1:7890', NO_PROXY: 'localhost, .corp.example ,10.0.0.0/8' }), {
      https: 'http://127.0.0.1:7890/',
      noProxy: ['localhost', '.corp.example', '10.0.0.0/8'],
    });
    assert.deepEqual(proxyRoutesFrom({ http_proxy: 'http://proxy.lan:3128', HTTP_PROXY: 'http://other:1', no_proxy: '*' }), {
      http: 'http://proxy.lan:3128/',
      noProxy: ['*'],
    });
    assert.equal(proxyRoutesFrom({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' }), undefined, 'a SOCKS proxy is not spoken here');
  });

  it('forwards an http link through HTTP_PROXY, naming the whole URL, and judges the answer', async () => {
    expectStatus(await checker({ HTTP_PROXY: proxy.url }).check(`${server.origin}/missing`), 'dead');
    assert.deepEqual(
      proxy.requests.map((request) => [request.method, request.target, request.headers.host]),
      [
        ['HEAD', `${server.origin}/missing`, `127.0.0.1:${server.port}`],
        ['GET', `${server.origin}/missing`, `127.0.0.1:${server.port}`],
      ],
    );
    assert.deepEqual(
      sent.map((request) => request.proxy),
      [proxy.url.slice('http://'.length), proxy.url.slice('http://'.length)],
    );
  });

  it('tunnels an https link through https_proxy with CONNECT, and speaks TLS to the site itself, naming it', async () => {
    const site = await startFirstBytesServer();
    try {
      const resolveHost = async () => [{ address: '127.0.0.1', family: 4 as const }];
      const result = await checker({ https_proxy: proxy.url }, { resolveHost, allowList: ['site.test'] }).check(
        `https://site.test:${site.port}/page`,
      );
      assert.notEqual(result.status, 'dead', result.message);
      // HEAD, then GET after the site hung up on it: each in a tunnel of its own.
      assert.deepEqual(
        new Set(proxy.requests.map((request) => `${request.method} ${request.target}`)),
        new Set([`CONNECT site.test:${site.port}`]),
      );
      const [hello] = site.received;
      assert.equal(hello?.[0], 0x16, 'a TLS handshake record reached the site through the tunnel');
      assert.ok(hello.includes(Buffer.from('site.test')), 'the ClientHello names the site (SNI)');
    } finally {
      await site.close();
    }
  });

  it('goes directly to hosts NO_PROXY names', async () => {
    expectStatus(await checker({ HTTP_PROXY: proxy.url, NO_PROXY: 'example.org,127.0.0.1' }).check(`${server.origin}/ok`), 'ok');
    expectStatus(await checker({ HTTP_PROXY: proxy.url, no_proxy: `127.0.0.0/8:${server.port}` }).check(`${server.origin}/ok`), 'ok');
    assert.deepEqual(proxy.requests, []);
    assert.ok(sent.every((request) => request.proxy === undefined));
  });

  it('still vets the site: a loopback or private address is refused, and the proxy is never asked', async () => {
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url };
    expectStatus(await checker(env, { allowList: [] }).check(`${server.origin}/ok`), 'blocked');
    const resolveHost = async () => [{ address: '10.1.2.3', family: 4 as const }];
    expectStatus(await checker(env, { resolveHost }).check('https://intranet.example/'), 'blocked');
    expectStatus(await checker(env).check('http://169.254.169.254/latest/meta-data/'), 'blocked');
    assert.deepEqual(proxy.requests, []);
    assert.deepEqual(sent, []);
  });

  it('does not send a link whose host cannot be looked up here, and calls it unverified, not dead', async () => {
    const resolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const result = await checker({ HTTPS_PROXY: proxy.url }, { resolveHost }).check('https://only-the-proxy-knows.example/');
    expectStatus(result, 'unverified');
    assert.match(result.message, /could not be vetted/);
    assert.deepEqual(proxy.requests, []);
  });

  it('calls a link unverified, never dead, when the proxy is down or refuses the tunnel', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const viaDownProxy = await checker({ HTTP_PROXY: down }).check(`${server.origin}/ok`);
    expectStatus(viaDownProxy, 'unverified');
    assert.match(viaDownProxy.message, /proxy 127\.0\.0\.1:\d+ could not be used/);
    const refusing = await startTestProxy({ refuseConnect: 403 });
    try {
      const resolveHost = async () => [{ address: '127.0.0.1', family: 4 as const }];
      const refused = await checker({ HTTPS_PROXY: refusing.url }, { resolveHost, allowList: ['site.test'] }).check('https://site.test/');
      expectStatus(refused, 'unverified');
      assert.match(refused.message, /answered 403 to CONNECT site\.test:443/);
    } finally {
      await refusing.close();
    }
  });

  it('is what the server and the CLI use: their options take the proxies from the environment', () => {
    const options = externalCheckOptions(DEFAULT_CONFIG.links.external, undefined, {
      https_proxy: 'http://127.0.0.1:7890',
      NO_PROXY: 'localhost',
    });
    assert.deepEqual(options.proxy, { https: 'http://127.0.0.1:7890/', noProxy: ['localhost'] });
    assert.equal(externalCheckOptions(DEFAULT_CONFIG.links.external, undefined, {}).proxy, undefined);
  });
});
