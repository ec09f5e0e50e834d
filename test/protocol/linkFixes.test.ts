// GitHub-exact anchors and ranked fixes as an editor meets them: the diagnostic names the exact anchor,
// the one fix that needs no guess is preferred (what VS Code's auto-fix applies), a weak guess is not.
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../unit/features/links/helpers';
import { LspTestClient, scratchNotes, withTimeout } from './lspClient';

const NOTES = {
  'tree.md': '# Trees\n\n## 8. 在二叉查找树中寻找两个节点，使它们的和为一个给定值\n\n## 目录\n',
  'note.md': '[8](tree.md#8-在二叉查找树中寻找两个节点，使它们的和为一个给定值) [toc](tree.md#目彔)\n',
};

/** The note's diagnostics once the server has published some. */
async function diagnosticsOf(client: LspTestClient, file: string): Promise<Diagnostic[]> {
  return withTimeout(
    (async () => {
      for (;;) {
        const published = client.diagnostics.get(client.uri(file))?.diagnostics;
        if (published?.length) return published;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })(),
    20_000,
    `no diagnostics for ${file}`,
  );
}

async function actionsFor(client: LspTestClient, file: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: client.uri(file) },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
}

describe('GitHub-exact anchors and ranked link fixes over the protocol', function () {
  this.timeout(60_000);
  let notes: ReturnType<typeof scratchNotes>;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    notes = scratchNotes(NOTES);
  });
  afterEach(async () => {
    await client?.stop();
    notes.dispose();
  });

  it('names the exact anchor of a fragment with its punctuation left in, and prefers the fix that writes it', async () => {
    client = await LspTestClient.start(notes.root);
    const [exact, guess] = await diagnosticsOf(client, 'note.md');
    assert.match(
      String(exact.message),
      /GitHub links to a heading by its exact anchor, #8-在二叉查找树中寻找两个节点使它们的和为一个给定值$/,
    );
    const preferred = (await actionsFor(client, 'note.md', exact)).filter((action) => action.isPreferred);
    assert.deepEqual(
      preferred.map((action) => action.title),
      ['Change to #8-在二叉查找树中寻找两个节点使它们的和为一个给定值 (8. 在二叉查找树中寻找两个节点，使它们的和为一个给定值)'],
    );
    const edited = applyEdits(NOTES['note.md'], preferred[0].edit!.changes![client.uri('note.md')] as TextEdit[]);
    assert.match(edited, /^\[8\]\(tree\.md#8-在二叉查找树中寻找两个节点使它们的和为一个给定值\)/);

    const guesses = await actionsFor(client, 'note.md', guess);
    assert.ok(guesses.some((action) => action.title === 'Change to #目录 (目录)'));
    assert.ok(
      guesses.every((action) => !action.isPreferred),
      'a one-letter guess at a two-letter heading is never applied for the user',
    );
  });

  it('accepts the fragment with marginalia.links.anchors set to loose', async () => {
    client = await LspTestClient.start(notes.root, {}, { links: { anchors: 'loose' } });
    const diagnostics = await diagnosticsOf(client, 'note.md');
    assert.deepEqual(
      diagnostics.map((diagnostic) => String(diagnostic.message)),
      ["No heading '#目彔' in tree.md"],
    );
  });
});
