import assert from 'node:assert/strict';
import { SERVER_COMMANDS, type ServerSnippetArgs, type ServerSnippetRun } from '../../../common/protocol';
import { previewRun } from '../../../common/runner/execute';
import { runnableBlocks, type RunnableBlock } from '../../../common/runner/runnable';
import { readConfig } from '../../../server/src/config';
import { serverRunLenses } from '../../../server/src/features/codeLens';
import { runLog, runMessage, runQuestion } from '../../../server/src/features/snippetRunReport';
import { findLensBlock, serverSnippetArgs, snippetDigest } from '../../../server/src/features/snippetTarget';
import { factsOf } from '../helpers';

const URI = 'file:///notes/note.md';

function blocksOf(markdown: string): RunnableBlock[] {
  const facts = factsOf(markdown);
  return runnableBlocks(
    facts.codeBlocks,
    facts.headings.map((heading) => heading.range.start.line),
  );
}

function lensArgs(markdown: string): ServerSnippetArgs[] {
  return serverRunLenses(URI, blocksOf(markdown)).map((lens) => lens.arguments[0] as ServerSnippetArgs);
}

describe('▶ Run lenses the server runs', () => {
  it('go on each block with commands, with the server command and the block digest, and nothing else', () => {
    const note = '# A\n\n```bash {name=gpu}\nnvidia-smi\n```\n\n```cpp file=tb.cpp\nint x;\n```\n\n```console\nno prompt\n```\n';
    const lenses = serverRunLenses(URI, blocksOf(note));
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.title, lens.command]),
      [[2, '▶ Run', SERVER_COMMANDS.runSnippetOnServer]],
    );
    assert.deepEqual(lenses[0].arguments, [{ uri: URI, line: 2, name: 'gpu', digest: snippetDigest(blocksOf(note)[0].plan) }]);
  });

  it('carry a digest that changes with the script, its options and its file blocks, not with its line', () => {
    const note = '# A\n\n```bash\nmake\n```\n\n```text file=Makefile\nall:\n```\n';
    const [digest] = lensArgs(note).map((args) => args.digest);
    assert.equal(lensArgs(`Intro.\n\n${note}`)[0].digest, digest);
    assert.notEqual(lensArgs(note.replace('make\n', 'make all\n'))[0].digest, digest);
    assert.notEqual(lensArgs(note.replace('```bash\n', '```bash {timeout=5}\n'))[0].digest, digest);
    assert.notEqual(lensArgs(note.replace('all:\n', 'all: x\n'))[0].digest, digest);
  });
});

describe('the block a server-run lens names', () => {
  const note = '# A\n\n```bash {name=hello}\necho hello\n```\n\n```bash\necho two\n```\n';

  it('is found while it reads as the lens showed it, and followed by name when it moved', () => {
    const [hello, two] = lensArgs(note);
    const found = findLensBlock(blocksOf(note), two);
    assert.ok('block' in found);
    assert.equal(found.block.line, 6);
    const moved = findLensBlock(blocksOf(`Intro.\n\n${note}`), hello);
    assert.ok('block' in moved);
    assert.equal(moved.block.line, 4);
  });

  it('is refused when it changed or is gone, naming the line', () => {
    const [hello, two] = lensArgs(note);
    assert.deepEqual(findLensBlock(blocksOf(note.replace('echo two', 'rm -rf two')), two), {
      problem: 'the snippet at line 7 changed since its ▶ Run lens was drawn; nothing was run. Run the new lens to run it',
    });
    assert.deepEqual(findLensBlock(blocksOf('# A\n'), hello), {
      problem: 'the snippet at line 3 (hello) is no longer there; nothing was run',
    });
    // An unnamed block that moved is not guessed at: another block may be on its line now.
    assert.ok('problem' in findLensBlock(blocksOf(`\n${note}`), two));
  });

  it('is read only from an argument of the lens shape', () => {
    assert.deepEqual(serverSnippetArgs({ uri: URI, line: 2, digest: 'd', extra: 1 }), { uri: URI, line: 2, digest: 'd' });
    for (const bad of [
      undefined,
      'x',
      { uri: URI, line: 2 },
      { uri: URI, line: -1, digest: 'd' },
      { uri: URI, line: 2, digest: 'd', name: 3 },
    ]) {
      assert.equal(serverSnippetArgs(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('what the server says about a run', () => {
  const run: ServerSnippetRun = {
    label: 'note.md:3 (gpu)',
    exitCode: 0,
    signal: null,
    timedOut: false,
    cancelled: false,
    succeeded: true,
    durationMs: 400,
    output: 'one\ntwo\n',
    truncated: false,
    outcome: '✓ exit 0 · 0.4 s',
    summary: 'one',
  };

  it('is one message line, the outcome and the summary, and the whole output in the log when there is more', () => {
    assert.equal(runMessage(run), 'Marginalia: note.md:3 (gpu) ✓ exit 0 · 0.4 s — one');
    assert.equal(runLog(run), 'Marginalia: note.md:3 (gpu) ✓ exit 0 · 0.4 s — one\none\ntwo');
    assert.equal(runLog({ ...run, output: 'one\n' }), undefined);
    // Blank lines before the last word are kept, and read once rather than from every one of them.
    const blank = `${'\n'.repeat(200_000)}done\n\n`;
    assert.equal(runLog({ ...run, output: blank }), `Marginalia: note.md:3 (gpu) ✓ exit 0 · 0.4 s — one\n${blank.trimEnd()}`);
    assert.equal(
      runMessage({ ...run, error: 'shell zsh not found', outcome: '✗ shell zsh not found' }),
      'Marginalia: note.md:3 (gpu) ✗ shell zsh not found',
    );
  });

  it('asks before lines that need care, naming them, and not before a plain block in its scratch directory', () => {
    const [plain] = blocksOf('```bash\necho hi\n```\n');
    assert.equal(runQuestion('note.md:1', previewRun(plain.plan, '/notes/note.md', '/tmp/base')), undefined);
    const [risky] = blocksOf('```bash\nsudo apt-get install -y verilator\n```\n');
    const question = runQuestion('note.md:1', previewRun(risky.plan, '/notes/note.md', '/tmp/base'));
    assert.match(
      question ?? '',
      /^Marginalia: run note\.md:1\?\nThese lines need care:\n {2}sudo apt-get install -y verilator — runs as root/,
    );
  });
});

describe('the marginalia.snippets settings of a run', () => {
  it('default to the VS Code client defaults and take what is set', () => {
    assert.deepEqual(readConfig({}).snippets, { codeLens: true, shell: '', env: {}, cwd: 'scratch', timeoutSeconds: 60, maxOutputMB: 4 });
    const set = readConfig({ snippets: { shell: ' zsh ', env: { A: '1' }, cwd: 'note', timeoutSeconds: 0, maxOutputMB: 0.5 } }).snippets;
    assert.deepEqual(set, { codeLens: true, shell: 'zsh', env: { A: '1' }, cwd: 'note', timeoutSeconds: 0, maxOutputMB: 0.5 });
  });

  it('fall back, and say so, for values of the wrong kind', () => {
    const problems: string[] = [];
    const read = readConfig({ snippets: { shell: 1, env: { A: 1, B: 'b' }, cwd: 'home', timeoutSeconds: -1, maxOutputMB: 0 } }, (problem) =>
      problems.push(problem),
    ).snippets;
    assert.deepEqual(read, { codeLens: true, shell: '', env: { B: 'b' }, cwd: 'scratch', timeoutSeconds: 60, maxOutputMB: 4 });
    assert.equal(problems.length, 5);
  });
});
