// How editors start the server: over stdio (most editors) or Node IPC (VS Code), and what happens on a
// command line that names neither, or when the editor goes away.
import assert from 'node:assert/strict';
import { fork, spawn, spawnSync } from 'node:child_process';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { SERVER_JS, withTimeout } from './lspClient';

describe('starting the server', function () {
  this.timeout(30_000);

  it('names the transports it takes and exits with 2 when the command line gives none', () => {
    const run = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--stdio \| --node-ipc \| --socket=PORT \| --pipe=NAME/);
    assert.equal(run.stdout, '');
  });

  it('answers over Node IPC, as VS Code starts it, in UTF-16', async () => {
    const child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const answer = await withTimeout(
        connection.sendRequest<{ capabilities: { positionEncoding?: string; hoverProvider?: unknown } }>('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
        }),
        10_000,
        'no answer to initialize over IPC',
      );
      assert.equal(answer.capabilities.positionEncoding, 'utf-16');
      assert.ok(answer.capabilities.hoverProvider);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('exits when the editor closes its input without asking it to, rather than staying behind', async () => {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end();
    assert.equal(await withTimeout(exited, 10_000, 'the server stayed after its input closed'), 1);
  });
});
