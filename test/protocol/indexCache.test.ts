import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { cacheFileFor } from '../../server/src/index/indexCache';
import { LspTestClient, scratchCopy } from './lspClient';

const AI_OS = '001_7e5cbe7abf80e26e.md';

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  return typeof hover.contents === 'string' ? hover.contents : 'value' in hover.contents ? hover.contents.value : '';
}

/** The card shown on the first `needle` in a note. */
async function cardAt(client: LspTestClient, file: string, needle: string, offset = 1): Promise<string> {
  const lines = readFileSync(path.join(client.root, file), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  const position = { line, character: lines[line].indexOf(needle) + offset };
  return hoverText(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(file) }, position }));
}

async function stopCleanly(client: LspTestClient): Promise<void> {
  assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown and exit');
}

describe('the index cache and bulk changes, over stdio', function () {
  this.timeout(120_000);
  let scratch: ReturnType<typeof scratchCopy>;
  beforeEach(() => {
    scratch = scratchCopy();
  });
  afterEach(() => scratch.dispose());

  it('restores every note of a second start from the cache written at shutdown, with the same cards', async () => {
    const first = await LspTestClient.start(scratch.root);
    const card = await cardAt(first, AI_OS, '[vLLM]', 2);
    assert.match(card, /\*\*vLLM\*\*/);
    await stopCleanly(first);

    const second = await LspTestClient.start(scratch.root);
    try {
      assert.ok(
        second.logs.some((line) => /index cache .*: 5 of 5 notes unchanged/.test(line)),
        second.logs.join(''),
      );
      assert.equal(await cardAt(second, AI_OS, '[vLLM]', 2), card);
    } finally {
      await stopCleanly(second);
    }
  });

  it('says a damaged cache is unusable, indexes the notes instead and answers as before', async () => {
    await stopCleanly(await LspTestClient.start(scratch.root));
    const file = cacheFileFor([scratch.root]);
    const bytes = readFileSync(file);
    // The summary comes last; it is what every start reads.
    bytes.fill(0x20, bytes.length - 200, bytes.length - 136);
    writeFileSync(file, bytes);

    const client = await LspTestClient.start(scratch.root);
    try {
      assert.ok(
        client.logs.some((line) => /index cache .* is unusable \(checksum mismatch\); rebuilding it/.test(line)),
        client.logs.join(''),
      );
      assert.match(await cardAt(client, AI_OS, '[vLLM]', 2), /\*\*vLLM\*\*/);
    } finally {
      await stopCleanly(client);
    }
  });

  it('takes a checkout of a thousand new notes as one batch, answering every hover while it reads them', async () => {
    const client = await LspTestClient.start(scratch.root);
    try {
      const reader = await client.open('reader.md', 'We compare Tool999 with vLLM.\n');
      mkdirSync(path.join(scratch.root, 'checkout'));
      const changes = Array.from({ length: 1000 }, (_, index) => {
        const relative = `checkout/tool-${index}.md`;
        writeFileSync(
          path.join(scratch.root, relative),
          `# Tool ${index}\n\nTool${index}: https://github.com/example/tool-${index}\n\nBuilt on vLLM.\n`,
        );
        return { uri: client.uri(relative), type: 1 };
      });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
      const cards = await Promise.all(Array.from({ length: 40 }, () => cardAt(client, AI_OS, '[vLLM]', 2)));
      assert.ok(
        cards.every((card) => /\*\*vLLM\*\*/.test(card)),
        'every hover sent during the checkout is answered with the card',
      );

      const deadline = Date.now() + 60_000;
      let card = '';
      while (Date.now() < deadline && !/\*\*Tool 999\*\*/.test(card)) {
        card = hoverText(
          await client.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: reader },
            position: { line: 0, character: 13 },
          }),
        );
      }
      assert.match(card, /\*\*Tool 999\*\*/, `the last note of the checkout is indexed: ${client.logs.slice(-20).join('')}`);
      const status = await client.connection.sendRequest<{ entities: number }>('marginalia/status');
      assert.ok(status.entities >= 1000, `${status.entities} entities after the checkout`);
    } finally {
      await stopCleanly(client);
    }
  });
});
