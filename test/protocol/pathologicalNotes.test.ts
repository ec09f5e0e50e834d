import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const PROJECTS = `# Projects

| Name | Link | About |
| --- | --- | --- |
| [vLLM](https://github.com/vllm-project/vllm) | https://github.com/vllm-project/vllm | A high-throughput LLM inference and serving engine |
| [SGLang](https://github.com/sgl-project/sglang) | https://github.com/sgl-project/sglang | Fast serving framework |
`;
const READING = '# Reading\n\nServing with vLLM this week.\n';

/** Notes a Markdown parser takes seconds or gigabytes on, each a few dozen kilobytes at most. */
const PATHOLOGICAL: Record<string, string> = {
  'list-markers.md': `${'- '.repeat(10_000)}a\n`,
  'quotes-and-lists.md': `${'> - '.repeat(5_000)}a\n`,
  'blank-lines.md': `# Blank\n${'\n'.repeat(60_000)}end\n`,
  'emphasis.md': '*a_'.repeat(5_000),
  'setext.md': 'a\n=\n'.repeat(4_000),
  'wide-table.md': `|${'h|'.repeat(10_000)}\n|${'-|'.repeat(10_000)}\n|${'v|'.repeat(10_000)}\n`,
};

const HOVER_LIMIT_MS = 300;

describe('pathological notes open in the editor', function () {
  this.timeout(120_000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-pathological-'));
    writeFileSync(path.join(root, 'projects.md'), PROJECTS);
    writeFileSync(path.join(root, 'reading.md'), READING);
    client = await LspTestClient.start(root);
  });

  after(async () => {
    const code = await client.stop();
    rmSync(root, { recursive: true, force: true });
    assert.equal(code, 0, 'the server shut down cleanly');
  });

  /** How long a hover on vLLM in the reading note takes, and what it shows. */
  async function timedHover(): Promise<{ ms: number; card: string }> {
    const started = performance.now();
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: client.uri('reading.md') },
      position: { line: 2, character: 15 },
    })) as Hover | null;
    const card = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    return { ms: performance.now() - started, card };
  }

  it(`answers a hover in another note within ${HOVER_LIMIT_MS} ms while each is opened and edited (one used to block the server for a minute)`, async () => {
    await client.open('reading.md', READING);
    assert.match((await timedHover()).card, /\*\*vLLM\*\*/);
    const slowest: string[] = [];
    for (const [name, text] of Object.entries(PATHOLOGICAL)) {
      const uri = await client.open(name, text);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: `${text}x` }],
      });
      let worst = 0;
      for (let hover = 0; hover < 5; hover++) {
        const { ms, card } = await timedHover();
        assert.match(card, /\*\*vLLM\*\*/, `the card while ${name} loads`);
        worst = Math.max(worst, ms);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      slowest.push(`${name}: ${Math.round(worst)} ms`);
      assert.ok(worst < HOVER_LIMIT_MS, `hover answered within ${HOVER_LIMIT_MS} ms while ${name} loads: ${slowest.join(', ')}`);
    }
  });

  it('stays up with every one of them open, and still answers', async () => {
    assert.equal(client.process.exitCode, null);
    assert.match((await timedHover()).card, /\*\*vLLM\*\*/);
  });
});
