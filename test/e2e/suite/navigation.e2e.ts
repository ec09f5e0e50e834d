// Hover cards and go-to-definition on the seed notes, through VS Code's own provider commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeLocation, hoverText, openNote, poll, positionOf } from './helpers';

const CHIPS = '000_2a3c44dcec08f07f.md';
const AI_OS = '001_7e5cbe7abf80e26e.md';

/** The hover card at a word of a 1-based line, once one mentions `expected`. */
async function cardAt(note: string, line: number, word: string, expected: RegExp): Promise<string> {
  const doc = await openNote(note);
  const position = positionOf(doc, line - 1, word);
  return poll(
    `a hover card on ${word} (${note}:${line}) matching ${expected}`,
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      const texts = (hovers ?? []).map(hoverText);
      const card = texts.find((text) => expected.test(text));
      if (!card) throw new Error(`hovers: ${JSON.stringify(texts).slice(0, 400)}`);
      return card;
    },
    20_000,
  );
}

suite('navigation: hover cards', () => {
  test('vLLM in its table row: name, team and repository', async () => {
    const card = await cardAt(AI_OS, 120, 'vLLM', /UC Berkeley/);
    assert.match(card, /\*\*vLLM\*\*/);
    assert.match(card, /github\.com\/vllm-project\/vllm/);
  });

  test('Gemmini mentioned inside Chinese text (利用Gemmini平台)', async () => {
    const card = await cardAt(CHIPS, 483, 'Gemmini', /Gemmini/);
    assert.match(card, /\*\*Gemmini\*\*/);
    assert.match(card, /ucb\\?-bar\/gemmini/);
  });

  test('a paper: Mooncake, on its arXiv-linked title', async () => {
    const card = await cardAt(AI_OS, 75, 'Mooncake', /paper/);
    assert.match(card, /Mooncake/);
    assert.match(card, /2407\.00079/);
  });
});

suite('navigation: go to definition', () => {
  test('Megatron-LM in a list of frameworks lands on both notes that define it', async () => {
    const doc = await openNote(CHIPS);
    const position = positionOf(doc, 73, 'Megatron-LM');
    const targets = await poll(
      'definitions of Megatron-LM',
      async () => {
        const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
          'vscode.executeDefinitionProvider',
          doc.uri,
          position,
        );
        if (!found?.length) throw new Error('no definition yet');
        return found.map(describeLocation);
      },
      20_000,
    );
    assert.deepEqual(targets, [`${CHIPS}:1110`, '002_cb18c87924e80d70.md:395']);
  });

  test('the definition line holds the name', async () => {
    const doc = await openNote(CHIPS);
    assert.match(doc.lineAt(1109).text, /^Megatron-LM/);
    const frameworks = await openNote('002_cb18c87924e80d70.md');
    assert.match(frameworks.lineAt(394).text, /Megatron-LM/);
  });
});
