import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, Location, DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspTestClient, serverOnSeedCopy } from './lspClient';

const AI_OS = '001_7e5cbe7abf80e26e.md';
const CHIPS = '000_2a3c44dcec08f07f.md';
const FRAMEWORKS = '002_cb18c87924e80d70.md';

function at(root: string, file: string, needle: string, offset = 1) {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  return { line, character: lines[line].indexOf(needle) + offset };
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  return typeof hover.contents === 'string' ? hover.contents : 'value' in hover.contents ? hover.contents.value : '';
}

describe('the language server over stdio, on the seed notes', function () {
  this.timeout(60_000);
  const server = serverOnSeedCopy();

  async function hover(file: string, needle: string, offset = 1): Promise<string> {
    const uri = server.client.uri(file);
    const position = at(server.root, file, needle, offset);
    return hoverText(await server.client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
  }

  it('shows the vLLM card when hovering the name in its table row', async () => {
    await server.client.open(AI_OS, readFileSync(path.join(server.root, AI_OS), 'utf8'));
    const card = await hover(AI_OS, '[vLLM]', 2);
    assert.match(card, /\*\*vLLM\*\* · project/);
    assert.match(card, /UC Berkeley/);
    assert.match(card, /github\.com\/vllm-project\/vllm/);
    assert.match(card, /001\\_7e5cbe7abf80e26e\\\.md:120/);
  });

  it('shows the Gemmini card on a mention inside Chinese text', async () => {
    const card = await hover(CHIPS, '利用Gemmini平台', 3);
    assert.match(card, /\*\*Gemmini\*\*/);
    assert.match(card, /ucb\\-bar\/gemmini/);
  });

  it('shows the NVDLA, Mooncake, MXNet and Megatron-LM cards, and the paper card on its arXiv id', async () => {
    assert.match(await hover(CHIPS, 'a) NVDLA', 4), /\*\*NVDLA \\\(NVIDIA Deep Learning Accelerator\\\)\*\*/);
    assert.match(await hover(AI_OS, '[Mooncake', 2), /· paper/);
    assert.match(await hover(FRAMEWORKS, '## MXNet', 5), /Apache MXNet（孵化中）/);
    assert.match(await hover(CHIPS, 'DeepSpeed-Inference、Megatron-LM', 22), /\*\*Megatron\\-LM\*\*/);
    assert.match(await hover(AI_OS, '2404.17153', 3), /A Unified Debugging Approach via LLM\\-Based Multi\\-Agent Synergy/);
  });

  it('shows no card on a generic label such as 简介', async () => {
    assert.equal(await hover(FRAMEWORKS, '#### 简介', 6), '');
  });

  it('goes to every definition of Megatron-LM, in both notes', async () => {
    const uri = server.client.uri(CHIPS);
    const position = at(server.root, CHIPS, 'DeepSpeed-Inference、Megatron-LM', 22);
    const locations = (await server.client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri },
      position,
    })) as Location[];
    assert.deepEqual(
      locations.map((location) => [path.basename(location.uri), location.range.start.line + 1]),
      [
        [CHIPS, 1110],
        [FRAMEWORKS, 395],
      ],
    );
  });

  it('finds references across notes', async () => {
    const uri = server.client.uri(CHIPS);
    const position = at(server.root, CHIPS, 'DeepSpeed-Inference、Megatron-LM', 22);
    const locations = (await server.client.connection.sendRequest('textDocument/references', {
      textDocument: { uri },
      position,
      context: { includeDeclaration: true },
    })) as Location[];
    const files = new Set(locations.map((location) => path.basename(location.uri)));
    assert.ok(files.has(CHIPS) && files.has(FRAMEWORKS), [...files].join(', '));
    assert.ok(locations.length >= 10, `${locations.length} references`);
  });

  it('lists entities and headings as workspace symbols, and the heading outline as document symbols', async () => {
    const symbols = (await server.client.connection.sendRequest('workspace/symbol', { query: 'vllm' })) as SymbolInformation[];
    assert.ok(symbols.some((symbol) => symbol.name === 'vLLM' && symbol.location.uri.endsWith(AI_OS)));
    const outline = (await server.client.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: server.client.uri(FRAMEWORKS) },
    })) as DocumentSymbol[];
    const framework = outline.find((symbol) => symbol.name === '0.主流AI框架&DL库');
    assert.ok(framework?.children?.some((child) => child.name === 'MXNet'));
  });

  it('answers a hover in one note while a huge note is still being parsed', async () => {
    const paragraph = 'Our GPU notes mention vLLM and Gemmini in passing, with no links at all here.\n\n';
    const huge = paragraph.repeat(Math.ceil((6 * 1024 * 1024) / paragraph.length));
    const hugeUri = await server.client.open('huge.md', huge);
    const order: string[] = [];
    const inHuge = server.client.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: hugeUri }, position: { line: 0, character: 23 } })
      .then((hover) => {
        order.push('huge');
        return hover as Hover | null;
      });
    const elsewhere = hover(AI_OS, '[vLLM]', 2).then((card) => {
      order.push('elsewhere');
      return card;
    });
    assert.match(await elsewhere, /\*\*vLLM\*\*/);
    assert.match(hoverText(await inHuge), /\*\*vLLM\*\*/, 'the huge note is indexed too, once parsed');
    assert.deepEqual(order, ['elsewhere', 'huge']);
  });

  it('follows an edit: a new name defined in an open note becomes hoverable elsewhere', async () => {
    const uri = await server.client.open(
      'new.md',
      '# Tools\n\nTriton: https://github.com/triton-lang/triton\n\nWe write Triton kernels.\n',
    );
    const card = hoverText(
      await server.client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 11 } }),
    );
    assert.match(card, /\*\*Triton\*\*/);
  });

  it('follows files created, renamed and deleted on disk', async () => {
    const watched = (changes: Array<{ uri: string; type: number }>) =>
      server.client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    const reader = await server.client.open('reader.md', 'Benchmarks of Mojo kernels.\n');
    const hoverMojo = async () =>
      hoverText(
        await server.client.connection.sendRequest('textDocument/hover', {
          textDocument: { uri: reader },
          position: { line: 0, character: 15 },
        }),
      );
    writeFileSync(path.join(server.root, 'mojo.md'), 'Mojo: https://github.com/modular/mojo\n');
    await watched([{ uri: server.client.uri('mojo.md'), type: 1 }]);
    await waitFor(async () => /\*\*Mojo\*\*/.test(await hoverMojo()), 'the created note defines Mojo');
    renameSync(path.join(server.root, 'mojo.md'), path.join(server.root, 'languages.md'));
    await watched([
      { uri: server.client.uri('mojo.md'), type: 3 },
      { uri: server.client.uri('languages.md'), type: 1 },
    ]);
    await waitFor(async () => /languages\\\.md:1/.test(await hoverMojo()), 'the card points at the renamed note');
    unlinkSync(path.join(server.root, 'languages.md'));
    await watched([{ uri: server.client.uri('languages.md'), type: 3 }]);
    await waitFor(async () => (await hoverMojo()) === '', 'the deleted note no longer defines Mojo');
  });
});

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting until ${what}`);
}

describe('hovering while a large vault is indexed for the first time, over stdio', function () {
  this.timeout(120_000);
  const NOTES = 1500;
  let root: string;

  /** Notes of a few kilobytes each, one of which (far down the list) defines the project the open note names. */
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-large-'));
    const prose = 'Throughput depends on the prompt length distribution. 我们在长上下文场景下对比了几个推理框架。 '.repeat(60);
    for (let folder = 0; folder < NOTES / 100; folder++) {
      mkdirSync(path.join(root, `topic-${folder}`));
      for (let note = 0; note < 100; note++) {
        const name = `Tool${folder}x${note}`;
        writeFileSync(
          path.join(root, `topic-${folder}`, `note-${note}.md`),
          `# Notes ${folder}/${note}\n\n| Project | About |\n|---|---|\n| [${name}](https://github.com/example/${name.toLowerCase()}) | a tool |\n\n${prose}\n`,
        );
      }
    }
    writeFileSync(
      path.join(root, 'topic-14', 'kernels.md'),
      '## Kernels\n\n| Project | About |\n|---|---|\n| [Zyphrax](https://github.com/example/zyphrax) | a GPU kernel compiler |\n',
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('answers a hover on a name defined in a note not read yet within moments, long before indexing ends', async () => {
    const client = await LspTestClient.start(root, {}, {}, { waitForIndex: false });
    try {
      const uri = await client.open('reading.md', 'We compiled the attention kernels with Zyphrax last week.\n');
      const started = performance.now();
      const card = hoverText(
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 42 } }),
      );
      const answeredInMs = performance.now() - started;
      assert.match(card, /\*\*Zyphrax\*\* · project/, client.logs.join(''));
      assert.match(card, /a GPU kernel compiler/);
      assert.match(card, /still indexing/, 'the card says mentions are still being counted');
      assert.equal(client.indexed, false, `indexing ${NOTES} notes ended before the hover was answered (${answeredInMs.toFixed(0)} ms)`);
      await client.waitUntilIndexed(110_000);
      const after = hoverText(
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 42 } }),
      );
      assert.match(after, /\*\*Zyphrax\*\*/);
      assert.doesNotMatch(after, /still indexing/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
