// The Markdown injection grammar, tokenized by VS Code's own TextMate engine (vscode-textmate and
// vscode-oniguruma from the editor's installation) with the grammars every installed extension
// contributes, ours included, wired the way the editor wires them (scope names, injectTo).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

interface Token {
  text: string;
  scopes: string[];
}

interface TextMate {
  tokenize(lines: string[]): Token[][];
}

/** Every installed extension's grammar contributions: scope name → file, and injections per target scope. */
function contributedGrammars(): { files: Map<string, string>; injections: Map<string, string[]> } {
  const files = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const extension of vscode.extensions.all) {
    for (const grammar of extension.packageJSON?.contributes?.grammars ?? []) {
      if (!grammar.scopeName || !grammar.path) continue;
      files.set(grammar.scopeName, path.join(extension.extensionPath, grammar.path));
      for (const target of grammar.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), grammar.scopeName]);
    }
  }
  return { files, injections };
}

async function loadTextMate(): Promise<TextMate> {
  // the editor's own copies, so the test needs no tokenizer of its own
  const fromEditor = createRequire(path.join(vscode.env.appRoot, 'package.json'));
  const textmate = fromEditor('vscode-textmate');
  const oniguruma = fromEditor('vscode-oniguruma');
  const wasm = fs.readFileSync(path.join(path.dirname(fromEditor.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const { files, injections } = contributedGrammars();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = files.get(scopeName);
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName: string) => injections.get(scopeName) ?? [],
  });
  const markdown = await registry.loadGrammar('text.html.markdown');
  assert.ok(markdown, 'the Markdown grammar is not installed');
  return {
    tokenize(lines) {
      let state = textmate.INITIAL;
      return lines.map((line) => {
        const result = markdown.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map((token: { startIndex: number; endIndex: number; scopes: string[] }) => ({
          text: line.slice(token.startIndex, token.endIndex),
          scopes: token.scopes,
        }));
      });
    },
  };
}

/** The texts of a line's tokens that carry a scope starting with `scope`. */
function tokensWith(line: Token[], scope: string): string[] {
  return line.filter((token) => token.scopes.some((name) => name.startsWith(scope))).map((token) => token.text);
}

suite("grammar: Markdown injection in the editor's TextMate engine", () => {
  let lines: Token[][];
  const note = [
    'See arXiv:2404.17153 and 论文2407.00079v2提出; not 3.14159.', // 0
    'Code at github.com/vllm-project/vllm and GitHub: NVIDIA/Megatron-LM; not TCP/IP.', // 1
    'Links: [[Gemmini]] and [[notes/vllm#Install|vLLM notes]].', // 2
    '', // 3
    '```bash {cwd=. timeout=120 name=gpu-check}', // 4
    'echo "$HOME"', // 5
    '```', // 6
    '', // 7
    '```verilog file=AluTop.v', // 8
    'module AluTop;', // 9
    '```', // 10
    '', // 11
    'Inline `2404.17153` stays code.', // 12
    '', // 13
    '```bash', // 14
    'echo 2404.17153', // 15
    '```', // 16
  ];

  suiteSetup(async () => {
    const ours = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(
      ours?.packageJSON.contributes.grammars?.some((grammar: { injectTo?: string[] }) => grammar.injectTo?.includes('text.html.markdown')),
      'the extension contributes no Markdown injection',
    );
    lines = (await loadTextMate()).tokenize(note);
  });

  test('arXiv ids, with prefix, in Chinese text and with a version', () => {
    assert.deepEqual(tokensWith(lines[0], 'constant.numeric.arxiv-id'), ['2404.17153', '2407.00079']);
    assert.deepEqual(tokensWith(lines[0], 'keyword.other.arxiv'), ['arXiv']);
    assert.deepEqual(tokensWith(lines[0], 'constant.numeric.arxiv-version'), ['v2']);
  });

  test('GitHub owner/repo in an address and after a GitHub: label, nothing else', () => {
    assert.deepEqual(tokensWith(lines[1], 'entity.name.type.github-repo'), ['vllm', 'Megatron-LM']);
    assert.deepEqual(tokensWith(lines[1], 'entity.name.namespace.github-owner'), ['vllm-project', 'NVIDIA']);
  });

  test('wiki links, with heading and alias', () => {
    assert.deepEqual(tokensWith(lines[2], 'markup.underline.link.wiki'), ['Gemmini', 'notes/vllm']);
    assert.deepEqual(tokensWith(lines[2], 'string.other.link.description.marginalia'), ['vLLM notes']);
  });

  test('snippet options on the opening fence, with the block still a Bash code block', () => {
    assert.deepEqual(tokensWith(lines[4], 'entity.other.attribute-name.option'), ['cwd', 'timeout', 'name']);
    assert.deepEqual(tokensWith(lines[4], 'string.unquoted.option-value'), ['.', '120', 'gpu-check']);
    assert.deepEqual(tokensWith(lines[4], 'fenced_code.block.language'), ['bash']);
    assert.ok(
      lines[5].every((token) => token.scopes.includes('markup.fenced_code.block.markdown')),
      'the body is inside the code block',
    );
    assert.ok(
      lines[5].some(
        (token) => token.scopes.includes('meta.embedded.block.shellscript') && token.scopes.some((scope) => scope.endsWith('.shell')),
      ),
      'the body is highlighted as shell',
    );
    assert.deepEqual(tokensWith(lines[8], 'entity.other.attribute-name.option'), ['file']);
    assert.deepEqual(tokensWith(lines[8], 'string.unquoted.option-value'), ['AluTop.v']);
    assert.ok(
      lines[12].every((token) => !token.scopes.includes('markup.fenced_code.block.markdown')),
      'the code block ends at its closing fence',
    );
  });

  test('nothing inside inline code or code blocks', () => {
    assert.deepEqual(tokensWith(lines[12], 'meta.arxiv-id'), []);
    assert.deepEqual(tokensWith(lines[15], 'meta.arxiv-id'), []);
  });
});
