// These tests start real shells and look for their processes with `ps` afterwards.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { killAllRuns, killAllRunsNow, runningCount } from '../../../../common/runner/processGroup';
import { runScript, type RunResult } from '../../../../common/runner/runner';
import { eventually, processesMatching, removeTempDirs, tempDir, uniqueSleepArgument } from './helpers';

const cwd = os.tmpdir();

after(removeTempDirs);

describe('snippets: running scripts', function () {
  this.timeout(30_000);

  it('reports exit code 0 and the output', async () => {
    const result = await runScript({ script: 'echo hello; printf "no newline"', cwd });
    assert.equal(result.exitCode, 0);
    assert.equal(result.signal, null);
    assert.equal(result.output, 'hello\nno newline');
    assert.equal(result.error, undefined);
    assert.equal(result.timedOut, false);
    assert.equal(result.cancelled, false);
    assert.ok(result.durationMs >= 0 && result.durationMs < 5000);
  });

  it('reports a non-zero exit', async () => {
    const result = await runScript({ script: 'echo failing >&2; exit 3', cwd });
    assert.equal(result.exitCode, 3);
    assert.equal(result.output, 'failing\n');
  });

  it('interleaves stdout and stderr in arrival order', async () => {
    const result = await runScript({ script: 'echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three', cwd });
    assert.equal(result.output, 'one\ntwo\nthree\n');
  });

  it('reports death by a signal', async () => {
    const result = await runScript({ script: 'echo before; kill -KILL $$', cwd });
    assert.equal(result.exitCode, null);
    assert.equal(result.signal, 'SIGKILL');
    assert.equal(result.output, 'before\n');
  });

  it('runs in the given directory with the given environment', async () => {
    const dir = tempDir('cwd');
    const result = await runScript({
      script: 'pwd; echo "$MARGINALIA_PROBE"',
      cwd: dir,
      env: { ...process.env, MARGINALIA_PROBE: 'probe-42' },
    });
    assert.equal(result.output, `${fs.realpathSync(dir)}\nprobe-42\n`);
  });

  it('gives the snippet a closed stdin, so a command reading it does not hang', async () => {
    const result = await runScript({ script: 'cat; read line || echo "stdin at end"', cwd, timeoutMs: 5000 });
    assert.equal(result.timedOut, false);
    assert.equal(result.output, 'stdin at end\n');
  });

  it('runs the script with the chosen shell', async () => {
    const result = await runScript({ script: 'echo "$0"', cwd, shell: 'sh' });
    assert.match(result.output, /\bsh\n$/);
  });
});

describe('snippets: stopping process trees', function () {
  this.timeout(30_000);

  it('kills the whole tree on timeout', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const started = Date.now();
    const running = runScript({ script: `sleep ${a} & sleep ${b}`, cwd, timeoutMs: 500 });
    assert.ok(await eventually(() => processesMatching(`sleep ${a}`).length > 0), 'the background sleep started');
    const result = await running;
    assert.equal(result.timedOut, true);
    assert.equal(result.cancelled, false);
    assert.equal(result.exitCode, null);
    assert.ok(Date.now() - started < 5000, 'stopped promptly');
    assert.deepEqual(processesMatching(`sleep ${a}`), []);
    assert.deepEqual(processesMatching(`sleep ${b}`), []);
  });

  it('leaves nothing behind when cancelled: sleep 1000 & sleep 1000', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const controller = new AbortController();
    const running = runScript({ script: `sleep ${a} & sleep ${b}`, cwd, signal: controller.signal });
    assert.ok(await eventually(() => processesMatching(`sleep ${a}`).length > 0 && processesMatching(`sleep ${b}`).length > 0));
    const before = processesMatching(`sleep ${a}`)[0].trim().split(/\s+/);
    const pgids = new Set([before[1], processesMatching(`sleep ${b}`)[0].trim().split(/\s+/)[1]]);
    assert.equal(pgids.size, 1, 'both sleeps share the snippet’s process group');
    controller.abort();
    const result = await running;
    assert.equal(result.cancelled, true);
    assert.equal(result.timedOut, false);
    assert.deepEqual(processesMatching(`sleep ${a}`), []);
    assert.deepEqual(processesMatching(`sleep ${b}`), []);
  });

  it('escalates to SIGKILL when the tree ignores SIGTERM', async () => {
    const a = uniqueSleepArgument();
    const started = Date.now();
    const result = await runScript({ script: `trap '' TERM; sleep ${a} & sleep ${a}; wait`, cwd, timeoutMs: 300, killGraceMs: 400 });
    assert.equal(result.timedOut, true);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(processesMatching(`sleep ${a}`), []);
  });

  it('ends background jobs the snippet leaves when its shell exits', async () => {
    const a = uniqueSleepArgument();
    const started = Date.now();
    const result = await runScript({ script: `sleep ${a} & echo started`, cwd });
    assert.equal(result.exitCode, 0);
    assert.equal(result.output, 'started\n');
    assert.ok(Date.now() - started < 5000, 'did not wait for the background job');
    assert.deepEqual(processesMatching(`sleep ${a}`), []);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runScript({ script: 'echo should-not-run', cwd, signal: controller.signal });
    assert.equal(result.cancelled, true);
    assert.equal(result.output, '');
  });

  it('kills every running snippet on killAllRuns', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const runs = [runScript({ script: `sleep ${a}`, cwd }), runScript({ script: `sleep ${b} & wait`, cwd })];
    assert.ok(await eventually(() => processesMatching(`sleep ${a}`).length > 0 && processesMatching(`sleep ${b}`).length > 0));
    assert.equal(runningCount(), 2);
    assert.equal(await killAllRuns(), 2);
    const results = await Promise.all(runs);
    assert.deepEqual(
      results.map((r) => r.cancelled),
      [true, true],
    );
    assert.equal(runningCount(), 0);
    assert.deepEqual([...processesMatching(`sleep ${a}`), ...processesMatching(`sleep ${b}`)], []);
  });

  it('SIGKILLs every running snippet at once on killAllRunsNow', async () => {
    const a = uniqueSleepArgument();
    const running = runScript({ script: `sleep ${a} & sleep ${a}`, cwd });
    // Two sleeps, and the shell whose command line holds the script.
    assert.ok(await eventually(() => processesMatching(`sleep ${a}`).length === 3));
    assert.equal(killAllRunsNow(), 1);
    assert.ok(await eventually(() => processesMatching(`sleep ${a}`).length === 0, 1000));
    const result = await running;
    assert.equal(result.signal, 'SIGKILL');
  });
});

describe('snippets: processes that leave the process group', function () {
  this.timeout(30_000);

  /** The sleep processes themselves, not the shell whose command line mentions them. */
  const sleepsOf = (marker: string) => processesMatching(`sleep ${marker}`).filter((line) => /^\s*\d+\s+\d+\s+\S+\s+sleep /.test(line));
  const startedSleeps = (...markers: string[]) => eventually(() => markers.every((m) => sleepsOf(m).length > 0), 5000);

  it('Stop ends a child started with setsid, which has a session and group of its own', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const controller = new AbortController();
    const running = runScript({ script: `setsid sleep ${a} & sleep ${b}`, cwd, signal: controller.signal });
    assert.ok(await startedSleeps(a, b), 'both sleeps started');
    controller.abort();
    const result = await running;
    assert.equal(result.cancelled, true);
    assert.deepEqual(processesMatching(`sleep ${a}`), [], 'the setsid sleep is gone');
    assert.deepEqual(processesMatching(`sleep ${b}`), []);
  });

  it('the time limit ends a background job of a shell with job control (set -m)', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const started = Date.now();
    const result = await runScript({ script: `set -m; sleep ${a} & sleep ${b}`, cwd, timeoutMs: 800 });
    assert.equal(result.timedOut, true);
    assert.ok(Date.now() - started < 10_000, 'stopped promptly');
    assert.deepEqual(processesMatching(`sleep ${a}`), [], 'the job-control sleep is gone');
    assert.deepEqual(processesMatching(`sleep ${b}`), []);
  });

  it('ends a double-forked daemon (setsid -f) the shell leaves behind, without waiting for it', async () => {
    const a = uniqueSleepArgument();
    const started = Date.now();
    const result = await runScript({ script: `setsid -f sleep ${a}; echo started`, cwd });
    assert.equal(result.exitCode, 0);
    assert.equal(result.output, 'started\n');
    assert.ok(Date.now() - started < 4000, `the run ended when its shell did (${Date.now() - started} ms)`);
    assert.deepEqual(processesMatching(`sleep ${a}`), []);
  });

  it('ends a child that cleared its environment and left the group while its parent still runs', async () => {
    const a = uniqueSleepArgument();
    const result = await runScript({ script: `env -u MARGINALIA_RUN setsid sleep ${a} & wait`, cwd, timeoutMs: 800 });
    assert.equal(result.timedOut, true);
    assert.deepEqual(processesMatching(`sleep ${a}`), []);
  });

  it('killAllRunsNow kills escaped children too', async () => {
    const a = uniqueSleepArgument();
    const running = runScript({ script: `setsid sleep ${a} & wait`, cwd });
    assert.ok(await startedSleeps(a));
    assert.equal(killAllRunsNow(), 1);
    assert.ok(await eventually(() => processesMatching(`sleep ${a}`).length === 0, 2000), 'the setsid sleep is gone');
    await running;
  });

  it('leaves other runs alone: stopping one spares a setsid child of another', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const controller = new AbortController();
    const first = runScript({ script: `setsid sleep ${a} & wait`, cwd, signal: controller.signal });
    const second = runScript({ script: `setsid sleep ${b} & wait`, cwd, timeoutMs: 60_000 });
    assert.ok(await startedSleeps(a, b));
    controller.abort();
    await first;
    assert.deepEqual(processesMatching(`sleep ${a}`), []);
    assert.equal(sleepsOf(b).length, 1, 'the other run’s sleep still runs');
    await killAllRuns();
    await second;
    assert.deepEqual(processesMatching(`sleep ${b}`), []);
  });
});

describe('snippets: time limits', function () {
  this.timeout(30_000);

  it('a limit longer than Node’s longest timer (timeout=600h) does not end the run early', async () => {
    const result = await runScript({ script: 'sleep 0.3; echo finished', cwd, timeoutMs: 600 * 3600 * 1000 });
    assert.equal(result.timedOut, false);
    assert.equal(result.exitCode, 0);
    assert.equal(result.output, 'finished\n');
  });
});

describe('snippets: output limits', function () {
  this.timeout(60_000);

  it('keeps the start and the end of long output with a marker', async () => {
    const result = await runScript({ script: 'seq 1 2000000', cwd, maxOutputBytes: 1024 * 1024 });
    assert.equal(result.exitCode, 0);
    assert.equal(result.truncated, true);
    assert.equal(result.outputBytes, 14_888_896);
    assert.ok(result.output.startsWith('1\n2\n3\n'));
    assert.ok(result.output.endsWith('1999999\n2000000\n'));
    const marker = /^… \[marginalia: ([\d.]+) MB of output omitted\] …$/m.exec(result.output);
    assert.ok(marker, 'a marker line');
    assert.equal(marker[1], ((14_888_896 - 1024 * 1024) / 1024 / 1024).toFixed(1));
    assert.ok(result.output.length < 1024 * 1024 + 200);
  });

  it('stays flat in memory for yes | head -c 200000000', async () => {
    if (global.gc) global.gc();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    let liveBytes = 0;
    let result: RunResult;
    try {
      result = await runScript({
        script: 'yes | head -c 200000000',
        cwd,
        onOutput: (text) => {
          liveBytes += text.length;
          peak = Math.max(peak, process.memoryUsage().rss);
        },
      });
    } finally {
      clearInterval(sampler);
    }
    assert.equal(result.exitCode, 0);
    assert.equal(result.outputBytes, 200_000_000, 'every byte went through the runner');
    assert.equal(result.truncated, true);
    assert.ok(result.output.length <= 4 * 1024 * 1024 + 100, `kept ${result.output.length} characters`);
    assert.ok(result.output.startsWith('y\ny\n') && result.output.endsWith('y\ny\n'));
    assert.ok(liveBytes < 50_000_000, `live updates are capped too (${liveBytes} characters)`);
    const growthMB = (peak - baseline) / 1024 / 1024;
    // Keeping the output would take 200 MB; the bound leaves room for GC lag and the 4 MB kept.
    assert.ok(growthMB < 100, `memory grew by ${growthMB.toFixed(1)} MB`);
  });

  it('streams every byte live when the host asks for all of it (seq 1 100000)', async () => {
    const updates: string[] = [];
    const result = await runScript({
      script: 'seq 1 100000',
      cwd,
      throttleMs: 50,
      liveBatchBytes: Infinity,
      onOutput: (text) => updates.push(text),
    });
    const lines = updates.join('').split('\n');
    assert.equal(lines.length, 100_001);
    assert.equal(lines[99_999], '100000');
    assert.equal(updates.join(''), result.output);
  });

  it('streams output while running, throttled', async () => {
    const updates: Array<{ at: number; text: string }> = [];
    const result = await runScript({
      script: 'for i in $(seq 1 40); do echo "tick $i"; sleep 0.02; done',
      cwd,
      throttleMs: 100,
      onOutput: (text) => updates.push({ at: Date.now(), text }),
    });
    assert.equal(updates.map((u) => u.text).join(''), result.output);
    assert.ok(updates.length >= 3, `${updates.length} updates`);
    for (let i = 1; i < updates.length - 1; i++) {
      assert.ok(updates[i].at - updates[i - 1].at >= 90, `updates ${i - 1} and ${i} are ${updates[i].at - updates[i - 1].at} ms apart`);
    }
  });
});

describe('snippets: runs that cannot start', () => {
  it('reports a missing shell by path', async () => {
    const result = await runScript({ script: 'echo hi', cwd, shell: '/nonexistent/bin/bash' });
    assert.equal(result.error, 'shell /nonexistent/bin/bash not found');
    assert.equal(result.exitCode, null);
  });

  it('reports a shell missing from PATH', async () => {
    const result = await runScript({ script: 'echo hi', cwd, shell: 'no-such-shell-marginalia' });
    assert.equal(result.error, 'shell no-such-shell-marginalia not found on PATH');
  });

  it('reports a shell that is not executable', async function () {
    const dir = tempDir('shell');
    const fake = path.join(dir, 'fakesh');
    fs.writeFileSync(fake, 'not a program', { mode: 0o644 });
    const result = await runScript({ script: 'echo hi', cwd, shell: fake });
    // root may execute anything with an x bit, but a file without any x bit is refused even to root.
    assert.equal(result.error, `shell ${fake} is not executable (permission denied)`);
  });

  it('reports a working directory that does not exist', async () => {
    const result = await runScript({ script: 'echo hi', cwd: '/nonexistent/marginalia-dir' });
    assert.equal(result.error, 'working directory /nonexistent/marginalia-dir does not exist');
  });

  it('reports a working directory that is a file', async () => {
    const file = path.join(tempDir('cwdfile'), 'note.md');
    fs.writeFileSync(file, '# note');
    assert.equal((await runScript({ script: 'echo hi', cwd: file })).error, `working directory ${file} is a file, not a directory`);
    assert.match(
      (await runScript({ script: 'echo hi', cwd: path.join(file, 'sub') })).error ?? '',
      /is not a directory \(a part of its path is a file\)/,
    );
  });

  it('reports a script the shell cannot be given', async () => {
    const result = await runScript({ script: 'echo a\0b', cwd });
    assert.match(result.error ?? '', /^could not start \/bin\/bash: /);
  });
});
