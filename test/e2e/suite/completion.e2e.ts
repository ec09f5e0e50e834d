// Completion in a real VS Code: typing `[x](#` in a note with Chinese headings offers their GitHub anchors,
// CJK kept, a repeated heading with its `-1`; typing `[x](` offers each note once, since the extension turns
// VS Code's own Markdown path suggestions off by default.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { poll, workspaceRoot } from './helpers';

const NOTE = '# 计划\n\n## 第一步：安装 CUDA\n\n## 常见问题（FAQ）\n\n## 常见问题（FAQ）\n\n';

suite('completion', () => {
  const folder = () => vscode.Uri.joinPath(workspaceRoot(), 'e2e-completion');
  const note = () => vscode.Uri.joinPath(folder(), 'plan.md');

  suiteSetup(() => vscode.workspace.fs.writeFile(note(), Buffer.from(NOTE)));

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
  });

  test('`[x](#` offers the Chinese headings of the note as GitHub anchors', async () => {
    const editor = await vscode.window.showTextDocument(note());
    const end = new vscode.Position(editor.document.lineCount - 1, 0);
    await editor.edit((edit) => edit.insert(end, '回到 [x](#'));
    const cursor = editor.document.lineAt(end.line).range.end;
    // Marginalia's items are the bare anchors with the heading as written.
    const ours = await poll('the anchors of the note in the completion list', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note(), cursor);
      const items = list.items.filter((item) => typeof item.detail === 'string' && item.detail.startsWith('#'));
      if (!items.some((item) => item.label === '第一步安装-cuda')) throw new Error(JSON.stringify(list.items.map((item) => item.label)));
      return items;
    });
    const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
    assert.deepEqual(
      // sorted here: VS Code orders the list its own way
      ours.map((item) => `${label(item)} ${item.detail}`).sort(),
      ['常见问题faq ## 常见问题（FAQ）', '常见问题faq-1 ## 常见问题（FAQ）', '第一步安装-cuda ## 第一步：安装 CUDA', '计划 # 计划'],
    );
  });

  test("`[x](` offers each note of the folder once: VS Code's own path suggestions are off by default", async () => {
    assert.equal(vscode.workspace.getConfiguration('markdown').get('suggest.paths.enabled'), false);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), 'notes-on-cuda.md'), Buffer.from('# CUDA\n'));
    const editor = await vscode.window.showTextDocument(note());
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n见 [x]('));
    const cursor = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
    const offered = await poll('the notes of the folder in the completion list', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note(), cursor);
      const labels = list.items.map(label);
      if (!labels.some((text) => text.includes('notes-on-cuda'))) throw new Error(JSON.stringify(labels));
      return labels;
    });
    assert.equal(offered.filter((text) => text.includes('notes-on-cuda')).length, 1, JSON.stringify(offered));
  });
});
