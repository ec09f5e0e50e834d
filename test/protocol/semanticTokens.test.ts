// Names with cards marked over stdio: the legend the server states, the tokens of a range on small
// Chinese notes, the whole note for a client that cannot ask for a range, and the setting that stops it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient } from './lspClient';

const NOTES = {
  'gemmini.md': '- Gemmini: https://github.com/ucb-bar/gemmini\n',
  'papers.md': '- [FlashAttention: Fast and Memory-Efficient Exact Attention](https://arxiv.org/abs/2205.14135)\n',
  'plan.md': '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构\n\n读 FlashAttention 的论文。\n',
};
const RANGES = { semanticTokens: { requests: { range: true, full: true } } };
const NO_RANGES = { semanticTokens: { requests: { full: true } } };

interface Capabilities {
  semanticTokensProvider?: { legend: { tokenTypes: string[]; tokenModifiers: string[] }; range?: boolean; full?: boolean };
}

describe('names with cards, marked as semantic tokens over stdio', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-semantic-tokens-'));
    for (const [name, text] of Object.entries(NOTES)) writeFileSync(path.join(root, name), text);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function withServer(
    textDocument: Record<string, unknown>,
    settings: Record<string, unknown>,
    test: (client: LspTestClient) => Promise<void>,
  ): Promise<void> {
    const client = await LspTestClient.start(root, {}, settings, { textDocument });
    try {
      await test(client);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  }

  it('a client that asks for ranges gets the legend, ranges only, and exactly Gemmini on the line asked for', async () => {
    await withServer(RANGES, {}, async (client) => {
      const provider = (client.capabilities as Capabilities).semanticTokensProvider;
      assert.deepEqual(provider, {
        legend: { tokenTypes: ['marginaliaEntity'], tokenModifiers: ['project', 'paper', 'article', 'shared', 'definition'] },
        range: true,
        full: false,
      });
      const line = { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } };
      const tokens = await client.connection.sendRequest('textDocument/semanticTokens/range', {
        textDocument: { uri: client.uri('plan.md') },
        range: line,
      });
      // Line 2, character 2, 7 long, type 0 (marginaliaEntity), modifier bit 0 (project).
      assert.deepEqual(tokens, { data: [2, 2, 7, 0, 1] });
    });
  });

  it('a client that cannot gets the whole note: the project, then the paper', async () => {
    await withServer(NO_RANGES, {}, async (client) => {
      assert.equal((client.capabilities as Capabilities).semanticTokensProvider?.full, true);
      const tokens = await client.connection.sendRequest('textDocument/semanticTokens/full', {
        textDocument: { uri: client.uri('plan.md') },
      });
      assert.deepEqual(tokens, { data: [2, 2, 7, 0, 0b01, 2, 2, 14, 0, 0b10] });
    });
  });

  it('asks the client to fetch the marks again when a name is defined in another note, which then marks it here', async () => {
    const client = await LspTestClient.start(
      root,
      {},
      {},
      { textDocument: RANGES, workspace: { semanticTokens: { refreshSupport: true } } },
    );
    try {
      let refreshes = 0;
      client.connection.onRequest('workspace/semanticTokens/refresh', () => {
        refreshes++;
        return null;
      });
      const marks = async () =>
        (
          (await client.connection.sendRequest('textDocument/semanticTokens/range', {
            textDocument: { uri: client.uri('plan.md') },
            range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } },
          })) as { data: number[] }
        ).data;
      assert.deepEqual(await marks(), [2, 2, 7, 0, 1], 'Gemmini only: DNN names nothing yet');
      // The refresh that follows the first indexing has come and gone by then.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const before = refreshes;
      await client.open('dnn.md', '| Project | About |\n|---|---|\n| [DNN](https://github.com/example/dnn) | a library |\n');
      const deadline = Date.now() + 10_000;
      while (refreshes === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(refreshes > before, 'the server asked for a refresh');
      assert.deepEqual(await marks(), [2, 2, 7, 0, 1, 0, 14, 3, 0, 1], 'Gemmini, then DNN');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('marks nothing with marginalia.entities.semanticTokens off', async () => {
    await withServer(NO_RANGES, { entities: { semanticTokens: false } }, async (client) => {
      const tokens = await client.connection.sendRequest('textDocument/semanticTokens/full', {
        textDocument: { uri: client.uri('plan.md') },
      });
      assert.deepEqual(tokens, { data: [] });
    });
  });
});
