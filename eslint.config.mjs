// The direction of dependencies, held by the build rather than by comments (see ARCHITECTURE.md):
// lsp → features → index → entities → parse → workspace, never back; the client and common/ stand apart
// from the server. A breach fails `npm test` (`npm run lint`).
import tseslint from 'typescript-eslint';

const LSP_LIBRARIES = ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*'];
const MARKDOWN_LIBRARIES = ['unified', 'remark-*', 'micromark', 'micromark-*', 'mdast-*'];

/** `../index`, `../../index/notesIndex`: a sibling folder of server/src (or the top level) seen from up to three levels down. */
function relativePathsTo(name) {
  return ['../', '../../', '../../../'].flatMap((up) => [`${up}${name}`, `${up}${name}/**`]);
}

/** A folder that may not import the named layers of the server (by relative path), nor the paths and packages. */
function layer(files, { layers = [], paths = [], packages = [], message }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(layers.length || paths.length ? [{ group: [...layers.flatMap(relativePathsTo), ...paths], message }] : []),
            ...(packages.length ? [{ group: packages, message }] : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/**', 'bench/**', 'scripts/**', '**/*.js', '**/*.mjs'] },
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, linterOptions: { reportUnusedDisableDirectives: 'error' } },
  // Prettier holds code to 140 columns but leaves comments alone; long strings, regular expressions and URLs may run on.
  {
    files: ['**/*.ts'],
    rules: {
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  layer(['server/src/**/*.ts'], { packages: ['vscode'], message: 'The server is editor-agnostic: no VS Code API.' }),
  layer(['server/src/parse/**/*.ts'], {
    layers: ['entities', 'pipeline', 'index', 'features', 'lsp', 'cli'],
    packages: ['vscode', ...LSP_LIBRARIES],
    message: 'parse/ sits below entities/, pipeline/, index/, features/ and lsp/.',
  }),
  layer(['server/src/entities/**/*.ts'], {
    layers: ['pipeline', 'index', 'features', 'lsp', 'cli'],
    packages: ['vscode', ...LSP_LIBRARIES],
    message: 'entities/ sits below pipeline/, index/, features/ and lsp/.',
  }),
  // pipeline/ is where parse/ and entities/ meet (the parse pipeline with the extractors plugged in).
  layer(['server/src/pipeline/**/*.ts'], {
    layers: ['index', 'features', 'lsp', 'cli'],
    packages: ['vscode', ...LSP_LIBRARIES],
    message: 'pipeline/ sits below index/, features/ and lsp/.',
  }),
  layer(['server/src/index/**/*.ts'], {
    layers: ['features', 'lsp', 'cli'],
    packages: ['vscode', ...LSP_LIBRARIES],
    message: 'index/ sits below features/ and lsp/.',
  }),
  // The engine assembles the index and what it needs; what serves the index sits above it.
  layer(['server/src/engine.ts'], {
    paths: ['./features', './features/**', './lsp', './lsp/**', './cli', './cli/**'],
    packages: ['vscode', ...LSP_LIBRARIES],
    message: 'engine.ts sits below features/, lsp/ and cli/.',
  }),
  layer(['server/src/features/**/*.ts'], {
    layers: ['lsp', 'cli'],
    packages: ['vscode', ...LSP_LIBRARIES],
    message: 'features/ are pure functions over the index: no transport.',
  }),
  layer(['client/src/**/*.ts'], {
    layers: ['server'],
    packages: MARKDOWN_LIBRARIES,
    message: 'The client is fed data by the server: it imports common/ only and parses no Markdown.',
  }),
  layer(['common/**/*.ts'], {
    layers: ['server', 'client'],
    packages: ['vscode', ...LSP_LIBRARIES, ...MARKDOWN_LIBRARIES],
    message: 'common/ is shared by server and client and depends on neither.',
  }),
);
