import assert from 'node:assert/strict';
import {
  checkExternalLinks,
  createExternalLinkChecker,
  type CheckProgress,
  type ExternalCheckOptions,
  type HostResolver,
} from '../../../../../server/src/features/links/external';
import { startTestServer, type TestServer } from './test-server';

const LOCAL: Partial<ExternalCheckOptions> = { allowList: ['127.0.0.1'], retryBaseDelayMs: 20, timeoutMs: 2000 };

// Every *.test name is served by the local test server, so several "hosts" can share it.
const resolveToLoopback: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];

describe('external link checker: concurrency, progress and cancellation', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());
  beforeEach(() => server.resetInFlight());

  const concurrentUrls = (host: string, count: number, tag: string) =>
    Array.from({ length: count }, (_, index) => `http://${host}:${server.port}/concurrent/${tag}-${index}`);

  it('sends at most maxConcurrentPerHost requests to one host at a time', async () => {
    const results = await checkExternalLinks(concurrentUrls('127.0.0.1', 6, 'per-host'), {
      ...LOCAL,
      maxConcurrentPerHost: 2,
      maxConcurrent: 8,
    });
    assert.ok([...results.values()].every((result) => result.status === 'ok'));
    assert.equal(server.maxInFlight, 2);
  });

  it('sends at most maxConcurrent requests in total across hosts', async () => {
    const urls = ['a.test', 'b.test', 'c.test'].flatMap((host) => concurrentUrls(host, 3, `global-${host}`));
    const results = await checkExternalLinks(urls, {
      ...LOCAL,
      resolveHost: resolveToLoopback,
      maxConcurrentPerHost: 2,
      maxConcurrent: 3,
    });
    assert.equal(results.size, 9);
    assert.ok([...results.values()].every((result) => result.status === 'ok'));
    assert.equal(server.maxInFlight, 3);
  });

  it('reports progress once per URL and keys results by the URLs as given', async () => {
    const urls = [`${server.origin}/ok#intro`, `${server.origin}/ok#usage`, `${server.origin}/missing`, 'mailto:a@b.c'];
    const progress: CheckProgress[] = [];
    const before = server.hits('/ok');
    const results = await createExternalLinkChecker(LOCAL).checkAll(urls, {
      onProgress: (update) => progress.push(update),
    });
    assert.deepEqual([...results.keys()], urls);
    assert.deepEqual(
      urls.map((url) => results.get(url)?.status),
      ['ok', 'ok', 'dead', 'skipped'],
    );
    assert.equal(server.hits('/ok') - before, 1, 'two fragments of one page cost one request');
    assert.deepEqual(
      progress.map(({ done, total }) => [done, total]),
      [
        [1, 4],
        [2, 4],
        [3, 4],
        [4, 4],
      ],
    );
    assert.deepEqual(new Set(progress.map(({ url }) => url)), new Set(urls));
  });

  it('stops promptly when aborted, even with a long request timeout', async () => {
    const controller = new AbortController();
    const urls = [`${server.origin}/slow`, ...concurrentUrls('127.0.0.1', 4, 'abort')];
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(
      checkExternalLinks(urls, { ...LOCAL, timeoutMs: 10_000 }, { signal: controller.signal }),
      (error: Error) => error.name === 'AbortError',
    );
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const before = server.requests.length;
    await assert.rejects(
      checkExternalLinks([`${server.origin}/ok?never`], LOCAL, { signal: AbortSignal.abort() }),
      (error: Error) => error.name === 'AbortError',
    );
    assert.equal(server.requests.length, before);
  });

  it('cuts a Retry-After wait short when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(
      createExternalLinkChecker(LOCAL).check(`${server.origin}/rate-limited-once?abort`, controller.signal),
      (error: Error) => error.name === 'AbortError',
    );
    assert.ok(Date.now() - started < 800, `took ${Date.now() - started} ms`);
    assert.equal(server.hits('/rate-limited-once?abort'), 1);
  });
});
