import assert from 'node:assert/strict';
import { SNIPPET_COMMANDS } from '../../../common/protocol';
import { LENS_TITLES, snippetLenses } from '../../../server/src/features/codeLens';
import { factsOf } from '../helpers';

const URI = 'file:///notes/note.md';

function lensesOf(markdown: string) {
  return snippetLenses(URI, factsOf(markdown).codeBlocks).map((lens) => ({
    line: lens.range.start.line,
    title: lens.title,
    command: lens.command,
    args: lens.arguments,
  }));
}

describe('code lenses over snippets', () => {
  it('puts Run, Run in terminal and Copy on the opening fence of a shell block', () => {
    const lenses = lensesOf('# GPU\n\n```bash {name=gpu-check}\nnvidia-smi\n```\n');
    assert.deepEqual(lenses, [
      { line: 2, title: LENS_TITLES.run, command: SNIPPET_COMMANDS.run, args: [{ uri: URI, line: 2, name: 'gpu-check' }] },
      {
        line: 2,
        title: LENS_TITLES.runInTerminal,
        command: SNIPPET_COMMANDS.runInTerminal,
        args: [{ uri: URI, line: 2, name: 'gpu-check' }],
      },
      { line: 2, title: LENS_TITLES.copy, command: SNIPPET_COMMANDS.copy, args: [{ uri: URI, line: 2, name: 'gpu-check' }] },
    ]);
  });

  it('adds Run all over the first of several snippets, and only there', () => {
    const lenses = lensesOf('```sh\necho a\n```\n\n```zsh\necho b\n```\n\n```console\n$ echo c\nc\n```\n');
    const runAll = lenses.filter((lens) => lens.command === SNIPPET_COMMANDS.runAll);
    assert.deepEqual(runAll, [{ line: 0, title: LENS_TITLES.runAll, command: SNIPPET_COMMANDS.runAll, args: [{ uri: URI, line: 0 }] }]);
    assert.deepEqual([...new Set(lenses.filter((lens) => lens.command === SNIPPET_COMMANDS.run).map((lens) => lens.line))], [0, 4, 8]);
  });

  it('labels file blocks in a note that runs something, without a command', () => {
    const lenses = lensesOf('```verilog file=AluTop.v\nmodule AluTop; endmodule\n```\n\n```bash\nverilator --lint-only AluTop.v\n```\n');
    assert.deepEqual(lenses[0], { line: 0, title: 'file: AluTop.v', command: '', args: [{ uri: URI, line: 0 }] });
    assert.equal(lenses.filter((lens) => lens.command === SNIPPET_COMMANDS.run).length, 1);
  });

  it('gives nothing to notes without a snippet that runs', () => {
    assert.deepEqual(lensesOf('```python\nprint(1)\n```\n'), []);
    assert.deepEqual(lensesOf('```cpp file=tb.cpp\nint main() {}\n```\n'), [], 'a lone file block is not labelled');
    assert.deepEqual(lensesOf('```console\nno prompt here, just output\n```\n'), [], 'a transcript without $ lines');
    assert.deepEqual(lensesOf('```bash\n```\n'), [], 'an empty block');
    assert.deepEqual(lensesOf('    echo indented code\n'), [], 'indented code is never run');
    assert.deepEqual(lensesOf('```bash file=setup.sh\necho written, not run\n```\n'), []);
  });

  it('finds blocks inside lists, at their own fence line', () => {
    const lenses = lensesOf('- step one:\n\n  ```bash\n  echo in a list\n  ```\n');
    assert.equal(lenses[0].line, 2);
  });
});
