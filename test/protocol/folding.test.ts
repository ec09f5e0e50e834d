// textDocument/foldingRange over stdio: heading sections (as regions), code blocks, list items, tables.
import assert from 'node:assert/strict';
import type { FoldingRange } from 'vscode-languageserver-protocol';
import { LspTestClient, scratchNotes } from './lspClient';

const NOTE = [
  '# 框架',
  '',
  '## vLLM',
  '- 分页注意力',
  '  KV cache in pages',
  '',
  '```bash',
  'pip install vllm',
  '```',
  '',
  '## 对比',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
  '',
].join('\n');

describe('folding ranges over stdio', function () {
  this.timeout(60_000);
  let scratch: ReturnType<typeof scratchNotes>;
  let client: LspTestClient;

  before(async () => {
    scratch = scratchNotes({ 'note.md': NOTE });
    client = await LspTestClient.start(scratch.root);
  });

  after(async () => {
    await client?.stop();
    scratch?.dispose();
  });

  it('folds headings as regions, and the list item, code block and table inside them', async () => {
    const uri = await client.open('note.md', NOTE);
    assert.equal(client.capabilities.foldingRangeProvider, true);
    const ranges = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(
      ranges.map((range) => `${range.startLine}-${range.endLine}${range.kind ? ` ${range.kind}` : ''}`),
      ['0-13 region', '2-8 region', '3-4', '6-8', '10-13 region', '11-13'],
    );
  });
});
