import assert from 'node:assert/strict';
import { MARKED_NAMES_LIMIT, markedNamesIn } from '../../../server/src/features/markedNames';
import { indexOf, noteUri } from '../helpers';

const DEFINITIONS = {
  'gemmini.md': '- Gemmini: https://github.com/ucb-bar/gemmini\n',
  'papers.md': '- [FlashAttention: Fast and Memory-Efficient Exact Attention](https://arxiv.org/abs/2205.14135)\n',
};

describe('marked names', () => {
  it('marks exactly the names the index resolves inside Chinese text, and no ordinary word', async () => {
    const { index } = await indexOf({ ...DEFINITIONS, 'plan.md': '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构\n' });
    assert.deepEqual(markedNamesIn(index, noteUri('plan.md')), [{ line: 2, character: 2, length: 7, modifiers: ['project'] }]);
  });

  it('marks only the names in the range asked for', async () => {
    const lines = Array.from({ length: 30 }, (_, line) => (line % 10 === 5 ? `第${line}行提到Gemmini。` : `第${line}行。`));
    const { index } = await indexOf({ ...DEFINITIONS, 'long.md': `${lines.join('\n')}\n` });
    const range = { start: { line: 10, character: 0 }, end: { line: 20, character: 0 } };
    assert.deepEqual(
      markedNamesIn(index, noteUri('long.md'), range).map((name) => name.line),
      [15],
    );
  });

  it('says whether a name is a paper, and where the note defines it', async () => {
    const { index } = await indexOf({ ...DEFINITIONS, 'reading.md': 'FlashAttention 把注意力分块计算；Gemmini 是加速器。\n' });
    assert.deepEqual(markedNamesIn(index, noteUri('reading.md')), [
      { line: 0, character: 0, length: 14, modifiers: ['paper'] },
      { line: 0, character: 24, length: 7, modifiers: ['project'] },
    ]);
    assert.deepEqual(markedNamesIn(index, noteUri('gemmini.md')), [
      { line: 0, character: 2, length: 7, modifiers: ['project', 'definition'] },
    ]);
  });

  it('says when several entities share the name', async () => {
    const { index } = await indexOf({
      'a.md': '| Project | About |\n|---|---|\n| [Orca](https://github.com/a/orca) | a scheduler |\n',
      'b.md': '| Project | About |\n|---|---|\n| [Orca](https://github.com/b/orca) | a database |\n',
      'c.md': 'Orca again.\n',
    });
    assert.deepEqual(markedNamesIn(index, noteUri('c.md')), [{ line: 0, character: 0, length: 4, modifiers: ['project', 'shared'] }]);
  });

  it('answers for a huge note from its mentions: a screenful at once, the whole note capped', async () => {
    const line = 'Gemmini 与 FlashAttention 的对比实验记录。\n';
    const { index } = await indexOf({ ...DEFINITIONS, 'huge.md': line.repeat(20_000) });
    const uri = noteUri('huge.md');
    const screen = { start: { line: 12_000, character: 0 }, end: { line: 12_050, character: 0 } };
    const started = performance.now();
    const shown = markedNamesIn(index, uri, screen);
    const elapsed = performance.now() - started;
    assert.equal(shown.length, 100);
    assert.ok(elapsed < 50, `${elapsed.toFixed(1)} ms for a screenful`);
    assert.equal(markedNamesIn(index, uri).length, MARKED_NAMES_LIMIT);
  });
});
