import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, hoverText, openNote, poll, positionOf } from './helpers';

suite('activation', () => {
  test('the extension is installed', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among the installed extensions`);
  });

  test('is loaded from the place the launcher chose', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const expected = process.env.MARGINALIA_E2E_EXTENSION_PATH;
    if (process.env.MARGINALIA_E2E_MODE === 'vsix') {
      // the packaged build, installed into the extensions folder, not the development folder
      assert.match(ext.extensionPath, /[\\/]marginalia\.marginalia-[^\\/]+$/, ext.extensionPath);
      assert.ok(ext.packageJSON.main, 'package.json has no main');
    } else if (expected) {
      assert.equal(ext.extensionPath, expected);
    }
  });

  test('the window trust matches the launcher mode', () => {
    const restricted = process.env.MARGINALIA_E2E_TRUST === 'restricted';
    assert.equal(vscode.workspace.isTrusted, !restricted, `expected a ${restricted ? 'Restricted Mode' : 'trusted'} window`);
  });

  test('activates when a seed note is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const doc = await openNote('000_2a3c44dcec08f07f.md');
    assert.equal(doc.languageId, 'markdown');
    await poll('the extension to activate', () => (ext.isActive ? true : undefined), 20_000);
  });
});

suite('hover and definition on a seed note', () => {
  // 001_7e5cbe7abf80e26e.md, line 120: `| 1 | [vLLM](https://github.com/vllm-project/vllm) | UC Berkeley | ...`
  const NOTE = '001_7e5cbe7abf80e26e.md';
  const LINE = 119;

  test('hovering vLLM shows its card', async () => {
    const doc = await openNote(NOTE);
    const pos = positionOf(doc, LINE, 'vLLM');
    const text = await poll(
      'a hover on vLLM mentioning UC Berkeley',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
        const texts = (hovers ?? []).map(hoverText);
        const card = texts.find((t) => t.includes('vLLM') && t.includes('UC Berkeley'));
        if (!card) throw new Error(`hovers: ${JSON.stringify(texts).slice(0, 500)}`);
        return card;
      },
      20_000,
    );
    assert.match(text, /vLLM/);
    assert.match(text, /UC Berkeley/);
  });

  test('go to definition on vLLM lands in the same note', async () => {
    const doc = await openNote(NOTE);
    const pos = positionOf(doc, LINE, 'vLLM');
    const targets = await poll(
      'a definition for vLLM',
      async () => {
        const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
          'vscode.executeDefinitionProvider',
          doc.uri,
          pos,
        );
        if (!defs?.length) throw new Error('no definition');
        return defs.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetRange } : { uri: d.uri, range: d.range }));
      },
      20_000,
    );
    assert.ok(
      targets.some((t) => t.uri.toString() === doc.uri.toString()),
      `definitions point elsewhere: ${targets.map((t) => `${t.uri.path}:${t.range.start.line + 1}`).join(', ')}`,
    );
  });
});
