import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_FILE_NAME, createExternalLinkChecker, type ExternalCheckOptions } from '../../../../../server/src/features/links/external';
import { closedPort, startTestServer, type TestServer } from './test-server';

describe('external link checker: result cache', () => {
  let server: TestServer;
  let cacheDir: string;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'marginalia-links-'));
  });
  afterEach(() => rm(cacheDir, { recursive: true, force: true }));

  // A fresh checker per call, so nothing is remembered in memory: only the file carries results over.
  const checkWithCache = (path: string, options: Partial<ExternalCheckOptions> = {}) =>
    createExternalLinkChecker({ allowList: ['127.0.0.1'], cacheDir, retryBaseDelayMs: 20, ...options }).check(`${server.origin}${path}`);
  const cacheFile = () => join(cacheDir, CACHE_FILE_NAME);
  const readCache = async () => JSON.parse(await readFile(cacheFile(), 'utf8'));

  it('answers a second check of an ok link from the cache file', async () => {
    const first = await checkWithCache('/ok?cache=hit');
    assert.equal(first.status, 'ok');
    assert.equal(first.fromCache, undefined);
    const hits = server.hits('/ok?cache=hit');
    const second = await checkWithCache('/ok?cache=hit');
    assert.equal(second.status, 'ok');
    assert.equal(second.fromCache, true);
    assert.equal(second.message, first.message);
    assert.equal(server.hits('/ok?cache=hit'), hits, 'no request for the cached link');
  });

  it('caches 404s, which will most likely still be dead tomorrow', async () => {
    await checkWithCache('/missing?cache=dead');
    const hits = server.hits('/missing?cache=dead');
    const second = await checkWithCache('/missing?cache=dead');
    assert.equal(second.status, 'dead');
    assert.equal(second.fromCache, true);
    assert.equal(server.hits('/missing?cache=dead'), hits);
  });

  it('checks an entry again once it is older than the max age', async () => {
    await checkWithCache('/ok?cache=expired');
    const file = await readCache();
    const url = `${server.origin}/ok?cache=expired`;
    file.entries[url].checkedAt = Date.now() - 2 * 24 * 60 * 60 * 1000;
    await writeFile(cacheFile(), JSON.stringify(file));
    const second = await checkWithCache('/ok?cache=expired');
    assert.equal(second.fromCache, undefined);
    assert.equal(server.hits('/ok?cache=expired'), 2);
    assert.ok((await readCache()).entries[url].checkedAt > Date.now() - 60_000, 'the entry was refreshed');
  });

  it('honours a shorter max age', async () => {
    await checkWithCache('/ok?cache=short');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await checkWithCache('/ok?cache=short', { cacheMaxAgeMs: 20 });
    assert.equal(second.fromCache, undefined);
    assert.equal(server.hits('/ok?cache=short'), 2);
  });

  it('does not cache unverified results', async () => {
    const first = await checkWithCache('/forbidden?cache=no');
    assert.equal(first.status, 'unverified');
    const hits = server.hits('/forbidden?cache=no');
    const second = await checkWithCache('/forbidden?cache=no');
    assert.equal(second.fromCache, undefined);
    assert.equal(server.hits('/forbidden?cache=no'), 2 * hits);
    await assert.rejects(readFile(cacheFile()), { code: 'ENOENT' }, 'nothing worth writing');
  });

  it('does not cache a refused connection, which may be the network rather than the link', async () => {
    const checker = createExternalLinkChecker({ allowList: ['127.0.0.1'], cacheDir });
    const result = await checker.check(`http://127.0.0.1:${await closedPort()}/`);
    assert.equal(result.status, 'dead');
    await assert.rejects(readFile(cacheFile()), { code: 'ENOENT' });
  });

  it('ignores a corrupt cache file and rewrites it', async () => {
    await writeFile(cacheFile(), '{"version": 1, "entries": {"http://a/": tru');
    const result = await checkWithCache('/ok?cache=corrupt');
    assert.equal(result.status, 'ok');
    const rewritten = await readCache();
    assert.deepEqual(Object.keys(rewritten.entries), [`${server.origin}/ok?cache=corrupt`]);
  });

  it('drops malformed entries and keeps the good ones', async () => {
    await checkWithCache('/ok?cache=keep');
    const file = await readCache();
    file.entries['http://bogus.invalid/'] = { status: 'unverified', url: 'http://bogus.invalid/' };
    file.entries['http://other.invalid/'] = 42;
    await writeFile(cacheFile(), JSON.stringify(file));
    const hits = server.hits('/ok?cache=keep');
    assert.equal((await checkWithCache('/ok?cache=keep')).fromCache, true);
    assert.equal(server.hits('/ok?cache=keep'), hits);
  });

  it('writes atomically, leaving no temporary files behind', async () => {
    const checker = createExternalLinkChecker({ allowList: ['127.0.0.1'], cacheDir });
    await checker.checkAll(Array.from({ length: 5 }, (_, index) => `${server.origin}/ok?cache=burst-${index}`));
    assert.deepEqual(await readdir(cacheDir), [CACHE_FILE_NAME]);
    assert.equal(Object.keys((await readCache()).entries).length, 5);
  });

  it('keeps checking when the cache directory cannot be written', async () => {
    const notADirectory = join(cacheDir, 'file');
    await writeFile(notADirectory, '');
    const checker = createExternalLinkChecker({ allowList: ['127.0.0.1'], cacheDir: notADirectory });
    const result = await checker.check(`${server.origin}/ok?cache=unwritable`);
    assert.equal(result.status, 'ok');
  });
});
