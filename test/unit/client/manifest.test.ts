// package.json, the snippets and the icon: what VS Code reads from the package, checked against the
// client's code and against the server that has to understand what the snippets insert.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../../client/src/config';
import { ENTITY_TOKEN_TYPE, SEMANTIC_TOKENS_LEGEND } from '../../../common/protocol';
import { parseInfoString } from '../../../common/runner/infoString';
import { indexOf } from '../helpers';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

/** A snippet's text as inserted when the user types `typed[n]` at tab stop n and accepts the other defaults. */
function expand(snippet: Snippet, typed: Record<number, string> = {}): string {
  const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
  return body
    .replace(/\$\{(\d+):([^${}]*)\}/g, (_, stop: string, fallback: string) => typed[Number(stop)] ?? fallback)
    .replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, (_, stop: string, first: string) => typed[Number(stop)] ?? first)
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, braced: string | undefined, bare: string | undefined) => typed[Number(braced ?? bare)] ?? '');
}

const snippets = JSON.parse(readFileSync(path.join(ROOT, contributes.snippets[0].path), 'utf8')) as Record<string, Snippet>;
const snippet = (name: string, typed: Record<number, string> = {}) => {
  assert.ok(snippets[name], `no snippet "${name}"`);
  return expand(snippets[name], typed);
};

describe('the client: package manifest', () => {
  it('contributes every command the client registers, titled under the Marginalia category', () => {
    const contributed = new Map<string, { title: string; category: string }>(
      contributes.commands.map((command: { command: string }) => [command.command, command]),
    );
    for (const id of Object.values(COMMANDS)) {
      assert.ok(contributed.has(id), `${id} is registered but not in contributes.commands`);
      assert.equal(contributed.get(id)?.category, 'Marginalia');
    }
    for (const [id, command] of contributed) assert.ok(id.startsWith('marginalia.') && command.title, `${id} needs a title`);
  });

  it('points menus only at contributed commands', () => {
    const ids = new Set(contributes.commands.map((command: { command: string }) => command.command));
    for (const [menu, items] of Object.entries(contributes.menus as Record<string, Array<{ command: string }>>)) {
      for (const item of items) assert.ok(ids.has(item.command), `${menu} names ${item.command}, which is not contributed`);
    }
  });

  it('describes every setting, all under marginalia.', () => {
    for (const [key, setting] of Object.entries(
      contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>,
    )) {
      assert.match(key, /^marginalia\./);
      assert.ok((setting.description ?? setting.markdownDescription ?? '').length > 10, `${key} has no description`);
    }
  });

  it('lists only settings that exist as restricted in untrusted workspaces', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    for (const name of untrusted.restrictedConfigurations ?? [])
      assert.ok(contributes.configuration.properties[name], `restricted setting ${name} is not contributed`);
  });

  it("lets only the user's own settings open the address guard: allowList is machine-scoped and restricted", () => {
    const allowList = contributes.configuration.properties['marginalia.links.external.allowList'];
    assert.equal(allowList.scope, 'machine', 'a workspace .vscode/settings.json cannot set it');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('marginalia.links.external.allowList'));
  });

  it("contributes the server's semantic token type and its own modifiers, with a scope for themes without semantic colours", () => {
    assert.deepEqual(
      contributes.semanticTokenTypes.map((type: { id: string }) => type.id),
      SEMANTIC_TOKENS_LEGEND.tokenTypes,
    );
    const standard = ['definition'];
    assert.deepEqual(
      contributes.semanticTokenModifiers.map((modifier: { id: string }) => modifier.id),
      SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((modifier) => !standard.includes(modifier)),
    );
    assert.ok(contributes.semanticTokenScopes[0].scopes[ENTITY_TOKEN_TYPE].length > 0);
  });

  it('ships the files it names: entry point, grammar, snippets and a 128x128 PNG icon', () => {
    for (const file of [
      contributes.grammars[0].path,
      contributes.snippets[0].path,
      manifest.icon,
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
    ]) {
      assert.ok(existsSync(path.join(ROOT, file)), `missing ${file}`);
    }
    const icon = readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.equal(manifest.main, './dist/extension.js');
    assert.match(readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!dist\/\*\.js$/m);
  });
});

describe('the client: Markdown snippets', () => {
  it('each has a prefix, a body and a description', () => {
    for (const [name, current] of Object.entries(snippets)) {
      assert.ok(current.prefix.length && current.body.length && current.description, name);
    }
  });

  it('writes runnable and file blocks whose options the snippet engine reads', () => {
    const [runFence] = snippet('Runnable block').split('\n');
    assert.deepEqual(parseInfoString('bash', runFence.replace(/^```bash/, '')), {
      lang: 'bash',
      options: { cwd: '.', timeoutSec: 120, name: 'check' },
      otherAttributes: {},
      errors: [],
    });
    const [fileFence] = snippet('File block').split('\n');
    assert.deepEqual(parseInfoString('verilog', fileFence.replace(/^```verilog/, '')).options, { file: 'AluTop.v' });
  });

  it('writes tables and cards that the index reads as entities, once the user fills them in', async () => {
    const note = [
      '# Papers',
      '',
      snippet('Paper table', { 1: 'Mooncake: A KVCache-centric Architecture for LLM Serving', 2: '2407.00079' }),
      '',
      '# Serving',
      '',
      snippet('Project table', { 2: 'vLLM', 3: 'vllm-project', 4: 'vllm', 5: 'UC Berkeley' }),
      '',
      snippet('Project card', { 1: 'Gemmini', 2: 'ucb-bar', 3: 'gemmini', 4: 'Gemmini 是一个 DNN 加速器生成器。' }),
    ].join('\n');
    const { index } = await indexOf({ 'new.md': note });
    const found = index.allEntities().map((entity) => [entity.name, entity.kind, entity.links.github ?? entity.links.arxiv]);
    assert.deepEqual(
      found.sort(),
      [
        ['Gemmini', 'project', 'ucb-bar/gemmini'],
        ['Mooncake: A KVCache-centric Architecture for LLM Serving', 'paper', '2407.00079'],
        ['vLLM', 'project', 'vllm-project/vllm'],
      ],
      note,
    );
  });
});
