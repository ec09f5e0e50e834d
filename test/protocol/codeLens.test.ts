import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspTestClient } from './lspClient';

const NOTE = '# GPU\n\n```bash {name=gpu-check}\nnvidia-smi\n```\n\n```cpp file=tb.cpp\nint main() {}\n```\n\n```console\n$ nvcc -V\n```\n';

describe('code lenses over the language server protocol', function () {
  this.timeout(60_000);
  let root: string;
  const clients: LspTestClient[] = [];

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-lens-'));
    writeFileSync(path.join(root, 'gpu.md'), NOTE);
  });

  after(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  async function lensesWith(initializationOptions: Record<string, unknown>, settings: Record<string, unknown> = {}): Promise<CodeLens[]> {
    const client = await LspTestClient.start(root, initializationOptions, settings);
    clients.push(client);
    const uri = await client.open('gpu.md', NOTE);
    return (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  }

  it('offers Run, Run in terminal, Copy and Run all in a trusted workspace', async () => {
    const lenses = await lensesWith({ trusted: true });
    const titles = lenses.map((lens) => `${lens.range.start.line}: ${lens.command?.title}`);
    assert.deepEqual(titles, [
      '2: ▶ Run',
      '2: Run in terminal',
      '2: Copy',
      '2: Run all snippets in this note',
      '6: file: tb.cpp',
      '10: ▶ Run',
      '10: Run in terminal',
      '10: Copy',
    ]);
    const run = lenses[0].command;
    assert.equal(run?.command, 'marginalia.runSnippet');
    assert.deepEqual(run?.arguments, [{ uri: URI.file(path.join(root, 'gpu.md')).toString(), line: 2, name: 'gpu-check' }]);
  });

  it('offers none when the client says the workspace is not trusted', async () => {
    assert.deepEqual(await lensesWith({ trusted: false }), []);
  });

  it('offers no ▶ Run when the client does not say the workspace is trusted', async () => {
    for (const options of [{}, { trusted: 'yes' }, { trusted: 1 }]) {
      const lenses = await lensesWith(options);
      assert.ok(
        !lenses.some((lens) => lens.command?.command === 'marginalia.runSnippet'),
        `${JSON.stringify(options)}: ${JSON.stringify(lenses)}`,
      );
    }
  });

  it('offers none when marginalia.snippets.codeLens is off', async () => {
    assert.deepEqual(await lensesWith({ trusted: true }, { snippets: { codeLens: false } }), []);
  });
});
