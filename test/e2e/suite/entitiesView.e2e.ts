// The Entities view in the explorer, as a user meets it: it lists what the note in the editor defines,
// an expanded entity shows where it is defined and which notes mention it, and a click opens the place
// without replacing the list; opening another note by hand lists that note's entities.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EntityRow } from '../../../client/src/entityRows';
import { marginalia, openNote, poll } from './helpers';

const AI_OS = '001_7e5cbe7abf80e26e.md';
const FRAMEWORKS = '002_cb18c87924e80d70.md';

const fileName = (uri: vscode.Uri | undefined) => uri?.path.split('/').pop();

/** Runs what a click on the row runs. */
async function click(row: EntityRow): Promise<void> {
  const view = (await marginalia()).entitiesView();
  const command = view.getTreeItem(row).command;
  assert.ok(command, `"${row.label}" opens nothing`);
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

/** The view's top rows once they list `name`. */
async function rootsListing(name: string): Promise<EntityRow[]> {
  const view = (await marginalia()).entitiesView();
  return poll(`the Entities view to list ${name}`, async () => {
    const rows = (await view.getChildren()) ?? [];
    if (!rows.some((row) => row.label === name)) throw new Error(`rows: ${rows.map((row) => row.label).join(', ') || view.message}`);
    return rows;
  });
}

suite('the Entities view', () => {
  test('is contributed to the explorer and can be shown', async () => {
    await vscode.commands.executeCommand('marginalia.entities.focus');
    await openNote(AI_OS);
    assert.equal(fileName((await marginalia()).entitiesView().shownNote), AI_OS);
  });

  test('lists the entities the note defines; vLLM opens at its table row', async () => {
    await openNote(AI_OS);
    const vllm = (await rootsListing('vLLM')).find((row) => row.label === 'vLLM')!;
    assert.equal(vllm.description?.startsWith('project'), true);
    await click(vllm);
    const editor = vscode.window.activeTextEditor;
    assert.equal(fileName(editor?.document.uri), AI_OS);
    assert.equal(editor?.selection.start.line, 119);
    assert.match(editor?.document.getText(editor.selection) ?? '', /vLLM/);
  });

  test('an expanded entity shows its definitions and the notes mentioning it; a click opens one and keeps the list', async () => {
    await openNote(FRAMEWORKS);
    const view = (await marginalia()).entitiesView();
    const megatron = (await rootsListing('Megatron-LM')).find((row) => row.label === 'Megatron-LM')!;
    const [definitions, mentions] = (await view.getChildren(megatron)) ?? [];
    assert.deepEqual(
      definitions.children?.map((row) => row.label),
      [`${FRAMEWORKS}:395`, '000_2a3c44dcec08f07f.md:1110'],
    );
    assert.ok(mentions.children?.length, 'some note mentions Megatron-LM');
    const elsewhere = definitions.children![1];
    await click(elsewhere);
    const editor = await poll('the editor on the other definition', () =>
      fileName(vscode.window.activeTextEditor?.document.uri) === '000_2a3c44dcec08f07f.md' ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.selection.start.line, 1109);
    assert.equal(fileName(view.shownNote), FRAMEWORKS, 'the view still lists the note the user was reading');
    await openNote(AI_OS);
    assert.equal(fileName(view.shownNote), AI_OS, 'a note opened by hand is followed');
  });

  test('says what to do where a note defines nothing', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# 随笔\n\n今天读了 vLLM 的论文。\n' });
    await vscode.window.showTextDocument(doc);
    const view = (await marginalia()).entitiesView();
    const message = await poll('the view to say this note defines nothing', async () => {
      const rows = (await view.getChildren()) ?? [];
      return rows.length === 0 && view.message?.includes('defines no projects') ? view.message : undefined;
    });
    assert.match(message, /Hover a name/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await openNote(AI_OS);
    await rootsListing('vLLM');
    assert.equal(view.message, undefined, 'the message goes with the note that had it');
  });
});
