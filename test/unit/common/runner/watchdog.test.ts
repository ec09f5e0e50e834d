// A host (the CLI, the extension host) that dies without cleaning up must take its snippets'
// processes with it. Each test starts a real Node process as the host, lets it start a snippet,
// and ends it the way a crash would.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { eventually, processesMatching, uniqueSleepArgument } from './helpers';

const SNIPPETS = path.resolve(__dirname, '../../../../common/runner');

/** Prints its host marker, then runs `script` with no time limit; `exitAfterMs` ends it the plain way. */
const HOST_PROGRAM = `
const { runScript } = require(${JSON.stringify(path.join(SNIPPETS, 'runner'))});
const { HOST_MARKER } = require(${JSON.stringify(path.join(SNIPPETS, 'runMarker'))});
process.stdout.write(HOST_MARKER + '\\n');
void runScript({ script: process.argv[1], cwd: require('node:os').tmpdir(), timeoutMs: 0 });
const exitAfterMs = Number(process.argv[2]);
if (exitAfterMs > 0) setTimeout(() => process.exit(0), exitAfterMs);
`;

interface Host {
  child: ChildProcess;
  marker: Promise<string>;
  exited: Promise<void>;
}

function startHost(script: string, exitAfterMs = 0): Host {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', HOST_PROGRAM, script, String(exitAfterMs)], {
    cwd: path.resolve(__dirname, '../../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const marker = new Promise<string>((resolve) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, marker, exited };
}

/** The sleep processes themselves, not the shell whose command line mentions them. */
const sleepsOf = (marker: string) => processesMatching(`sleep ${marker}`).filter((line) => /^\s*\d+\s+\d+\s+\S+\s+sleep /.test(line));

describe('snippets: the watchdog', function () {
  this.timeout(60_000);

  it('ends a run’s processes, in its group and out of it, when the host is killed with SIGKILL', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const host = startHost(`setsid sleep ${a} & sleep ${b}`);
    assert.ok(await eventually(() => sleepsOf(a).length === 1 && sleepsOf(b).length === 1, 20_000), 'both sleeps started');
    host.child.kill('SIGKILL');
    await host.exited;
    assert.ok(await eventually(() => sleepsOf(a).length === 0 && sleepsOf(b).length === 0, 10_000), 'no sleep outlives the host');
  });

  it('ends them when the host exits without stopping its runs, and then goes away itself', async () => {
    const a = uniqueSleepArgument();
    const host = startHost(`set -m; sleep ${a} & wait`, 1500);
    const marker = await host.marker;
    assert.ok(await eventually(() => sleepsOf(a).length === 1, 20_000), 'the sleep started');
    await host.exited;
    assert.ok(await eventually(() => sleepsOf(a).length === 0, 10_000), 'no sleep outlives the host');
    assert.ok(await eventually(() => processesMatching(marker).length === 0, 10_000), 'the watchdog is gone too');
  });
});
