// Renaming a heading and moving a note in a real VS Code: the links in another note follow. The rename is
// asked of Marginalia's server directly: VS Code's own Markdown support renames headings too, and F2 may ask it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PrepareRenameResult, WorkspaceEdit } from 'vscode-languageclient/node';
import { marginalia, poll, workspaceRoot } from './helpers';

const GPU = '# GPU\n\n## CUDA setup\n\nInstall the driver first.\n';
const WEEKLY = 'Done this week: [CUDA](gpu.md#cuda-setup).\n';

/** A note of the scratch folder this suite writes, as the text the editor holds for it (saved or not). */
async function textOf(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

suite('rename and moved files', () => {
  const folder = () => vscode.Uri.joinPath(workspaceRoot(), 'e2e-rename');
  const gpu = () => vscode.Uri.joinPath(folder(), 'gpu.md');
  const weekly = () => vscode.Uri.joinPath(folder(), 'weekly.md');
  const settings = () => vscode.workspace.getConfiguration('marginalia');

  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(gpu(), Buffer.from(GPU));
    await vscode.workspace.fs.writeFile(weekly(), Buffer.from(WEEKLY));
  });

  suiteTeardown(async () => {
    await settings().update('links.updateOnFileMove', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
  });

  test('renaming a heading changes the anchor in the note linking to it', async () => {
    const { client } = await marginalia();
    const doc = await vscode.workspace.openTextDocument(gpu());
    await vscode.window.showTextDocument(doc);
    const position = { line: 2, character: 5 };
    const params = { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) }, position };
    // The server hears of the new notes from the file watcher: until it has indexed them it refuses, or finds no link yet.
    const prepared = await poll('prepareRename on the new heading', () =>
      client.sendRequest<PrepareRenameResult | null>('textDocument/prepareRename', params),
    );
    assert.deepEqual(prepared && 'placeholder' in prepared ? prepared.placeholder : prepared, 'CUDA setup');
    const answer = await poll('a rename that reaches weekly.md', async () => {
      const found: WorkspaceEdit | null = await client.sendRequest<WorkspaceEdit | null>('textDocument/rename', {
        ...params,
        newName: 'CUDA 12 setup',
      });
      return found && JSON.stringify(found).includes('weekly.md') ? found : undefined;
    });
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(answer);
    assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applied the versioned edits');
    assert.equal(doc.lineAt(2).text, '## CUDA 12 setup');
    assert.equal(await textOf(weekly()), 'Done this week: [CUDA](gpu.md#cuda-12-setup).\n');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
  });

  test('moving a note (a WorkspaceEdit rename, as the explorer does) updates the link to it, with updateOnFileMove "always"', async () => {
    await settings().update('links.updateOnFileMove', 'always', vscode.ConfigurationTarget.Workspace);
    const moved = vscode.Uri.joinPath(folder(), 'hardware', 'gpu notes.md');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(gpu(), moved);
    assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code moved the note');
    const linking = await poll('the link in weekly.md to follow the move', async () => {
      const text = await textOf(weekly());
      return text.includes('hardware/') ? text : undefined;
    });
    // The anchor is the first test's; the path is this one's, a space written as the note writes one.
    assert.match(linking, /^Done this week: \[CUDA\]\(hardware\/gpu%20notes\.md#cuda-[\w-]+\)\.\n$/);
  });
});
