// /proc as the runner reads it, checked against real processes (Linux only).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { hasEnvironmentEntry, readProcess, readProcesses } from '../../../../common/runner/processTable';

describe('snippets: the process table', function () {
  before(function () {
    if (!fs.existsSync('/proc/self/stat')) this.skip();
  });

  it('reads a process’s parent, group and start time, and lists only processes started since then', async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    try {
      const info = readProcess(child.pid!);
      assert.ok(info, 'the child is listed');
      assert.equal(info.ppid, process.pid);
      assert.equal(info.pgrp, child.pid, 'detached: leader of its own group');
      const self = readProcess(process.pid)!;
      assert.ok(info.startTicks >= self.startTicks);
      const since = readProcesses(info.startTicks)!.map((p) => p.pid);
      assert.ok(since.includes(child.pid!));
      assert.ok(!since.includes(1), 'init started long before');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    assert.equal(readProcess(child.pid!), undefined, 'gone once reaped');
  });

  it('finds an environment entry only as a whole NAME=value', async () => {
    const child = spawn('sleep', ['30'], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH, MARGINALIA_RUN: 'abc-12', OTHER: 'xMARGINALIA_RUN=abc-1' },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // until sleep has exec'd
      assert.equal(hasEnvironmentEntry(child.pid!, Buffer.from('MARGINALIA_RUN=abc-12')), true);
      assert.equal(hasEnvironmentEntry(child.pid!, Buffer.from('MARGINALIA_RUN=abc-1')), false, 'a prefix of the value');
      assert.equal(hasEnvironmentEntry(child.pid!, Buffer.from('RUN=abc-12')), false, 'a suffix of the name');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    assert.equal(hasEnvironmentEntry(child.pid!, Buffer.from('MARGINALIA_RUN=abc-12')), false, 'nothing once gone');
  });
});
