import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, serverOnSeedCopy } from './lspClient';

const FRAMEWORKS = '002_cb18c87924e80d70.md';

/** Opens (or reopens, one version on) a note holding `text` and asks for completions at its end. */
async function completeAtEnd(client: LspTestClient, file: string, text: string, version = 1): Promise<CompletionList> {
  const uri = client.uri(file);
  if (version === 1) await client.open(file, text);
  else await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  const lines = text.split('\n');
  const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const answer = await client.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  assert.ok(answer, 'the server answered null');
  return answer;
}

const labels = (list: CompletionList) => list.items.map((item) => item.label);
const inserted = (item: CompletionItem) => (item.textEdit as TextEdit).newText;

describe('completion over stdio, on the seed notes', function () {
  this.timeout(60_000);
  const server = serverOnSeedCopy();
  const seed = (file: string) => readFileSync(path.join(server.root, file), 'utf8');

  it('says it completes, triggered by ( / # and [', () => {
    assert.deepEqual(server.client.capabilities.completionProvider, { triggerCharacters: ['(', '/', '#', '['], resolveProvider: false });
  });

  it('lists the anchors of the note’s Chinese headings, repeated headings numbered as GitHub does', async () => {
    const list = await completeAtEnd(server.client, FRAMEWORKS, `${seed(FRAMEWORKS)}\n[框架](#`);
    const anchors = labels(list);
    assert.ok(anchors.includes('0主流ai框架dl库'), anchors.slice(0, 10).join(', '));
    assert.deepEqual(anchors.filter((anchor) => /^简介(-\d+)?$/.test(anchor)).slice(0, 3), ['简介', '简介-1', '简介-2']);
    assert.equal(list.items.find((item) => item.label === '0主流ai框架dl库')?.detail, '# 0.主流AI框架&DL库');
  });

  it('lists the other notes after `](`', async () => {
    const list = await completeAtEnd(server.client, FRAMEWORKS, `${seed(FRAMEWORKS)}\nsee [chips](00`, 2);
    assert.deepEqual(labels(list), [
      '000_2a3c44dcec08f07f.md',
      '001_7e5cbe7abf80e26e.md',
      '002_cb18c87924e80d70.md',
      '003_60d5967b76ad9911.md',
      '004_e64108ec665da56c.md',
    ]);
  });

  it('offers Gemmini, with its summary, while the name is typed in Chinese text', async () => {
    const list = await completeAtEnd(server.client, FRAMEWORKS, `${seed(FRAMEWORKS)}\n利用Gemm`, 3);
    const gemmini = list.items.find((item) => item.label === 'Gemmini');
    assert.ok(gemmini, labels(list).join(', '));
    assert.equal(inserted(gemmini), 'Gemmini');
    assert.match((gemmini.documentation as MarkupContent).value, /ucb\\-bar\/gemmini/);
  });

  it('offers Megatron-LM in a wiki link', async () => {
    const list = await completeAtEnd(server.client, FRAMEWORKS, `${seed(FRAMEWORKS)}\n[[Megatron`, 4);
    assert.ok(labels(list).includes('Megatron-LM'), labels(list).join(', '));
  });
});

describe('completion over stdio, on a folder with nested, spaced and Chinese names', function () {
  this.timeout(60_000);
  let root = '';
  let client: LspTestClient | undefined;
  const files: Record<string, string> = {
    'index.md': '# Index\n\n![图](assets/图%201.png)\n',
    '读书 笔记/第一章.md': '# 第一章\n\n## 背景\n\n## 背景\n',
    'assets/图 1.png': 'png',
    'assets/notes.txt': 'text',
  };

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-completion-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    client = await LspTestClient.start(root);
  });

  after(async () => {
    const code = await client?.stop();
    rmSync(root, { recursive: true, force: true });
    assert.equal(code, 0);
  });

  it('continues in a folder whose name is encoded, writing names as the note writes its links', async () => {
    const list = await completeAtEnd(client!, 'index.md', `${files['index.md']}[章](读书%20笔记/`);
    assert.deepEqual(labels(list), ['第一章.md']);
    assert.equal(inserted(list.items[0]), '第一章.md');
  });

  it('offers only images after `![](`', async () => {
    const list = await completeAtEnd(client!, 'index.md', `${files['index.md']}![](assets/`, 2);
    assert.deepEqual(labels(list), ['图 1.png']);
    assert.equal(inserted(list.items[0]), '图%201.png');
  });

  it('lists the anchors of another note, duplicates numbered', async () => {
    const list = await completeAtEnd(client!, 'index.md', `${files['index.md']}[章](读书%20笔记/第一章.md#`, 3);
    assert.deepEqual(labels(list), ['第一章', '背景', '背景-1']);
  });

  it('offers the image first after `![[`, by its file name, then the other files and the notes', async () => {
    const list = await completeAtEnd(client!, 'index.md', `${files['index.md']}![[`, 4);
    assert.deepEqual(labels(list), ['图 1.png', 'notes.txt', 'index', '第一章']);
    assert.equal(inserted(list.items[0]), '图 1.png');
  });
});
