// The TextMate injection grammar, checked without an editor: its JSON holds together, and its
// patterns (Oniguruma syntax, here limited to what JavaScript's RegExp reads the same way) match
// what they should and leave the rest alone. The e2e suite tokenizes with VS Code's own engine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contribution = manifest.contributes.grammars.find((grammar: { injectTo?: string[] }) =>
  grammar.injectTo?.includes('text.html.markdown'),
);
const grammar = JSON.parse(readFileSync(path.join(ROOT, contribution.path), 'utf8'));

interface Rule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  name?: string;
  contentName?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
}

/** Oniguruma's `\G` (where the last match ended) has no JavaScript twin; at a line start it means `^`. */
function toJs(source: string): RegExp {
  const unsupported = /\\[AzZh]|\(\?[imx]|\(\?>|[*+?}]\+/.exec(source);
  assert.equal(unsupported, null, `pattern uses Oniguruma-only syntax ${unsupported?.[0]}: ${source}`);
  return new RegExp(source.replaceAll('(^|\\G)', '(^)').replaceAll('\\G', '^'), 'u');
}

function rule(name: string): Rule {
  const found = grammar.repository[name] as Rule | undefined;
  assert.ok(found, `no repository rule ${name}`);
  return found;
}

function matchOf(name: string, text: string): RegExpExecArray | null {
  const { match, begin } = rule(name);
  return toJs((match ?? begin)!).exec(text);
}

/** The text a rule's captures would scope with `scope`, for each match in a line. */
function scoped(name: string, text: string, scope: string): string[] {
  const { match, captures } = rule(name);
  const group = Object.entries(captures ?? {}).find(([, capture]) => capture.name === scope)?.[0];
  assert.ok(group, `${name} has no capture named ${scope}`);
  return [...text.matchAll(new RegExp(toJs(match!).source, 'gu'))].map((found) => found[Number(group)]).filter(Boolean);
}

function* allRules(rules: Iterable<Rule>): Generator<Rule> {
  for (const current of rules) {
    yield current;
    yield* allRules(current.patterns ?? []);
    for (const captures of [current.captures, current.beginCaptures, current.endCaptures]) yield* allRules(Object.values(captures ?? {}));
  }
}

describe('the client: Markdown injection grammar', () => {
  it('is contributed as an injection into Markdown under its own scope name', () => {
    assert.equal(contribution.scopeName, grammar.scopeName);
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown /);
    for (const excluded of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw.block'])
      assert.ok(grammar.injectionSelector.includes(`-${excluded}`), `not excluded: ${excluded}`);
  });

  it('has only includes that resolve, rules that match something, and patterns that compile', () => {
    const rules = [...allRules([...grammar.patterns, ...Object.values(grammar.repository as Record<string, Rule>)])];
    for (const current of rules) {
      if (current.include?.startsWith('#'))
        assert.ok(grammar.repository[current.include.slice(1)], `unresolved include ${current.include}`);
      for (const source of [current.match, current.begin, current.end, current.while]) if (source) toJs(source);
      if (current.begin) assert.ok(current.end ?? current.while, `a begin rule without end: ${current.begin}`);
      for (const key of Object.keys({ ...current.captures, ...current.beginCaptures, ...current.endCaptures })) assert.match(key, /^\d+$/);
    }
    assert.ok(rules.length > 20);
  });

  it('highlights arXiv ids, with or without the arXiv: prefix and version', () => {
    const ids = (text: string) => scoped('arxiv-id', text, 'constant.numeric.arxiv-id.marginalia');
    assert.deepEqual(ids('see arXiv:2404.17153 and 2407.00079v2, https://arxiv.org/abs/1706.03762.'), [
      '2404.17153',
      '2407.00079',
      '1706.03762',
    ]);
    assert.deepEqual(ids('论文2404.17153提出了'), ['2404.17153'], 'Chinese text around the id');
    assert.deepEqual(ids('arXiv: 0801.1234'), ['0801.1234'], 'an old four-digit id');
  });

  it('leaves decimals, versions and dates that are not arXiv ids alone', () => {
    for (const text of [
      'pi is 3.14159',
      'v1.2404.17153',
      '2023.12345 (month 23)',
      'torch 2404.171536',
      'ratio 2404.17153.5',
      'id 2404.171',
    ]) {
      assert.equal(matchOf('arxiv-id', text), null, text);
    }
  });

  it("highlights owner/repo in github.com addresses, dots in names included, but not GitHub's own pages", () => {
    const repos = (text: string) => scoped('github-url', text, 'entity.name.type.github-repo.marginalia');
    assert.deepEqual(repos('at github.com/vllm-project/vllm/tree/main and https://github.com/ggml-org/llama.cpp.'), ['vllm', 'llama.cpp']);
    assert.deepEqual(scoped('github-url', 'https://www.github.com/NVIDIA/Megatron-LM', 'entity.name.namespace.github-owner.marginalia'), [
      'NVIDIA',
    ]);
    assert.equal(matchOf('github-url', 'github.com/features/copilot'), null);
    assert.equal(matchOf('github-url', 'notgithub.com/a/b'), null);
  });

  it('highlights a bare owner/repo only after a label that says it is a repository', () => {
    const repos = (text: string) => scoped('github-labelled', text, 'entity.name.type.github-repo.marginalia');
    assert.deepEqual(repos('GitHub: NVIDIA/Megatron-LM'), ['Megatron-LM']);
    assert.deepEqual(repos('仓库：ucb-bar/gemmini'), ['gemmini']);
    for (const text of ['TCP/IP and and/or', 'Not a repo: TCP/IP', 'GitHub: a/b/c', 'see vllm-project/vllm'])
      assert.equal(matchOf('github-labelled', text), null, text);
  });

  it('highlights wiki links with their heading and alias parts', () => {
    const found = matchOf('wiki-link', 'see [[notes/vllm#Install|vLLM notes]] here');
    assert.deepEqual(found?.slice(1), ['[[', 'notes/vllm', '#', 'Install', '|', 'vLLM notes', ']]']);
    assert.equal(matchOf('wiki-link', '[not] [a](wiki)'), null);
  });

  it('takes over a code fence only when its info string has options, in braces or as bare key=value', () => {
    const withOptions = [
      '```bash {cwd=. timeout=120 name=x}',
      '```verilog file=AluTop.v',
      '  ```sh {name="gpu check"}',
      '~~~python{timeout=5}',
      '```cpp file=tb_AluTop.cpp',
    ];
    const plain = ['```bash', '```python {.class}', '```{r}', 'text ```bash {x=1}'];
    const fences = Object.keys(grammar.repository).filter((name) => name.startsWith('fenced-'));
    const opens = (line: string) => fences.filter((name) => matchOf(name, line));
    for (const line of withOptions) assert.ok(opens(line).length > 0, `no fence rule opens ${line}`);
    for (const line of plain) assert.deepEqual(opens(line), [], `${line} should stay with the Markdown grammar`);
    assert.equal(matchOf('fenced-shell', '```bash {cwd=.}')?.[5], ' {cwd=.}', 'the options are one capture, scoped and tokenized');
    assert.equal(matchOf('fenced-shell', '```bashful {x=1}'), null, 'a longer language word is not bash');
  });

  it('splits options into keys and values, quoted values kept whole', () => {
    const [pair] = rule('snippet-options').patterns!.filter((current) => current.captures);
    const found = [...' {cwd=. timeout=120 name="gpu check" file=\'a b.v\'}'.matchAll(new RegExp(toJs(pair.match!).source, 'gu'))];
    assert.deepEqual(
      found.map((match) => [match[1], match[3] ?? match[4] ?? match[5]]),
      [
        ['cwd', '.'],
        ['timeout', '120'],
        ['name', '"gpu check"'],
        ['file', "'a b.v'"],
      ],
    );
  });
});
