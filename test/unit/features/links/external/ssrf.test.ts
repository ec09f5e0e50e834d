import assert from 'node:assert/strict';
import {
  createExternalLinkChecker,
  type ExternalCheckOptions,
  type ExternalLinkResult,
  type HostResolver,
  type OutgoingRequest,
} from '../../../../../server/src/features/links/external';
import { startTestServer, type TestServer } from './test-server';

describe('external link checker: SSRF guard', () => {
  let server: TestServer;
  let sent: OutgoingRequest[];
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());
  beforeEach(() => {
    sent = [];
  });

  const checker = (options: Partial<ExternalCheckOptions> = {}) =>
    createExternalLinkChecker({ timeoutMs: 2000, onRequest: (request) => sent.push(request), ...options });

  function expectBlocked(result: ExternalLinkResult, address: string, range: string) {
    assert.equal(result.status, 'blocked', result.message);
    if (result.status !== 'blocked') return;
    assert.equal(result.address, address);
    assert.equal(result.range, range);
    assert.match(result.message, new RegExp(`${address.replace(/[.[\]]/g, '\\$&')}, an? ${range} address`));
  }

  it('refuses 127.0.0.1 by default, without connecting', async () => {
    const before = server.requests.length;
    expectBlocked(await checker().check(`${server.origin}/ok`), '127.0.0.1', 'loopback');
    assert.equal(server.requests.length, before);
    assert.deepEqual(sent, []);
  });

  it('checks 127.0.0.1 once it is allow-listed', async () => {
    const result = await checker({ allowList: ['127.0.0.1'] }).check(`${server.origin}/ok`);
    assert.equal(result.status, 'ok', result.message);
    assert.deepEqual(
      sent.map((request) => request.addresses),
      [['127.0.0.1']],
    );
  });

  it('checks anything when the guard is turned off', async () => {
    const result = await checker({ ssrfGuard: false }).check(`${server.origin}/ok`);
    assert.equal(result.status, 'ok', result.message);
  });

  for (const [name, host] of [
    ['decimal', '2130706433'],
    ['hexadecimal', '0x7f.1'],
    ['octal', '0177.0.0.1'],
  ]) {
    it(`refuses loopback written in ${name} (http://${host}/)`, async () => {
      expectBlocked(await checker().check(`http://${host}:${server.port}/ok`), '127.0.0.1', 'loopback');
      assert.deepEqual(sent, []);
    });
  }

  it('refuses loopback written as an IPv4-mapped IPv6 literal', async () => {
    expectBlocked(await checker().check(`http://[::ffff:127.0.0.1]:${server.port}/ok`), '::ffff:7f00:1', 'loopback');
    assert.deepEqual(sent, []);
  });

  it('refuses a redirect to the metadata address even though 127.0.0.1 is allowed', async () => {
    const result = await checker({ allowList: ['127.0.0.1'] }).check(`${server.origin}/redirect-to-metadata`);
    expectBlocked(result, '169.254.169.254', 'cloud metadata');
    assert.equal(result.status === 'blocked' && result.redirects, 1);
    assert.match(result.message, /it redirects to http:\/\/169\.254\.169\.254\/latest\/meta-data\//);
    assert.deepEqual(
      sent.map((request) => request.addresses),
      [['127.0.0.1']],
      'only the first hop went out',
    );
  });

  it('refuses a redirect to a private address', async () => {
    const result = await checker({ allowList: ['127.0.0.1'] }).check(`${server.origin}/redirect-to-private`);
    expectBlocked(result, '10.0.0.1', 'private');
    assert.equal(sent.length, 1);
  });

  it('refuses metadata host names before resolving them', async () => {
    const looked: string[] = [];
    const resolveHost: HostResolver = async (hostname) => {
      looked.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const guarded = checker({ resolveHost, allowList: ['metadata.google.internal', '169.254.0.0/16'] });
    const result = await guarded.check('http://metadata.google.internal./computeMetadata/v1/');
    expectBlocked(result, 'metadata.google.internal', 'cloud metadata');
    assert.deepEqual(looked, []);
    assert.deepEqual(sent, []);
  });

  it('refuses a host when any one of its addresses is blocked', async () => {
    const resolveHost: HostResolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '192.168.1.20', family: 4 },
    ];
    expectBlocked(await checker({ resolveHost }).check('https://mixed.invalid/'), '192.168.1.20', 'private');
    assert.deepEqual(sent, []);
  });

  it('connects only to the vetted address, never resolving the name again', async () => {
    // The system resolver cannot resolve .invalid names, so success proves the connection used the
    // address this resolver vetted.
    const resolveHost: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await checker({ resolveHost, allowList: ['127.0.0.1'] }).check(`http://pinned.invalid:${server.port}/echo?probe=pinned`);
    assert.equal(result.status, 'ok', result.message);
    const seen = server.requests.find((request) => request.path === '/echo?probe=pinned');
    assert.equal(seen?.headers.host, `pinned.invalid:${server.port}`, 'the Host header still names the host');
  });

  it('lets an allow-listed host name resolve to a private address', async () => {
    const resolveHost: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await checker({ resolveHost, allowList: ['Wiki.Internal.invalid'] }).check(
      `http://wiki.internal.invalid:${server.port}/ok`,
    );
    assert.equal(result.status, 'ok', result.message);
  });

  it('never lets an allow-listed host name reach a metadata address', async () => {
    const resolveHost: HostResolver = async () => [{ address: '169.254.169.254', family: 4 }];
    const result = await checker({ resolveHost, allowList: ['wiki.internal.invalid'] }).check('http://wiki.internal.invalid/');
    expectBlocked(result, '169.254.169.254', 'cloud metadata');
    assert.deepEqual(sent, []);
  });
});
