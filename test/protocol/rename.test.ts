// Renaming headings and reference labels over stdio, as an editor asks: prepareRename, then rename.
import assert from 'node:assert/strict';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, scratchNotes } from './lspClient';

const GPU = '# GPUs\n\n## CUDA setup\n\nSee [setup](#cuda-setup).\n\n## 驱动\n\n[nvidia]: https://www.nvidia.com/drivers\n';
const WEEKLY = 'Done: [CUDA](../gpu.md#cuda-setup) and [驱动](../gpu.md#%E9%A9%B1%E5%8A%A8).\n';

describe('rename over stdio', function () {
  this.timeout(60_000);
  let scratch: ReturnType<typeof scratchNotes>;
  let client: LspTestClient;

  before(async () => {
    scratch = scratchNotes({ 'gpu.md': GPU, 'notes/weekly.md': WEEKLY });
    client = await LspTestClient.start(scratch.root, {}, {}, { versionedEdits: true, textDocument: { rename: { prepareSupport: true } } });
  });

  after(async () => {
    await client?.stop();
    scratch?.dispose();
  });

  const request = <T>(method: string, params: object) => client.connection.sendRequest<T>(method, params);
  /** The edits of a rename's answer, note by note (the server sends no snippet edits). */
  const changesOf = (edit: WorkspaceEdit) => (edit.documentChanges ?? []) as Array<Omit<TextDocumentEdit, 'edits'> & { edits: TextEdit[] }>;

  it('declares rename with prepareRename to a client that supports it', () => {
    assert.deepEqual(client.capabilities.renameProvider, { prepareProvider: true });
  });

  it('selects a heading’s text and proposes it as the new name', async () => {
    const uri = await client.open('gpu.md', GPU, 3);
    const prepared = await request('textDocument/prepareRename', { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.deepEqual(prepared, { range: { start: { line: 2, character: 3 }, end: { line: 2, character: 13 } }, placeholder: 'CUDA setup' });
  });

  it('renames a heading and the anchors in both notes, as versioned edits (null for the closed note)', async () => {
    const uri = client.uri('gpu.md');
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: { line: 2, character: 5 },
      newName: 'CUDA 12',
    });
    assert.equal(edit.changes, undefined);
    const byNote = changesOf(edit).map((change) => ({
      uri: change.textDocument.uri,
      version: change.textDocument.version,
      edits: change.edits.map((textEdit) => `${textEdit.range.start.line}:${textEdit.range.start.character} ${textEdit.newText}`),
    }));
    assert.deepEqual(byNote, [
      { uri, version: 3, edits: ['2:3 CUDA 12', '4:13 cuda-12'] },
      { uri: client.uri('notes/weekly.md'), version: null, edits: ['0:23 cuda-12'] },
    ]);
  });

  it('renames a CJK heading, keeping the other note’s anchor percent-encoded', async () => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: client.uri('gpu.md') },
      position: { line: 6, character: 4 },
      newName: '驱动安装',
    });
    const weekly = changesOf(edit).find((change) => change.textDocument.uri.endsWith('weekly.md'));
    assert.deepEqual(
      weekly?.edits.map((textEdit) => textEdit.newText),
      ['%E9%A9%B1%E5%8A%A8%E5%AE%89%E8%A3%85'],
    );
  });

  it('renames a reference label', async () => {
    const text = 'Get [the driver][nvidia].\n\n[nvidia]: https://www.nvidia.com/drivers\n';
    const uri = await client.open('notes/driver.md', text);
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: { line: 0, character: 19 },
      newName: 'nvidia-drivers',
    });
    assert.deepEqual(
      changesOf(edit).flatMap((change) => change.edits.map((textEdit) => textEdit.range.start.line)),
      [2, 0],
    );
  });

  it('refuses plain text with a message the editor can show', async () => {
    const uri = client.uri('gpu.md');
    await assert.rejects(
      request('textDocument/prepareRename', { textDocument: { uri }, position: { line: 4, character: 1 } }),
      (error: Error) => /Only a heading, the #anchor of a link to a heading, and a reference label/.test(error.message),
    );
  });
});

// Wiki links name headings by their text: a heading rename writes the new text in them, aliases kept.
const TOOL = '# Tool\n\n## Old Heading\n\nSee [[#Old Heading]] and [[#Other]].\n\n## Other\n\n## 使用方法\n';
const DAILY = '[[tool#Old Heading]] [[tool#Old Heading|alias]] [[tool#Other]] [[tool#使用方法|用法]]\n';

describe('rename of headings in wiki links over stdio', function () {
  this.timeout(60_000);
  let scratch: ReturnType<typeof scratchNotes>;
  let client: LspTestClient;

  before(async () => {
    scratch = scratchNotes({ 'tool.md': TOOL, 'notes/daily.md': DAILY });
    client = await LspTestClient.start(scratch.root, {}, {}, { versionedEdits: true });
  });

  after(async () => {
    await client?.stop();
    scratch?.dispose();
  });

  /** The rename's edits as `note line:character newText`. */
  async function renamed(line: number, character: number, newName: string): Promise<string[]> {
    const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: client.uri('tool.md') },
      position: { line, character },
      newName,
    });
    return ((edit.documentChanges ?? []) as Array<Omit<TextDocumentEdit, 'edits'> & { edits: TextEdit[] }>).flatMap((change) =>
      change.edits.map(
        (textEdit) =>
          `${change.textDocument.uri.slice(client.uri('').length + 1)} ${textEdit.range.start.line}:${textEdit.range.start.character} ${textEdit.newText}`,
      ),
    );
  }

  it('rewrites [[note#Heading]], [[note#Heading|alias]] and [[#Heading]], and no link to another heading', async () => {
    await client.open('tool.md', TOOL, 2);
    assert.deepEqual(await renamed(2, 5, 'New Heading'), [
      'tool.md 2:3 New Heading',
      'tool.md 4:7 New Heading',
      'notes/daily.md 0:7 New Heading',
      'notes/daily.md 0:28 New Heading',
    ]);
  });

  it('rewrites a CJK heading in [[tool#使用方法|用法]]', async () => {
    assert.deepEqual(await renamed(8, 4, '安装与使用'), ['tool.md 8:3 安装与使用', 'notes/daily.md 0:70 安装与使用']);
  });

  it('prepares a rename on the #heading of a wiki link in another note: the heading part, and the heading as written', async () => {
    const uri = await client.open('notes/daily.md', DAILY);
    const at = DAILY.indexOf('使用方法');
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri },
      position: { line: 0, character: at + 1 },
    });
    assert.deepEqual(prepared, {
      range: { start: { line: 0, character: at }, end: { line: 0, character: at + 4 } },
      placeholder: '使用方法',
    });
  });
});

describe('rename asked while the vault is still being read, over stdio', function () {
  this.timeout(60_000);
  const notes: Record<string, string> = { 'gpu.md': GPU, 'zz/weekly.md': WEEKLY };
  for (let n = 0; n < 600; n++) notes[`filler/note-${n}.md`] = `# Note ${n}\n\n- [Tool ${n}](https://github.com/o/tool-${n}) — a tool.\n`;
  let scratch: ReturnType<typeof scratchNotes>;

  before(() => {
    scratch = scratchNotes(notes);
  });

  after(() => scratch?.dispose());

  it('waits for the whole vault, so that the anchors in a note read last change too', async () => {
    const client = await LspTestClient.start(scratch.root, {}, {}, { waitForIndex: false, versionedEdits: true });
    try {
      const uri = await client.open('gpu.md', GPU, 3);
      const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri },
        position: { line: 2, character: 5 },
        newName: 'CUDA 12',
      });
      assert.deepEqual(
        (edit.documentChanges as TextDocumentEdit[]).map((change) => change.textDocument.uri),
        [uri, client.uri('zz/weekly.md')],
      );
    } finally {
      await client.stop();
    }
  });
});
