// What a new user is offered: the sample notes that the walkthrough and the empty Explorer open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { marginalia } from './helpers';

suite('a new user', () => {
  test('Open Sample Notes copies the packaged notes into the extension storage, twice without losing edits', async () => {
    await marginalia();
    // openFolder: false, since opening a folder would reload the window this suite runs in
    const copy = await vscode.commands.executeCommand<vscode.Uri>('marginalia.openSampleNotes', { openFolder: false });
    assert.ok(copy, 'the command made no copy');
    const names = (await vscode.workspace.fs.readDirectory(copy)).map(([name]) => name).sort();
    assert.deepEqual(names, ['README.md', 'gpu-check.md', 'reading.md']);
    const readme = vscode.Uri.joinPath(copy, 'README.md');
    const edited = `${new TextDecoder().decode(await vscode.workspace.fs.readFile(readme))}\nmy own line\n`;
    await vscode.workspace.fs.writeFile(readme, new TextEncoder().encode(edited));
    const again = await vscode.commands.executeCommand<vscode.Uri>('marginalia.openSampleNotes', { openFolder: false });
    assert.equal(again?.toString(), copy.toString());
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(readme)), edited);
  });
});
