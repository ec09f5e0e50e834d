import assert from 'node:assert/strict';
import { mentionLinkActions } from '../../../server/src/features/mentionLinks';
import type { Position } from '../../../server/src/parse/facts';
import { indexOf, noteUri } from '../helpers';

const GEMMINI = '## 加速器\n\n- Gemmini: https://github.com/ucb-bar/gemmini 脉动阵列生成器\n';

/** The note after applying an action's edits (last first, as an editor does). */
function applied(text: string, edits: Array<{ range: { start: Position; end: Position }; newText: string }>): string {
  const offset = (position: Position) =>
    text
      .split('\n')
      .slice(0, position.line)
      .reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}

async function actionsAt(note: string, position: Position, others: Record<string, string> = { 'hw/gemmini.md': GEMMINI }) {
  const { index } = await indexOf({ ...others, 'plan.md': note });
  // As the server does before it asks: the index keeps the text of open notes only.
  await index.loadText(noteUri('plan.md'));
  return mentionLinkActions(index, noteUri('plan.md'), position);
}

describe('link this mention', () => {
  const PLAN = '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构，再和 Gemmini 的论文对照。\n';

  it('turns the name inside Chinese text into a link to its repository, or to the section of its note', async () => {
    const actions = await actionsAt(PLAN, { line: 2, character: 4 });
    assert.deepEqual(
      actions.map((action) => [action.title, action.isPreferred ?? false]),
      [
        ['Link “Gemmini” to its repository (github.com/ucb-bar/gemmini)', true],
        ['Link “Gemmini” to its note (hw/gemmini.md#加速器)', false],
        ['Link all 2 mentions of “Gemmini” in this note to its repository (github.com/ucb-bar/gemmini)', false],
      ],
    );
    assert.equal(
      applied(PLAN, actions[0].edits),
      '# 计划\n\n利用[Gemmini](https://github.com/ucb-bar/gemmini)平台探索不同的DNN加速器架构，再和 Gemmini 的论文对照。\n',
    );
    assert.equal(
      applied(PLAN, actions[1].edits),
      '# 计划\n\n利用[Gemmini](hw/gemmini.md#加速器)平台探索不同的DNN加速器架构，再和 Gemmini 的论文对照。\n',
    );
  });

  it('links all plain mentions at once, leaving links, headings and code alone', async () => {
    const note = [
      '## Gemmini 笔记',
      '',
      '| Project | About |',
      '|---|---|',
      '| [Chipyard](https://github.com/ucb-bar/chipyard) | 含 Gemmini 的 SoC 框架 |',
      '',
      '见 [Gemmini](https://github.com/ucb-bar/gemmini)，`Gemmini` 在代码里不算。',
      'Gemmini 的阵列大小可配。',
      '',
    ].join('\n');
    const actions = await actionsAt(note, { line: 7, character: 2 });
    const all = actions.find((action) => action.title.startsWith('Link all'));
    assert.ok(all, actions.map((action) => action.title).join('\n'));
    assert.equal(
      applied(note, all.edits),
      note
        .replace('含 Gemmini 的', '含 [Gemmini](https://github.com/ucb-bar/gemmini) 的')
        .replace('\nGemmini 的阵列', '\n[Gemmini](https://github.com/ucb-bar/gemmini) 的阵列'),
    );
  });

  it('links the first thousand mentions of a note that has more, and says so', async () => {
    const actions = await actionsAt('Gemmini 的实验。\n'.repeat(1200), { line: 0, character: 2 });
    const all = actions[actions.length - 1];
    assert.equal(all.title, 'Link the first 1000 mentions of “Gemmini” in this note to its repository (github.com/ucb-bar/gemmini)');
    assert.equal(all.edits.length, 1000);
  });

  it('offers nothing on a name already inside a link, in a heading, on its definition or on an ordinary word', async () => {
    const note = '## Gemmini\n\n见 [Gemmini 主页](https://github.com/ucb-bar/gemmini)。普通的词。\n';
    assert.deepEqual(await actionsAt(note, { line: 0, character: 5 }), []);
    assert.deepEqual(await actionsAt(note, { line: 2, character: 5 }), []);
    assert.deepEqual(await actionsAt(note, { line: 2, character: 50 }), []);
    const { index } = await indexOf({ 'hw/gemmini.md': GEMMINI });
    await index.loadText(noteUri('hw/gemmini.md'));
    assert.deepEqual(mentionLinkActions(index, noteUri('hw/gemmini.md'), { line: 2, character: 4 }), []);
  });

  it('links a paper to its arXiv page, and a note defining it in the same note to its section', async () => {
    const note =
      '## 论文\n\n- [FlashAttention: Fast and Memory-Efficient Exact Attention](https://arxiv.org/abs/2205.14135)\n\n## 笔记\n\nFlashAttention 把注意力分块计算。\n';
    const actions = await actionsAt(note, { line: 6, character: 3 }, {});
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Link “FlashAttention” to its paper (arxiv.org/abs/2205.14135)', 'Link “FlashAttention” to its section (#论文)'],
    );
  });
});
