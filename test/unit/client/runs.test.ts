// The editor-independent parts of snippet runs in the client: run records that follow edits, lens
// titles from run state, and the output block a note keeps.
import assert from 'node:assert/strict';
import { formatElapsed, lensesWithRunState, SHOW_RUN_OUTPUT_COMMAND, type LensData } from '../../../client/src/runs/lensState';
import { fenceFor, lastLine, lastLines, outputBlockEdit, outputForNote, outputLines, stripAnsi } from '../../../client/src/runs/outputText';
import { outputRefusal, RunStore } from '../../../client/src/runs/runStore';
import { SNIPPET_COMMANDS } from '../../../common/protocol';
import type { Execution } from '../../../common/runner';

const URI = 'file:///notes/gpu.md';

function execution(fields: Partial<Execution> = {}): Execution {
  return {
    exitCode: 0,
    signal: null,
    durationMs: 1200,
    output: 'hello\n',
    truncated: false,
    outputBytes: 6,
    omittedBytes: 0,
    timedOut: false,
    cancelled: false,
    scratch: true,
    filesWritten: [],
    summary: 'hello',
    outcome: '✓ exit 0 · 1.2 s',
    ...fields,
  };
}

describe('client runs: the run store', () => {
  it('refuses a second run of a block that is still running, allows one after it ended', () => {
    const store = new RunStore();
    const first = store.start(URI, 4, 7, 'gpu.md:5');
    assert.ok(first);
    assert.equal(store.start(URI, 4, 7, 'gpu.md:5'), undefined);
    store.finish(first, execution());
    assert.ok(store.start(URI, 4, 7, 'gpu.md:5'));
  });

  it('moves records down when lines are inserted above, and leaves them alone for edits below', () => {
    const store = new RunStore();
    const record = store.start(URI, 10, 13, 'gpu.md:11')!;
    store.applyEdits(URI, [{ startLine: 2, endLine: 2, endCharacter: 5, insertedLineBreaks: 3 }]);
    assert.deepEqual([record.line, record.endLine], [13, 16]);
    assert.equal(store.get(URI, 13), record);
    assert.equal(store.get(URI, 10), undefined);
    store.applyEdits(URI, [{ startLine: 20, endLine: 25, endCharacter: 0, insertedLineBreaks: 0 }]);
    assert.deepEqual([record.line, record.endLine], [13, 16]);
  });

  it('moves a record when a line break is typed at the very start of its fence', () => {
    const store = new RunStore();
    const record = store.start(URI, 10, 13, 'gpu.md:11')!;
    store.finish(record, execution());
    store.applyEdits(URI, [{ startLine: 10, endLine: 10, endCharacter: 0, insertedLineBreaks: 1 }]);
    assert.equal(store.get(URI, 11), record);
  });

  it('grows a block edited inside, and drops a finished result whose fence was rewritten', () => {
    const store = new RunStore();
    const inside = store.start(URI, 0, 3, 'gpu.md:1')!;
    store.finish(inside, execution());
    store.applyEdits(URI, [{ startLine: 1, endLine: 1, endCharacter: 4, insertedLineBreaks: 2 }]);
    assert.deepEqual([inside.line, inside.endLine], [0, 5]);
    store.applyEdits(URI, [{ startLine: 0, endLine: 1, endCharacter: 0, insertedLineBreaks: 0 }]);
    assert.equal(store.forNote(URI).length, 0);
  });

  it('keeps the closing fence in place when the line under it is joined to it (Backspace) or a line is added after it (Enter)', () => {
    // Lines 4-7: ```bash / nvidia-smi / nvcc -V / ```, then a blank line 8.
    const store = new RunStore();
    const record = store.start(URI, 4, 7, 'gpu.md:5')!;
    store.finish(record, execution());
    store.applyEdits(URI, [{ startLine: 7, endLine: 8, endCharacter: 0, insertedLineBreaks: 0 }]);
    assert.deepEqual([record.line, record.endLine], [4, 7], 'Backspace at the start of the blank line');
    store.applyEdits(URI, [{ startLine: 7, endLine: 7, endCharacter: 3, insertedLineBreaks: 1 }]);
    assert.deepEqual([record.line, record.endLine], [4, 7], 'Enter at the end of the closing fence');
    store.applyEdits(URI, [{ startLine: 6, endLine: 7, endCharacter: 0, insertedLineBreaks: 0 }]);
    assert.deepEqual([record.line, record.endLine], [4, 6], 'the last line of the block deleted with its line break');
    assert.equal(store.get(URI, 4), record);
  });

  it('refuses to put output under a block that is no longer the one that ran', () => {
    const store = new RunStore();
    const record = store.start(URI, 4, 6, 'gpu.md:5')!;
    record.blockText = '```bash\nnvidia-smi\n```';
    store.finish(record, execution());
    assert.equal(outputRefusal(record, { line: 4, endLine: 6, text: '```bash\nnvidia-smi\n```' }), undefined);
    assert.equal(
      outputRefusal(record, { line: 4, endLine: 6, text: '```bash\nrm -rf build\n```' }),
      'gpu.md:5 changed since it ran; run it again to insert its output.',
    );
    assert.match(outputRefusal(record, { line: 4, endLine: 9, text: '```bash\nnvidia-smi\n```\nmore\n```' }) ?? '', /changed since it ran/);
  });

  it('keeps a running record whatever happens to its text, so it can still be stopped', () => {
    const store = new RunStore();
    const record = store.start(URI, 0, 3, 'gpu.md:1')!;
    store.applyEdits(URI, [{ startLine: 0, endLine: 2, endCharacter: 0, insertedLineBreaks: 0 }]);
    assert.deepEqual(store.running(), [record]);
  });

  it('applies several edits of one change from the bottom up', () => {
    const store = new RunStore();
    const record = store.start(URI, 10, 12, 'gpu.md:11')!;
    store.applyEdits(URI, [
      { startLine: 1, endLine: 1, endCharacter: 0, insertedLineBreaks: 1 },
      { startLine: 5, endLine: 7, endCharacter: 0, insertedLineBreaks: 0 },
    ]);
    assert.deepEqual([record.line, record.endLine], [9, 11]);
  });

  it('keeps only the end of live output, and forgets results when the note closes', () => {
    const store = new RunStore();
    const record = store.start(URI, 0, 2, 'gpu.md:1')!;
    store.appendOutput(record, 'x'.repeat(20_000));
    store.appendOutput(record, 'the end');
    assert.ok(record.liveTail.length <= 8 * 1024);
    assert.ok(record.liveTail.endsWith('the end'));
    store.finish(record, execution());
    store.forget(URI);
    assert.equal(store.forNote(URI).length, 0);
    assert.equal(store.last, record, 'the status bar still knows the last run');
  });
});

describe('client runs: lens titles from run state', () => {
  const serverLenses: LensData[] = [
    { line: 4, title: '▶ Run', command: SNIPPET_COMMANDS.run, arguments: [{ uri: URI, line: 4 }] },
    { line: 4, title: 'Run in terminal', command: SNIPPET_COMMANDS.runInTerminal, arguments: [{ uri: URI, line: 4 }] },
    { line: 4, title: 'Copy', command: SNIPPET_COMMANDS.copy, arguments: [{ uri: URI, line: 4 }] },
    { line: 9, title: '▶ Run', command: SNIPPET_COMMANDS.run, arguments: [{ uri: URI, line: 9 }] },
  ];

  it('shows ■ Stop and the elapsed time while a block runs', () => {
    const store = new RunStore();
    store.start(URI, 4, 6, 'gpu.md:5', 1_000);
    const titles = lensesWithRunState(serverLenses, (line) => store.get(URI, line), 4_700).map((lens) => `${lens.line}: ${lens.title}`);
    assert.deepEqual(titles, ['4: ■ Stop', '4: running · 3 s', '4: Run in terminal', '4: Copy', '9: ▶ Run']);
    const stop = lensesWithRunState(serverLenses, (line) => store.get(URI, line), 4_700)[0];
    assert.equal(stop.command, SNIPPET_COMMANDS.stop);
    assert.deepEqual(stop.arguments, [{ uri: URI, line: 4 }]);
  });

  it('puts the outcome in front of ▶ Run after a run', () => {
    const store = new RunStore();
    store.finish(
      store.start(URI, 9, 11, 'gpu.md:10')!,
      execution({ exitCode: 2, outcome: '✗ exit 2 · 0.4 s', summary: 'nvidia-smi not found' }),
    );
    const lenses = lensesWithRunState(serverLenses, (line) => store.get(URI, line), 0).filter((lens) => lens.line === 9);
    assert.deepEqual(
      lenses.map((lens) => [lens.title, lens.command]),
      [
        ['✗ exit 2 · 0.4 s', SHOW_RUN_OUTPUT_COMMAND],
        ['▶ Run', SNIPPET_COMMANDS.run],
      ],
    );
    assert.match(lenses[0].tooltip ?? '', /nvidia-smi not found/);
  });

  it('counts whole seconds, then minutes', () => {
    assert.equal(formatElapsed(0), '0 s');
    assert.equal(formatElapsed(2_999), '2 s');
    assert.equal(formatElapsed(125_400), '2 min 5 s');
  });
});

describe('client runs: output text', () => {
  it('strips colours and keeps the last state of \\r progress lines', () => {
    assert.equal(stripAnsi('\u001b[1;32mPASS\u001b[0m done'), 'PASS done');
    assert.deepEqual(outputLines('10%\r50%\r100%\nok\r\n\n'), ['100%', 'ok']);
    assert.equal(lastLine('first\nsecond\n\n'), 'second');
  });

  it('picks a fence longer than any backtick run in the output', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('has ```` four'), '`````');
  });

  it('keeps the head and tail of a long output, saying how much is left out', () => {
    const lines = outputForNote(Array.from({ length: 500 }, (_, i) => `line ${i + 1}`).join('\n'));
    assert.equal(lines.length, 100);
    assert.equal(lines[0], 'line 1');
    assert.equal(lines[10], '… (401 lines left out)');
    assert.equal(lines[99], 'line 500');
    assert.deepEqual(outputForNote(''), ['(no output)']);
  });

  it('keeps the head and tail of \\r\\n output and coloured lines, cleaned up', () => {
    const lines = outputForNote(Array.from({ length: 300 }, (_, i) => `\u001b[32mline ${i + 1}\u001b[0m\r\n`).join('') + '\r\n\r\n');
    assert.equal(lines.length, 100);
    assert.deepEqual([lines[9], lines[10], lines[11], lines[99]], ['line 10', '… (201 lines left out)', 'line 212', 'line 300']);
    assert.deepEqual(outputForNote(Array.from({ length: 100 }, (_, i) => `l${i}`).join('\n')).length, 100, 'up to 100 lines are all kept');
  });

  it('reads only the ends of a 16 MB flood for the hover, the inline line and the note', () => {
    const flood = `first\n${'y\n'.repeat(8 * 1024 * 1024)}last words\n\n`;
    const started = performance.now();
    const hover = lastLines(flood, 15);
    const inline = lastLine(flood);
    const kept = outputForNote(flood);
    const elapsed = performance.now() - started;
    assert.deepEqual(hover, [...Array(14).fill('y'), 'last words']);
    assert.equal(inline, 'last words');
    assert.deepEqual([kept[0], kept[10], kept[99]], ['first', '… (16.0 MB left out)', 'last words']);
    // Reading all of it line by line takes seconds; the ends take a millisecond or so.
    assert.ok(elapsed < 250, `took ${elapsed.toFixed(0)} ms`);
  });

  it('inserts an output block under the snippet, with a blank line between', () => {
    const note = ['```bash', 'nvidia-smi -L', '```', 'More text.'];
    assert.deepEqual(outputBlockEdit(note, 2, 'GPU 0: NVIDIA H100\n'), {
      startLine: 3,
      endLine: 3,
      text: '\n```output\nGPU 0: NVIDIA H100\n```\n',
    });
  });

  it('replaces the output block already under the snippet instead of adding another', () => {
    const note = ['```bash', 'date', '```', '', '```output', 'old', 'older', '```', 'More text.'];
    assert.deepEqual(outputBlockEdit(note, 2, 'new\n'), { startLine: 4, endLine: 8, text: '```output\nnew\n```\n' });
  });

  it('indents the output block like a snippet inside a list', () => {
    const note = ['- step:', '  ```sh', '  echo hi', '  ```'];
    assert.deepEqual(outputBlockEdit(note, 3, 'hi\n\nthere\n'), {
      startLine: 4,
      endLine: 4,
      text: '\n  ```output\n  hi\n\n  there\n  ```\n',
    });
  });

  it('leaves an unclosed output block alone and inserts a new one', () => {
    const note = ['```sh', 'echo hi', '```', '```output', 'never closed'];
    assert.equal(outputBlockEdit(note, 2, 'hi').startLine, 3);
    assert.equal(outputBlockEdit(note, 2, 'hi').endLine, 3);
  });
});
