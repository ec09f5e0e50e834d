// Positions in the client's own units: a client that prefers UTF-8 bytes (Neovim 0.10+, Helix) or code
// points is answered in them, on lines where Chinese text and emoji make every encoding count differently.
import assert from 'node:assert/strict';
import type { Hover, Location, SemanticTokens } from 'vscode-languageserver-protocol';
import { LspTestClient, scratchNotes } from './lspClient';

const LIST = '# 项目 🚀 列表\n\n- 🚀 [vLLM](https://github.com/vllm-project/vllm)：高吞吐推理引擎\n\n我们用 😀 vLLM 做推理。\n';
const TRIAL = '# 实验\n\n在 🧪 实验里 vLLM 很快，见 [坏链 🔗](./missing.md)。\n';
const MENTION_LINE = '我们用 😀 vLLM 做推理。';

/** Where `needle` starts on `line`, counted in UTF-8 bytes, UTF-16 units or code points. */
function column(line: string, needle: string, encoding: 'utf-8' | 'utf-16' | 'utf-32'): number {
  const before = line.slice(0, line.indexOf(needle));
  if (encoding === 'utf-8') return Buffer.byteLength(before);
  return encoding === 'utf-16' ? before.length : [...before].length;
}

async function startWith(positionEncodings: string[] | undefined, root: string): Promise<LspTestClient> {
  return LspTestClient.start(root, {}, {}, { general: positionEncodings ? { positionEncodings } : {} });
}

describe('position encodings, over stdio', function () {
  this.timeout(60_000);
  let notes: { root: string; dispose(): void };
  let client: LspTestClient | undefined;
  beforeEach(() => (notes = scratchNotes({ 'list.md': LIST, 'trial.md': TRIAL })));
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    notes.dispose();
  });

  for (const [offered, chosen] of [
    [['utf-8', 'utf-16'], 'utf-8'],
    [['utf-32'], 'utf-32'],
    [['utf-16', 'utf-8'], 'utf-16'],
    [['latin-1'], 'utf-16'],
    [undefined, 'utf-16'],
  ] as const) {
    it(`answers ${chosen} to a client offering ${offered ? offered.join(', ') : 'nothing'}`, async () => {
      client = await startWith(offered ? [...offered] : undefined, notes.root);
      assert.equal(client.capabilities.positionEncoding, chosen);
    });
  }

  describe('to a client that counts UTF-8 bytes', () => {
    beforeEach(async () => (client = await startWith(['utf-8', 'utf-16'], notes.root)));

    it('finds the name after Chinese text and an emoji, and gives its range in bytes', async () => {
      const uri = await client!.open('list.md', LIST);
      const start = column(MENTION_LINE, 'vLLM', 'utf-8');
      const hover = (await client!.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 4, character: start + 1 },
      })) as Hover;
      assert.match(JSON.stringify(hover.contents), /\*\*vLLM\*\* · project/);
      assert.deepEqual(hover.range, { start: { line: 4, character: start }, end: { line: 4, character: start + 4 } });
    });

    it('gives references in a note the client never opened in bytes, read from disk', async () => {
      const uri = await client!.open('list.md', LIST);
      const locations = (await client!.connection.sendRequest('textDocument/references', {
        textDocument: { uri },
        position: { line: 4, character: column(MENTION_LINE, 'vLLM', 'utf-8') },
        context: { includeDeclaration: true },
      })) as Location[];
      const starts = locations.map((location) => [
        location.uri.replace(/.*\//, ''),
        location.range.start.line,
        location.range.start.character,
      ]);
      assert.deepEqual(starts.sort(), [
        ['list.md', 2, column('- 🚀 [vLLM](', 'vLLM', 'utf-8')],
        ['list.md', 4, column(MENTION_LINE, 'vLLM', 'utf-8')],
        ['trial.md', 2, column('在 🧪 实验里 vLLM', 'vLLM', 'utf-8')],
      ]);
    });

    it('reads edits in bytes: a name moved by an emoji typed before it is still found where the client says', async () => {
      const uri = await client!.open('list.md', LIST);
      const emoji = column(MENTION_LINE, '😀', 'utf-8');
      await client!.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [
          { range: { start: { line: 4, character: emoji }, end: { line: 4, character: emoji + 4 } }, text: '🙂🙂' },
          { range: { start: { line: 4, character: emoji + 8 }, end: { line: 4, character: emoji + 8 } }, text: '，' },
        ],
      });
      const edited = '我们用 🙂🙂， vLLM 做推理。';
      const start = column(edited, 'vLLM', 'utf-8');
      const hover = (await client!.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 4, character: start + 2 },
      })) as Hover | null;
      assert.match(JSON.stringify(hover?.contents), /\*\*vLLM\*\*/);
      assert.deepEqual(hover?.range?.start, { line: 4, character: start });
    });

    it('survives a change whose range is not a range, and goes on answering', async () => {
      const uri = await client!.open('list.md', LIST);
      await client!.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 'x' }, end: { line: -1, character: 2.5 } }, text: '!' }],
      });
      const start = column(MENTION_LINE, 'vLLM', 'utf-8');
      const hover = (await client!.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 4, character: start + 1 },
      })) as Hover | null;
      assert.match(JSON.stringify(hover?.contents), /vLLM/);
      assert.ok(
        client!.logs.some((line) => /1 change\(s\) to .*list\.md had no text or no valid range and were left out/.test(line)),
        client!.logs.join('\n'),
      );
    });

    it('puts a dead link diagnostic on the bytes of its target', async () => {
      const uri = await client!.open('trial.md', TRIAL);
      const diagnostics = await client!.waitForDiagnostics(uri, (list) => list.length > 0);
      const line = TRIAL.split('\n')[2];
      const start = column(line, './missing.md', 'utf-8');
      assert.deepEqual(diagnostics[0].range, { start: { line: 2, character: start }, end: { line: 2, character: start + 12 } });
    });

    it('marks names with semantic tokens that start and end on the bytes', async () => {
      const uri = await client!.open('list.md', LIST);
      const tokens = (await client!.connection.sendRequest('textDocument/semanticTokens/full', {
        textDocument: { uri },
      })) as SemanticTokens;
      const second = column(MENTION_LINE, 'vLLM', 'utf-8');
      assert.deepEqual(tokens.data.slice(0, 3), [2, column('- 🚀 [vLLM](', 'vLLM', 'utf-8'), 4]);
      assert.deepEqual(tokens.data.slice(5, 8), [2, second, 4]);
    });

    it('completes a path typed after Chinese text with an edit range in bytes', async () => {
      const typed = '见 🔗 [试验](./tr';
      const uri = await client!.open('new.md', `${typed}\n`);
      const end = Buffer.byteLength(typed);
      const answer = (await client!.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: 0, character: end },
      })) as { items: Array<{ label: string; textEdit?: { range: { start: { character: number }; end: { character: number } } } }> };
      const trial = answer.items.find((item) => item.label.includes('trial.md'));
      assert.ok(trial?.textEdit, `trial.md offered with an edit: ${JSON.stringify(answer.items.map((item) => item.label))}`);
      assert.equal(trial.textEdit.range.end.character, end);
      // The edit replaces what was typed of the name, after `./`.
      assert.equal(trial.textEdit.range.start.character, column(typed, 'tr', 'utf-8'));
    });
  });

  it('counts code points for a client that asks for UTF-32', async () => {
    client = await startWith(['utf-32'], notes.root);
    const uri = await client.open('list.md', LIST);
    const start = column(MENTION_LINE, 'vLLM', 'utf-32');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: start },
    })) as Hover;
    assert.deepEqual(hover.range, { start: { line: 4, character: start }, end: { line: 4, character: start + 4 } });
  });

  it('leaves out a malformed change for a UTF-16 client too, keeping the note as the editor has it', async () => {
    client = await startWith(undefined, notes.root);
    const uri = await client.open('list.md', LIST);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 'x' }, end: { line: 4, character: 1 } }, text: 'zz' }],
    });
    const start = column(MENTION_LINE, 'vLLM', 'utf-16');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: start },
    })) as Hover | null;
    assert.deepEqual(hover?.range, { start: { line: 4, character: start }, end: { line: 4, character: start + 4 } });
  });

  it('keeps UTF-16 for a client that offers nothing, as VS Code does', async () => {
    client = await startWith(undefined, notes.root);
    const uri = await client.open('list.md', LIST);
    const start = column(MENTION_LINE, 'vLLM', 'utf-16');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: start },
    })) as Hover;
    assert.deepEqual(hover.range, { start: { line: 4, character: start }, end: { line: 4, character: start + 4 } });
  });
});
