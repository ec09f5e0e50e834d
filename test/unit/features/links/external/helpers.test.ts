import assert from 'node:assert/strict';
import {
  classifyAnswer,
  classifyFailure,
  isBotWall,
  isRetryableStatus,
  RequestTimeoutError,
  type HttpAnswer,
} from '../../../../../server/src/features/links/external/classify';
import { HostLimiter, Semaphore } from '../../../../../server/src/features/links/external/limiter';
import { withDefaults } from '../../../../../server/src/features/links/external/options';
import { backoffDelay, parseRetryAfter } from '../../../../../server/src/features/links/external/retry';
import { sleep, withDeadline } from '../../../../../server/src/features/links/external/waiting';

const answer = (status: number, headers: HttpAnswer['headers'] = {}, body = ''): HttpAnswer => ({
  status,
  headers,
  body,
});

describe('Retry-After and backoff', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('1', now), 1000);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
    assert.equal(parseRetryAfter('0', now), 0);
  });

  it('reads an HTTP date, and treats a past one as "now"', () => {
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
  });

  it('ignores absent or unreadable values', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5']) {
      assert.equal(parseRetryAfter(value, now), undefined, value);
    }
  });

  it('doubles the backoff with each retry', () => {
    assert.deepEqual(
      [0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 500)),
      [500, 1000, 2000, 4000],
    );
  });

  it('gives up waiting at a deadline', async () => {
    const never = new Promise<never>(() => undefined);
    await assert.rejects(
      withDeadline(never, 20, () => new Error('too slow')),
      { message: 'too slow' },
    );
    assert.equal(await withDeadline(Promise.resolve(7), 20, () => new Error('too slow')), 7);
  });

  it('cuts a sleep short when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(sleep(5000, controller.signal), { name: 'AbortError' });
    assert.ok(Date.now() - started < 1000);
  });
});

describe('classifying answers', () => {
  it('calls only 404 and 410 dead among HTTP statuses', () => {
    const kinds = [200, 204, 301, 400, 401, 403, 404, 405, 410, 418, 429, 451, 500, 503, 999].map(
      (status) => `${status}:${classifyAnswer(answer(status, { location: '/next' })).kind}`,
    );
    assert.deepEqual(kinds, [
      '200:ok',
      '204:ok',
      '301:redirect',
      '400:unverified',
      '401:unverified',
      '403:unverified',
      '404:dead',
      '405:unverified',
      '410:dead',
      '418:unverified',
      '429:unverified',
      '451:unverified',
      '500:unverified',
      '503:unverified',
      '999:unverified',
    ]);
  });

  it('explains statuses in words', () => {
    const detail = (status: number) => {
      const verdict = classifyAnswer(answer(status));
      return 'detail' in verdict ? verdict.detail : '';
    };
    assert.equal(detail(401), '401 Unauthorized (the page requires signing in)');
    assert.equal(detail(999), '999 (the site blocks automated checks)');
    assert.equal(detail(502), '502 Bad Gateway (server error)');
  });

  it('retries timeouts, rate limits and transient server errors only', () => {
    const retryable = [200, 404, 408, 429, 500, 501, 502, 503, 504, 505, 522].filter(isRetryableStatus);
    assert.deepEqual(retryable, [408, 429, 500, 502, 503, 504, 522]);
  });

  it('treats a redirect without Location as unverified', () => {
    const verdict = classifyAnswer(answer(302));
    assert.equal(verdict.kind, 'unverified');
    assert.equal(verdict.kind === 'unverified' && verdict.reason, 'bad-redirect');
  });

  it('recognises bot walls by header, server or body, only on statuses they use', () => {
    assert.equal(isBotWall(answer(403, { 'cf-mitigated': 'challenge' })), true);
    assert.equal(isBotWall(answer(503, { server: 'cloudflare' })), true);
    assert.equal(isBotWall(answer(403, {}, '<title>Just a moment...</title>')), true);
    assert.equal(isBotWall(answer(403, {}, '<script src="https://ct.captcha-delivery.com/c.js">')), true);
    assert.equal(isBotWall(answer(403, { server: 'nginx' }, 'Forbidden')), false);
    assert.equal(isBotWall(answer(404, { server: 'cloudflare' })), false);
    assert.equal(isBotWall(answer(200, { 'cf-mitigated': 'challenge' })), false);
  });
});

describe('classifying network failures', () => {
  const failure = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });
  const judge = (error: unknown) => {
    const { kind, reason, sameForGet } = classifyFailure(error, 'example.com');
    return { kind, reason, sameForGet };
  };

  it('calls unknown hosts and refused connections dead', () => {
    assert.deepEqual(judge(failure('ENOTFOUND')), { kind: 'dead', reason: 'dns', sameForGet: true });
    assert.deepEqual(judge(failure('ECONNREFUSED')), { kind: 'dead', reason: 'refused', sameForGet: true });
  });

  it('calls temporary DNS trouble, timeouts, resets and TLS problems unverified', () => {
    assert.equal(judge(failure('EAI_AGAIN')).reason, 'dns-temporary');
    assert.deepEqual(judge(new RequestTimeoutError(10_000)), {
      kind: 'unverified',
      reason: 'timeout',
      sameForGet: false,
    });
    assert.deepEqual(judge(failure('ECONNRESET')), { kind: 'unverified', reason: 'network', sameForGet: false });
    assert.equal(judge(failure('EHOSTUNREACH')).reason, 'network');
    for (const code of ['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO']) {
      assert.deepEqual(judge(failure(code)), { kind: 'unverified', reason: 'tls', sameForGet: true }, code);
    }
  });

  it('reads the code from the first failure when several addresses were tried', () => {
    const error = new AggregateError([failure('ECONNREFUSED'), failure('ECONNREFUSED')], 'all failed');
    assert.equal(judge(error).reason, 'refused');
  });

  it('names the timeout in the message', () => {
    assert.match(classifyFailure(new RequestTimeoutError(10_000), 'example.com').detail, /10 s/);
  });
});

describe('concurrency limits', () => {
  it('queues beyond the limit and serves waiters in order', async () => {
    const slots = new Semaphore(1);
    const order: string[] = [];
    await slots.acquire();
    const second = slots.acquire().then(() => order.push('second'));
    const third = slots.acquire().then(() => order.push('third'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, []);
    slots.release();
    await second;
    slots.release();
    await third;
    assert.deepEqual(order, ['second', 'third']);
  });

  it('drops a waiter whose signal aborts, without losing the slot', async () => {
    const slots = new Semaphore(1);
    await slots.acquire();
    const controller = new AbortController();
    const abandoned = slots.acquire(controller.signal);
    controller.abort();
    await assert.rejects(abandoned, { name: 'AbortError' });
    slots.release();
    assert.equal(slots.isIdle, true);
    await slots.acquire();
    assert.equal(slots.isIdle, false);
  });

  it('runs tasks for different hosts side by side but one host within its limit', async () => {
    const limiter = new HostLimiter(10, 1);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(20);
      running--;
    };
    await Promise.all([limiter.run('a', task), limiter.run('a', task), limiter.run('a', task)]);
    assert.equal(peak, 1);
    peak = 0;
    await Promise.all([limiter.run('a', task), limiter.run('b', task), limiter.run('c', task)]);
    assert.equal(peak, 3);
  });
});

describe('options', () => {
  it('keeps defaults for settings passed as undefined and clamps limits that would stall', () => {
    const options = withDefaults({ timeoutMs: undefined, maxConcurrent: 0, maxConcurrentPerHost: -3, retries: -1 });
    assert.equal(options.timeoutMs, 10_000);
    assert.equal(options.maxConcurrent, 1);
    assert.equal(options.maxConcurrentPerHost, 1);
    assert.equal(options.retries, 0);
  });
});
