// The entity graph in a real VS Code: the graph button on an entity's row in the Entities view opens a
// webview beside the note, drawing the entity, its notes and the entities mentioned with it, from a page
// that loads nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { marginalia, openNote, poll } from './helpers';

const FRAMEWORKS = '002_cb18c87924e80d70.md';

suite('the entity graph', () => {
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test("an entity's row carries the graph button, and it draws Megatron-LM, its notes and its neighbours", async () => {
    await openNote(FRAMEWORKS);
    const api = await marginalia();
    const view = api.entitiesView();
    const megatron = await poll('Megatron-LM in the Entities view', async () =>
      ((await view.getChildren()) ?? []).find((row) => row.label === 'Megatron-LM'),
    );
    assert.equal(view.getTreeItem(megatron).contextValue, 'entity', 'the row shows the button package.json puts on entity rows');
    await vscode.commands.executeCommand('marginalia.showEntityGraph', megatron);
    const graph = api.entityGraph();
    const roles = graph.nodes.map((node) => node.role);
    assert.equal(graph.nodes[0].label, 'Megatron-LM');
    assert.deepEqual(
      graph.nodes.filter((node) => node.role === 'definition').map((node) => node.label),
      [FRAMEWORKS, '000_2a3c44dcec08f07f.md'],
    );
    assert.ok(roles.includes('related'), `roles: ${roles.join(', ')}`);
    assert.match(graph.html ?? '', /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(graph.html ?? '', /https?:/);
    const tab = await poll('a webview tab for the graph', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.label.includes('Megatron-LM')),
    );
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the note, not over it');
  });
});
