import assert from 'node:assert/strict';
import { existsSync, readlinkSync } from 'node:fs';
import { getPriority } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const MODULE = path.resolve(__dirname, '../../../server/src/parse/threadPriority.ts');

/** Runs `lowerThisThreadsPriority` in a worker thread and returns the nice values it saw, its own and the main thread's. */
function niceValuesSeenByAWorker(): Promise<{ worker: number; main: number }> {
  const code = `
    require('tsx/cjs');
    const { readlinkSync } = require('node:fs');
    const { getPriority } = require('node:os');
    const { parentPort } = require('node:worker_threads');
    require(${JSON.stringify(MODULE)}).lowerThisThreadsPriority();
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    parentPort.postMessage({ worker: getPriority(threadId), main: getPriority(process.pid) });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('the priority of parse threads', () => {
  before(function () {
    if (!existsSync('/proc/thread-self')) this.skip();
  });

  it('is lowered for the thread that asks, leaving the main thread (requests) at its own priority', async () => {
    const mainBefore = getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()));
    const seen = await niceValuesSeenByAWorker();
    assert.ok(seen.worker > mainBefore, `worker nice ${seen.worker}, main ${mainBefore}`);
    assert.equal(seen.main, mainBefore);
  });
});
