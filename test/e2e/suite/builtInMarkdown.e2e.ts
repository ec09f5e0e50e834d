// Next to VS Code's own Markdown support, each heading shows once: the outline, breadcrumbs and the headings
// in Ctrl+T come from VS Code, the projects and papers in Ctrl+T from Marginalia. (Folding ranges and links
// that both gave would be merged by VS Code; that the client does not ask for them is a unit test's.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { indexed, poll, workspaceRoot } from './helpers';

const NOTE = '# 推理笔记\n\n## 部署 vLLM\n\n见 [周报](weekly.md)。\n\n## 性能对比\n';
const WEEKLY = '# 周报\n';

/** Every symbol's name, children included. */
function names(symbols: ReadonlyArray<vscode.DocumentSymbol | vscode.SymbolInformation>): string[] {
  return symbols.flatMap((symbol) => [symbol.name, ...('children' in symbol ? names(symbol.children) : [])]);
}

suite("no duplicates with VS Code's Markdown support", () => {
  const folder = () => vscode.Uri.joinPath(workspaceRoot(), 'e2e-built-in');
  const note = () => vscode.Uri.joinPath(folder(), 'inference.md');

  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(note(), Buffer.from(NOTE));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), 'weekly.md'), Buffer.from(WEEKLY));
    await vscode.window.showTextDocument(note());
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
  });

  test('VS Code ships its Markdown support here, so the rest of this suite tests the two together', () => {
    assert.ok(vscode.extensions.getExtension('vscode.markdown-language-features'));
  });

  test('the outline (and so the breadcrumbs) lists each heading once', async () => {
    const found = await poll('the outline of the note', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', note());
      return symbols?.length ? names(symbols) : undefined;
    });
    for (const heading of ['推理笔记', '部署 vLLM', '性能对比'])
      assert.equal(found.filter((name) => name.includes(heading)).length, 1, `${heading} in ${JSON.stringify(found)}`);
  });

  test('Ctrl+T lists a heading once, and still lists the projects and papers only Marginalia knows', async () => {
    await indexed();
    const headings = await poll('the heading among the workspace symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '性能对比');
      const named = (found ?? []).filter((symbol) => symbol.name.includes('性能对比'));
      return named.length ? named : undefined;
    });
    assert.equal(headings.length, 1, JSON.stringify(headings.map((symbol) => [symbol.name, symbol.location.uri.path])));
    const entities = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'vLLM');
    const vllm = entities.filter((symbol) => symbol.name === 'vLLM');
    assert.deepEqual(
      vllm.map((symbol) => [vscode.SymbolKind[symbol.kind], symbol.location.uri.path.split('/').pop()]),
      [['Module', '001_7e5cbe7abf80e26e.md']],
    );
  });
});
