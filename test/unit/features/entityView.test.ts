// What the Entities view is fed: the entities a note defines, and for one of them its definitions and
// the notes that mention it, grouped by note.
import assert from 'node:assert/strict';
import { entitiesDefinedIn, entityDetail, relatedEntities } from '../../../server/src/features/entityView';
import type { Range } from '../../../server/src/parse/facts';
import { indexOf, noteUri } from '../helpers';

const TOOLS = [
  '# 工具',
  '',
  '- Triton: https://github.com/triton-lang/triton',
  '- Gemmini: https://github.com/ucb-bar/gemmini',
  '',
  '## 论文',
  '',
  '- [FlashAttention: Fast and Memory-Efficient Exact Attention](https://arxiv.org/abs/2205.14135)',
  '',
].join('\n');
const CARDS = '| Project | About |\n|---|---|\n| [Gemmini](https://github.com/ucb-bar/gemmini) | a systolic array generator |\n';
const PLAN = '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构。\n\n再看 Gemmini 的论文，和 Triton。\n';
const WEEKLY = '本周：Gemmini 跑通了。\n';

const where = (site: { uri: string; range: Range }) => `${site.uri.split('/').pop()}:${site.range.start.line + 1}`;

describe('the entities view: what a note defines and where an entity is mentioned', () => {
  it('lists the entities a note defines in the order it defines them, and none for a note that only mentions them', async () => {
    const { index } = await indexOf({ 'tools.md': TOOLS, 'plan.md': PLAN });
    assert.deepEqual(
      entitiesDefinedIn(index, noteUri('tools.md')).map((entity) => entity.name),
      ['Triton', 'Gemmini', 'FlashAttention: Fast and Memory-Efficient Exact Attention'],
    );
    assert.deepEqual(entitiesDefinedIn(index, noteUri('plan.md')), []);
  });

  it('follows an edit: a definition added to a note lists it, a removed one goes', async () => {
    const { index } = await indexOf({ 'tools.md': TOOLS, 'plan.md': PLAN });
    await index.setOpenText(noteUri('plan.md'), `${PLAN}\n- JAX: https://github.com/google/jax\n`);
    assert.deepEqual(
      entitiesDefinedIn(index, noteUri('plan.md')).map((entity) => entity.name),
      ['JAX'],
    );
    await index.setOpenText(noteUri('tools.md'), '# 工具\n');
    assert.deepEqual(entitiesDefinedIn(index, noteUri('tools.md')), []);
  });

  it('gives an entity its definitions, richest first, and the notes mentioning it, most mentions first, definitions left out', async () => {
    const { index } = await indexOf({ 'tools.md': TOOLS, 'cards.md': CARDS, 'plan.md': PLAN, 'weekly.md': WEEKLY });
    const gemmini = index.entity('github:ucb-bar/gemmini')!;
    const detail = entityDetail(index, gemmini);
    assert.deepEqual(detail.definitions.map(where), ['cards.md:3', 'tools.md:4']);
    assert.deepEqual(
      detail.definitions.map((site) => site.shape),
      ['table-row', 'loose-list'],
    );
    assert.deepEqual(
      detail.notes.map((note) => [note.uri.split('/').pop(), note.count, note.ranges.map((range) => range.start.line + 1)]),
      [
        ['plan.md', 2, [3, 5]],
        ['weekly.md', 1, [1]],
      ],
    );
  });

  it('counts every mention in a note but lists only the first ones', async () => {
    const many = Array.from({ length: 120 }, (_, line) => `第${line}行：Gemmini。`).join('\n');
    const { index } = await indexOf({ 'tools.md': TOOLS, 'log.md': `${many}\n` });
    const [log] = entityDetail(index, index.entity('github:ucb-bar/gemmini')!, 50).notes;
    assert.equal(log.count, 120);
    assert.equal(log.ranges.length, 50);
    assert.equal(log.ranges[49].start.line, 49);
  });

  it('finds the entities mentioned in the notes that mention or define it, most shared notes first, leaving out the entity itself', async () => {
    const { index } = await indexOf({
      'tools.md': TOOLS,
      'plan.md': PLAN,
      'weekly.md': '本周：Gemmini 跑通了，Triton 也装好了。\n',
      'other.md': 'Triton only.\n',
    });
    const related = relatedEntities(index, index.entity('github:ucb-bar/gemmini')!);
    assert.deepEqual(
      related.map(({ entity, notes }) => [entity.name, notes]),
      [
        ['Triton', 3],
        ['FlashAttention: Fast and Memory-Efficient Exact Attention', 1],
      ],
    );
  });
});
