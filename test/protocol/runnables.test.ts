import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunnableBlock } from '../../common/runner/runnable';
import { LspTestClient } from './lspClient';

const NOTE =
  '# GPU\n\n```bash {name=gpu-check timeout=5}\nnvidia-smi\n```\n\n```cpp file=tb.cpp\nint main() {}\n```\n\n# Other\n\n```console\nno prompt\n```\n';

describe('marginalia/runnables: the shell blocks of a note, as data', function () {
  this.timeout(60_000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-runnables-'));
    writeFileSync(path.join(root, 'gpu.md'), NOTE);
    // Untrusted: the blocks are data, and the client needs their lines to explain why nothing runs.
    client = await LspTestClient.start(root, { trusted: false });
  });

  after(async () => {
    await client.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  function runnables(uri: string): Promise<RunnableBlock[]> {
    return client.connection.sendRequest('marginalia/runnables', { textDocument: { uri } }) as Promise<RunnableBlock[]>;
  }

  it('sends each shell block with its lines, name and whole run plan', async () => {
    const uri = await client.open('gpu.md', NOTE);
    const [gpu, transcript, ...rest] = await runnables(uri);
    assert.deepEqual(rest, []);
    assert.deepEqual(
      { line: gpu.line, endLine: gpu.endLine, name: gpu.name, hasCommands: gpu.hasCommands },
      { line: 2, endLine: 4, name: 'gpu-check', hasCommands: true },
    );
    assert.deepEqual(gpu.plan, {
      script: 'nvidia-smi',
      lang: 'bash',
      options: { name: 'gpu-check', timeoutSec: 5 },
      files: [{ name: 'tb.cpp', content: 'int main() {}\n', line: 6 }],
      errors: [],
      warnings: [],
    });
    assert.deepEqual(
      { line: transcript.line, hasCommands: transcript.hasCommands, files: transcript.plan.files },
      { line: 12, hasCommands: false, files: [] },
    );
  });

  it('answers for the text the editor holds, after its latest edit', async () => {
    const uri = client.uri('gpu.md');
    const edited = NOTE.replace('nvidia-smi', 'nvcc -V');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    const [gpu] = await runnables(uri);
    assert.equal(gpu.plan.script, 'nvcc -V');
  });
});
