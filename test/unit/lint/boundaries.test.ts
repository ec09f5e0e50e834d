import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// The layer rules of eslint.config.mjs, tried on one import each: a breach is an error `npm test` fails on.
const ROOT = path.resolve(__dirname, '../../..');

async function problemsOf(file: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the direction of dependencies', function () {
  this.timeout(60_000);

  const breaches: Array<[string, string]> = [
    ['server/src/index/probe.ts', "import { hover } from '../features/hover';"],
    ['server/src/parse/links/probe.ts', "import { extractEntities } from '../../entities/extractEntities';"],
    ['server/src/parse/probe.ts', "import { parseNote } from '../pipeline/noteFacts';"],
    ['server/src/entities/probe.ts', "import { parseNote } from '../pipeline/noteFacts';"],
    ['server/src/entities/probe.ts', "import { NotesIndex } from '../index/notesIndex';"],
    ['server/src/features/probe.ts', "import { register } from '../lsp/links';"],
    ['server/src/engine.ts', "import { hoverAt } from './features/hover';"],
    ['server/src/features/probe.ts', "import { Connection } from 'vscode-languageserver/node';"],
    ['server/src/lsp/probe.ts', "import * as vscode from 'vscode';"],
    ['client/src/runs/probe.ts', "import { parseNote } from '../../../server/src/parse/parseNote';"],
    ['client/src/probe.ts', "import { unified } from 'unified';"],
    ['common/runner/probe.ts', "import { parseNote } from '../../server/src/parse/parseNote';"],
    ['common/probe.ts', "import * as vscode from 'vscode';"],
  ];
  for (const [file, line] of breaches) {
    it(`refuses in ${file}: ${line}`, async () => {
      const problems = await problemsOf(file, `${line}\n`);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], /^no-restricted-imports: /);
    });
  }

  const allowed: Array<[string, string]> = [
    ['server/src/lsp/probe.ts', "import { hover } from '../features/hover';"],
    ['server/src/features/probe.ts', "import { NotesIndex } from '../index/notesIndex';"],
    ['server/src/index/probe.ts', "import { parseNote } from '../parse/parseNote';"],
    ['server/src/engine.ts', "import { NotesIndex } from './index/notesIndex';"],
    ['server/src/entities/probe.ts', "import type { NoteFacts } from '../parse/facts';"],
    ['client/src/probe.ts', "import { SERVER_COMMANDS } from '../../common/protocol';"],
  ];
  for (const [file, line] of allowed) {
    it(`allows in ${file}: ${line}`, async () => {
      assert.deepEqual(await problemsOf(file, `${line}\n`), []);
    });
  }
});

describe('the line width', function () {
  this.timeout(60_000);

  it('refuses a comment longer than 140 columns, which Prettier leaves as it is', async () => {
    const problems = await problemsOf('server/src/probe.ts', `// ${'a long comment '.repeat(10)}\nexport const x = 1;\n`);
    assert.deepEqual(
      problems.map((problem) => problem.split(':')[0]),
      ['max-len'],
    );
  });

  it('lets a long string through: messages and test names read better whole', async () => {
    assert.deepEqual(await problemsOf('server/src/probe.ts', `export const x = '${'a'.repeat(150)}';\n`), []);
  });
});
