// Names with cards as a user meets them: marked (semantic tokens and a dotted underline), a
// definition link naming exactly the name, and "link this mention" applied in the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { marginalia, openNote, poll } from './helpers';

const CHIPS = '000_2a3c44dcec08f07f.md';
/** `a) 架构探索:利用Gemmini平台探索不同的DNN加速器架构。`, line 483. */
const LINE = 482;

/** Where `word` stands on the line, as a range. */
function rangeOf(doc: vscode.TextDocument, line: number, word: string): vscode.Range {
  const character = doc.lineAt(line).text.indexOf(word);
  assert.ok(character >= 0, `"${word}" is not on line ${line + 1}`);
  return new vscode.Range(line, character, line, character + word.length);
}

suite('names with cards', () => {
  test('are marked: a marginaliaEntity token and a dotted underline on Gemmini inside Chinese text, none on the words around it', async () => {
    const doc = await openNote(CHIPS);
    const gemmini = rangeOf(doc, LINE, 'Gemmini');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    editor.revealRange(gemmini, vscode.TextEditorRevealType.InCenter);
    const lineRange = doc.lineAt(LINE).range;
    const legend = await poll('the semantic tokens legend', async () =>
      vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentRangeSemanticTokensLegend', doc.uri, lineRange),
    );
    assert.deepEqual(legend.tokenTypes, ['marginaliaEntity']);
    const marked = await poll('a marked name on line 483', async () => {
      const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>(
        'vscode.provideDocumentRangeSemanticTokens',
        doc.uri,
        lineRange,
      );
      const data = tokens?.data ?? [];
      if (data.length === 0) throw new Error('no tokens yet');
      return Array.from(data);
    });
    // One token, on the line asked for: delta line, start, length, type 0, modifier `project`.
    assert.deepEqual(marked.slice(0, 4), [LINE, gemmini.start.character, 7, 0]);
    assert.equal(marked.length, 5);
    const api = await marginalia();
    const underlined = await poll('the underline under Gemmini', () =>
      api.underlinedNames(doc.uri).find((range) => range.isEqual(gemmini)) ? api.underlinedNames(doc.uri) : undefined,
    );
    assert.ok(!underlined.some((range) => range.start.line === LINE && !range.isEqual(gemmini)), 'only the name on its line');
  });

  test('go to definition names exactly Gemmini, not the run of Chinese text around it', async () => {
    const doc = await openNote(CHIPS);
    const gemmini = rangeOf(doc, LINE, 'Gemmini');
    const links = await poll('definition links', async () => {
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider',
        doc.uri,
        gemmini.start.translate(0, 3),
      );
      return found?.length ? found : undefined;
    });
    for (const link of links) {
      assert.ok('targetUri' in link, 'a LocationLink');
      assert.ok(link.originSelectionRange?.isEqual(gemmini), JSON.stringify(link.originSelectionRange));
    }
  });

  test("the card's mention count is a link to the references, and hovers may run that command and no other", async () => {
    const doc = await openNote(CHIPS);
    const gemmini = rangeOf(doc, LINE, 'Gemmini');
    const card = await poll('the Gemmini card with its references link', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        gemmini.start.translate(0, 3),
      );
      const contents = (hovers ?? []).flatMap((hover) => hover.contents);
      return contents.find(
        (content): content is vscode.MarkdownString =>
          content instanceof vscode.MarkdownString && content.value.includes('command:marginalia.showEntityReferences?'),
      );
    });
    assert.deepEqual(card.isTrusted, { enabledCommands: ['marginalia.showEntityReferences'] });
    const query = /\(command:marginalia\.showEntityReferences\?([^)]*)\)/.exec(card.value)?.[1] ?? '';
    const [args] = JSON.parse(decodeURIComponent(query)) as Array<{ entityId: string }>;
    assert.equal(args.entityId, 'github:ucb-bar/gemmini');
    await vscode.commands.executeCommand('marginalia.showEntityReferences', ...JSON.parse(decodeURIComponent(query)));
  });

  test('"link this mention" turns Gemmini into a link to its repository', async () => {
    const doc = await openNote(CHIPS);
    const gemmini = rangeOf(doc, LINE, 'Gemmini');
    const actions = await poll('the link-this-mention actions', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        new vscode.Range(gemmini.start.translate(0, 2), gemmini.start.translate(0, 2)),
      );
      const linking = (found ?? []).filter((action) => action.title.startsWith('Link'));
      return linking.length ? linking : undefined;
    });
    const link = actions.find((action) => action.isPreferred);
    assert.ok(link?.edit, actions.map((action) => action.title).join(' | '));
    assert.equal(link.title, 'Link “Gemmini” to its repository (github.com/ucb-bar/gemmini)');
    try {
      assert.ok(await vscode.workspace.applyEdit(link.edit));
      assert.equal(doc.lineAt(LINE).text, 'a) 架构探索:利用[Gemmini](https://github.com/ucb-bar/gemmini)平台探索不同的DNN加速器架构。');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
