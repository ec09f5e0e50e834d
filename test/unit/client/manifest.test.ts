// package.json, the snippets and the icon: what VS Code reads from the package, checked against the
// client's code and against the server that has to understand what the snippets insert. package.json
// names its texts as %key%, which package.nls.json (English) and package.nls.zh-cn.json translate; the
// checks below read the English manifest, and check that every shown text has its key in both files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { COMMANDS, SAMPLE_NOTES_FOLDER } from '../../../client/src/config';
import { ENTITY_TOKEN_TYPE, SEMANTIC_TOKENS_LEGEND } from '../../../common/protocol';
import { parseInfoString } from '../../../common/runner/infoString';
import { indexOf } from '../helpers';

const ROOT = path.resolve(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
/** package.json as written, with %key% references. */
const raw = readJson('package.json');
const NLS: Record<string, Record<string, string>> = { en: readJson('package.nls.json'), 'zh-cn': readJson('package.nls.zh-cn.json') };
const KEY = /^%([\w.-]+)%$/;

/** value with every %key% string replaced by its text in messages (a missing key stays as it is). */
function localize(value: unknown, messages: Record<string, string>): unknown {
  if (typeof value === 'string') return messages[KEY.exec(value)?.[1] ?? ''] ?? value;
  if (Array.isArray(value)) return value.map((item) => localize(item, messages));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v, messages)]));
  return value;
}

/** Every string of value with its path, e.g. ['contributes.commands.0.title', '%command.showEntities.title%']. */
function strings(value: unknown, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifest = localize(raw, NLS.en) as any;
const contributes = manifest.contributes;

/** Whether vsce packages file, by .vscodeignore: everything is left out but the `!` patterns. */
const vscodeignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('!'))
  .map((line) => picomatch(line.slice(1)));
const packaged = (file: string) => vscodeignore.some((matches) => matches(file.replace(/^\.\//, '')));

/** The keys of package.nls*.json that name a walkthrough step's page, a Markdown file in each language. */
const PAGE_KEY = /^walkthrough\.[\w]+\.[\w]+\.media$/;
/** A Markdown page's fenced code blocks, as written (fences of three or more backticks or tildes). */
const FENCE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;
const fences = (markdown: string) => markdown.match(FENCE) ?? [];
const withoutFences = (markdown: string) => markdown.replace(FENCE, '');
/** Its inline code spans outside the code blocks, e.g. ['`.md`']. */
const inlineCode = (markdown: string) => withoutFences(markdown).match(/`[^`\n]+`/g) ?? [];
/** The pictures it shows: their paths, in order. */
const pictures = (markdown: string) => [...withoutFences(markdown).matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);

/** VS Code's own commands that the walkthrough and the welcome view link to. */
const VSCODE_COMMANDS = ['workbench.action.files.openFolder', 'workbench.actions.view.problems', 'workbench.trust.manage'];
const commandLinks = (text: string) => [...text.matchAll(/\]\(command:([\w.-]+)/g)].map((match) => match[1]);

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

describe('the client: package manifest in English and Chinese', () => {
  /** The fields VS Code shows: titles, names and descriptions, wherever they are in the manifest. */
  const SHOWN =
    /(^description|\.(title|shortTitle|description|markdownDescription|enumDescriptions\.\d+|markdownEnumDescriptions\.\d+|deprecationMessage|markdownDeprecationMessage|contextualTitle|contents|altText)|^contributes\.views\.[\w-]+\.\d+\.name)$/;
  const shown = strings({ description: raw.description, capabilities: raw.capabilities, contributes: raw.contributes }).filter(([at]) =>
    SHOWN.test(at),
  );

  it('finds the texts it checks', () => {
    assert.ok(shown.some(([at]) => at === 'contributes.commands.0.title'));
    assert.ok(shown.some(([at]) => /^contributes\.configuration\.properties\..*\.enumDescriptions\.0$/.test(at)));
    assert.ok(shown.some(([at]) => /^contributes\.walkthroughs\.0\.steps\.0\.description$/.test(at)));
    assert.ok(shown.length > 80, `only ${shown.length} texts found`);
  });

  it('writes every title, name and description as a %key%, so that each has a translation', () => {
    assert.deepEqual(
      shown.filter(([, text]) => !KEY.test(text)).map(([at, text]) => `${at}: ${text.slice(0, 60)}`),
      [],
      'move these texts to package.nls.json and package.nls.zh-cn.json, and name them %key% in package.json',
    );
  });

  for (const language of Object.keys(NLS)) {
    const file = language === 'en' ? 'package.nls.json' : `package.nls.${language}.json`;
    it(`resolves every %key% of package.json in ${file}, which holds no other key`, () => {
      const used = strings(raw)
        .map(([, text]) => KEY.exec(text)?.[1])
        .filter((key): key is string => key !== undefined);
      assert.deepEqual(
        used.filter((key) => typeof NLS[language][key] !== 'string' || !NLS[language][key].trim()),
        [],
      );
      assert.deepEqual(
        Object.keys(NLS[language]).filter((key) => !used.includes(key)),
        [],
      );
    });
  }

  it('translates into Chinese, keeping command links, placeholders and code', () => {
    for (const [key, english] of Object.entries(NLS.en)) {
      const chinese = NLS['zh-cn'][key];
      if (PAGE_KEY.test(key)) continue; // a walkthrough page's file name: its text is checked below
      if (/[a-z]{3}/i.test(english.replace(/Marginalia|`[^`]*`|\(command:[^)]*\)/g, ''))) {
        assert.match(chinese, /[\u4e00-\u9fff]/, `${key} is not translated`);
      }
      assert.deepEqual(commandLinks(chinese), commandLinks(english), `${key}: command links`);
      assert.deepEqual(chinese.match(/\{\d+\}/g) ?? [], english.match(/\{\d+\}/g) ?? [], `${key}: placeholders`);
      const code = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();
      assert.deepEqual(code(chinese), code(english), `${key}: code spans`);
    }
  });

  it('declares virtual workspaces unsupported, saying why, and limits untrusted ones', () => {
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
    assert.match(manifest.capabilities.virtualWorkspaces.description, /from disk/);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /runs no snippets/);
  });

  it('walks a new user through opening notes, a card, a dead-link fix, a snippet run and trust, with packaged step pages', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.deepEqual(
      walkthrough.steps.map((step: { id: string }) => step.id),
      ['openFolder', 'hover', 'fixLink', 'runSnippet', 'trust'],
    );
    for (const step of walkthrough.steps) assert.ok(step.completionEvents.length > 0, `${step.id} never completes`);
  });

  for (const language of Object.keys(NLS)) {
    it(`gives every walkthrough step a packaged page in ${language}, whose pictures are packaged too`, () => {
      const { steps } = (localize(raw, NLS[language]) as typeof raw).contributes.walkthroughs[0];
      for (const step of steps) {
        const page: string = step.media.markdown;
        assert.ok(page && !KEY.test(page) && existsSync(path.join(ROOT, page)), `${step.id}: no page ${page}`);
        assert.ok(packaged(page), `${step.id}: .vscodeignore leaves ${page} out of the package`);
        assert.match(page, language === 'en' ? /^walkthrough\/[\w-]+\.md$/ : new RegExp(`^walkthrough/[\\w-]+\\.${language}\\.md$`));
        for (const image of pictures(readFileSync(path.join(ROOT, page), 'utf8'))) {
          const file = path.posix.join(path.posix.dirname(page), image);
          assert.ok(existsSync(path.join(ROOT, file)) && packaged(file), `${page} shows ${image}, which is missing or not packaged`);
        }
      }
    });
  }

  it('writes the Chinese walkthrough pages in Chinese, with the code, inline code and pictures of the English ones', () => {
    const files = (language: string): string[] =>
      (localize(raw, NLS[language]) as typeof raw).contributes.walkthroughs[0].steps.map(
        (step: { media: { markdown: string } }) => step.media.markdown,
      );
    assert.deepEqual(
      files('zh-cn'),
      files('en').map((file) => file.replace(/\.md$/, '.zh-cn.md')),
    );
    const [english, chinese] = [files('en'), files('zh-cn')].map((list) => list.map((file) => readFileSync(path.join(ROOT, file), 'utf8')));
    english.forEach((page, i) => {
      const title = page.split('\n')[0];
      const translated = chinese[i];
      assert.deepEqual(fences(translated), fences(page), `${title}: code blocks`);
      assert.deepEqual(inlineCode(translated).sort(), inlineCode(page).sort(), `${title}: inline code`);
      assert.deepEqual(pictures(translated), pictures(page), `${title}: pictures`);
      // every line of prose (headings, picture captions, paragraphs) is Chinese
      const prose = withoutFences(translated)
        .split('\n')
        .filter((line) => line.trim());
      assert.ok(prose.length > 0, `${title}: no prose`);
      assert.deepEqual(
        prose.filter((line) => !/[\u4e00-\u9fff]/.test(line)),
        [],
        `${title}: lines not translated`,
      );
    });
  });

  it('links the walkthrough and the welcome view only to commands that exist', () => {
    const contributed = contributes.commands.map((command: { command: string }) => command.command);
    const known = [...contributed, ...VSCODE_COMMANDS];
    const linked = [
      ...contributes.walkthroughs.flatMap((w: { steps: Array<{ description: string; completionEvents: string[] }> }) =>
        w.steps.flatMap((step) => [
          ...commandLinks(step.description),
          ...step.completionEvents.filter((event) => event.startsWith('onCommand:')).map((event) => event.slice('onCommand:'.length)),
        ]),
      ),
      ...contributes.viewsWelcome.flatMap((view: { contents: string }) => commandLinks(view.contents)),
    ];
    assert.ok(linked.includes(COMMANDS.openSampleNotes));
    assert.deepEqual(
      linked.filter((id) => !known.includes(id)),
      [],
    );
  });

  it('offers, in the empty Explorer, to open a notes folder or the sample notes, which are packaged', () => {
    const welcome = contributes.viewsWelcome.find((view: { view: string }) => view.view === 'workbench.explorer.emptyView');
    assert.ok(welcome, 'no welcome content for the empty Explorer');
    assert.deepEqual(commandLinks(welcome.contents), ['workbench.action.files.openFolder', COMMANDS.openSampleNotes]);
    const notes = readdirSync(path.join(ROOT, SAMPLE_NOTES_FOLDER)).filter((name) => name.endsWith('.md'));
    assert.ok(notes.includes('README.md') && notes.length >= 3, `sample notes: ${notes.join(', ')}`);
    for (const note of notes) assert.ok(packaged(`${SAMPLE_NOTES_FOLDER}/${note}`), `${note} is not packaged`);
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
