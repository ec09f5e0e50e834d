// workspace/willRenameFiles over stdio: the edits an editor applies before it moves notes, images and folders.
import assert from 'node:assert/strict';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, scratchNotes } from './lspClient';

const NOTES = {
  'gpu notes/cuda.md': '# CUDA\n\n![card](img/card.png) [guide](../guide.md)\n',
  'gpu notes/img/card.png': '',
  'guide.md': 'See [CUDA](gpu%20notes/cuda.md#cuda) and ![card](<gpu notes/img/card.png>).\n',
};

/** Starts a server on `root` with the setting, asks what a move needs, stops it; the answer's edits as `note@version line:character newText`. */
async function willRenameIn(
  root: string,
  notes: Record<string, string>,
  updateOnFileMove: string | undefined,
  moves: Record<string, string>,
  open: string[] = [],
) {
  const settings = updateOnFileMove ? { links: { updateOnFileMove } } : {};
  const client = await LspTestClient.start(root, {}, settings, { versionedEdits: true });
  try {
    for (const name of open) await client.open(name, notes[name], 7);
    const files = Object.entries(moves).map(([from, to]) => ({ oldUri: client.uri(from), newUri: client.uri(to) }));
    const edit = await client.connection.sendRequest<WorkspaceEdit | null>('workspace/willRenameFiles', { files });
    const changes = (edit?.documentChanges ?? []) as Array<Omit<TextDocumentEdit, 'edits'> & { edits: TextEdit[] }>;
    return {
      capabilities: client.capabilities,
      edit,
      edits: changes
        .flatMap((change) =>
          change.edits.map(
            (textEdit) =>
              `${decodeURIComponent(change.textDocument.uri.slice(client.uri('').length + 1))}@${change.textDocument.version} ` +
              `${textEdit.range.start.line}:${textEdit.range.start.character} ${textEdit.newText}`,
          ),
        )
        .sort(),
    };
  } finally {
    await client.stop();
  }
}

describe('links kept right when files move, over stdio', function () {
  this.timeout(60_000);
  let scratch: ReturnType<typeof scratchNotes>;

  before(() => {
    scratch = scratchNotes(NOTES);
  });

  after(() => scratch?.dispose());

  const willRename = (updateOnFileMove: string | undefined, moves: Record<string, string>, open: string[] = []) =>
    willRenameIn(scratch.root, NOTES, updateOnFileMove, moves, open);

  it('declares willRename for every file and folder', async () => {
    const { capabilities } = await willRename('never', {});
    assert.deepEqual(capabilities.workspace, {
      fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } },
    });
  });

  it('updates the links into a renamed note and out of it, versioned where the note is open', async () => {
    const { edits } = await willRename('always', { 'gpu notes/cuda.md': 'cuda-12.md' }, ['guide.md']);
    assert.deepEqual(edits, [
      'gpu notes/cuda.md@null 2:30 guide.md',
      'gpu notes/cuda.md@null 2:8 gpu%20notes/img/card.png',
      'guide.md@7 0:11 cuda-12.md',
    ]);
  });

  it('updates every link into a moved folder, its notes and its images', async () => {
    const { edits } = await willRename('always', { 'gpu notes': 'hardware/gpu' });
    assert.deepEqual(edits, [
      'gpu notes/cuda.md@null 2:30 ../../guide.md',
      'guide.md@null 0:11 hardware/gpu/cuda.md',
      'guide.md@null 0:50 hardware/gpu/img/card.png',
    ]);
  });

  it('answers as for "always" when the setting is "ask" (the default): asking is the VS Code client’s', async () => {
    const { edits } = await willRename(undefined, { 'guide.md': 'docs/guide.md' });
    assert.deepEqual(edits, [
      'gpu notes/cuda.md@null 2:30 ../docs/guide.md',
      'guide.md@null 0:11 ../gpu%20notes/cuda.md',
      'guide.md@null 0:50 ../gpu notes/img/card.png',
    ]);
  });

  it('answers nothing when the setting is "never"', async () => {
    const { edit } = await willRename('never', { 'guide.md': 'docs/guide.md' });
    assert.equal(edit, null);
  });
});

// Wiki links name notes by file name (or the end of their path): a new name is written in them, a new folder is not.
const VAULT = {
  'papers/llm/mooncake.md': '# Mooncake\n\n## 使用方法\n',
  'papers/笔记.md': '## 使用方法\n',
  'papers/img/arch.png': 'png',
  'index.md': '[[mooncake]] [[mooncake#Mooncake|the paper]] [[papers/llm/mooncake]] [[笔记#使用方法]] ![[arch.png|300]]\n',
};

describe('wiki links kept right when notes move, over stdio', function () {
  this.timeout(60_000);
  let scratch: ReturnType<typeof scratchNotes>;

  before(() => {
    scratch = scratchNotes(VAULT);
  });

  after(() => scratch?.dispose());

  const willRename = (updateOnFileMove: string | undefined, moves: Record<string, string>, open: string[] = []) =>
    willRenameIn(scratch.root, VAULT, updateOnFileMove, moves, open);

  it('writes a renamed note’s new name in the wiki links to it, keeping #heading and |alias', async () => {
    const { edits } = await willRename('always', { 'papers/llm/mooncake.md': 'papers/llm/kimi.md' }, ['index.md']);
    assert.deepEqual(edits, ['index.md@7 0:15 kimi', 'index.md@7 0:2 kimi', 'index.md@7 0:47 papers/llm/kimi']);
  });

  it('renames a CJK note in [[笔记#使用方法]]', async () => {
    const { edits } = await willRename(undefined, { 'papers/笔记.md': 'papers/工具笔记.md' });
    assert.deepEqual(edits, ['index.md@null 0:71 工具笔记']);
  });

  it('leaves name-only wiki links alone when a folder moves, and updates the path-form one', async () => {
    const { edits } = await willRename('always', { 'papers/llm': 'reading/llm' });
    assert.deepEqual(edits, ['index.md@null 0:47 reading/llm/mooncake']);
  });

  it('writes a renamed image’s new name in the wiki embeds of it, keeping |size', async () => {
    const { edits } = await willRename('always', { 'papers/img/arch.png': 'papers/img/架构图.png' });
    assert.deepEqual(edits, [`index.md@null 0:${VAULT['index.md'].indexOf('arch.png')} 架构图.png`]);
  });

  it('answers nothing when the setting is "never"', async () => {
    const { edit } = await willRename('never', { 'papers/llm/mooncake.md': 'papers/llm/kimi.md' });
    assert.equal(edit, null);
  });
});

// VS Code sends the settings change and the move one after the other: the server re-reads its settings
// (a round trip) and re-indexes while the move is asked. The answer must come from a whole index.
describe('a move asked just after a settings change, over stdio', function () {
  this.timeout(60_000);
  const notes: Record<string, string> = { 'gpu.md': '# GPU\n\n## CUDA setup\n', 'weekly.md': 'Done: [CUDA](gpu.md#cuda-setup).\n' };
  for (let n = 0; n < 400; n++) notes[`filler/note-${n}.md`] = `# Note ${n}\n\n- [Tool ${n}](https://github.com/o/tool-${n}) — a tool.\n`;
  let scratch: ReturnType<typeof scratchNotes>;

  before(() => {
    scratch = scratchNotes(notes);
  });

  after(() => scratch?.dispose());

  it('still updates the link to the moved note', async () => {
    const settings: Record<string, unknown> = {};
    const client = await LspTestClient.start(scratch.root, {}, settings, { versionedEdits: true });
    try {
      const weekly = await client.open('weekly.md', notes['weekly.md']);
      settings.links = { updateOnFileMove: 'always' };
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      // An edit still being indexed when the move is asked: the server waits for it, and the settings come in meanwhile.
      const long = notes['weekly.md'] + '\n- [Tool](https://github.com/o/tool) — a tool.\n'.repeat(3_000);
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: weekly, version: 2 },
        contentChanges: [{ text: long }],
      });
      const files = [{ oldUri: client.uri('gpu.md'), newUri: client.uri('hardware/gpu notes.md') }];
      const edit = await client.connection.sendRequest<WorkspaceEdit | null>('workspace/willRenameFiles', { files });
      assert.match(JSON.stringify(edit), /weekly\.md.*hardware\/gpu%20notes\.md/);
    } finally {
      await client.stop();
    }
  });
});
