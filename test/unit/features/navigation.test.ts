import assert from 'node:assert/strict';
import { definitionsAt } from '../../../server/src/features/definition';
import { referencesAt } from '../../../server/src/features/references';
import { documentOutline, workspaceSymbols } from '../../../server/src/features/symbols';
import { SEED, indexOf, indexedSeeds, lineContaining, noteUri, positionOf, seedText } from '../helpers';

describe('definitions, references and symbols', () => {
  it('goes from a mention to every definition site (Gemmini: seed 000 lines 340 and 610)', async () => {
    const { index } = await indexedSeeds();
    const text = seedText(SEED.chips);
    const found = definitionsAt(index, noteUri(SEED.chips), positionOf(text, lineContaining(text, '利用Gemmini平台'), 'Gemmini'));
    assert.deepEqual(
      found?.sites.map((site) => site.range.start.line + 1),
      [340, 610],
    );
  });

  it('names exactly the mention it went from, even inside Chinese text', async () => {
    const { index } = await indexOf({
      'gemmini.md': '- Gemmini: https://github.com/ucb-bar/gemmini\n',
      'plan.md': '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构\n',
    });
    const found = definitionsAt(index, noteUri('plan.md'), { line: 2, character: 4 });
    assert.deepEqual(found?.origin, { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } });
    assert.deepEqual(
      found?.sites.map((site) => site.uri.split('/').pop()),
      ['gemmini.md'],
    );
  });

  it('goes nowhere from an ordinary word', async () => {
    const { index } = await indexOf({ 'plan.md': '利用Gemmini平台探索不同的DNN加速器架构\n' });
    assert.equal(definitionsAt(index, noteUri('plan.md'), { line: 0, character: 4 }), undefined);
  });

  it("goes from a bare arXiv URL to the paper's titled definition, not to the citation itself", async () => {
    const { index } = await indexOf({
      'a.md': '| 论文 | 描述 |\n|---|---|\n| [FlashAttention](https://arxiv.org/abs/2205.14135) | fast |\n',
      'b.md': 'cites https://arxiv.org/abs/2205.14135 here\n',
    });
    const sites = definitionsAt(index, noteUri('b.md'), { line: 0, character: 20 })?.sites ?? [];
    assert.deepEqual(
      sites.map((site) => [site.uri.split('/').pop(), site.range.start.line]),
      [['a.md', 2]],
    );
  });

  it('finds every mention and link, with or without the declaration', async () => {
    const { index } = await indexOf({
      'a.md': 'JAX: https://github.com/google/jax\n',
      'b.md': 'We use JAX and [jax](https://github.com/google/jax).\n',
    });
    const all = referencesAt(index, noteUri('b.md'), { line: 0, character: 8 }, true);
    const withoutDeclaration = referencesAt(index, noteUri('b.md'), { line: 0, character: 8 }, false);
    assert.deepEqual(
      all.map((location) => `${location.uri.split('/').pop()}:${location.range.start.character}`).sort(),
      ['a.md:0', 'a.md:5', 'b.md:16', 'b.md:7'].sort(),
    );
    assert.ok(!withoutDeclaration.some((location) => location.uri.endsWith('a.md') && location.range.start.character === 0));
  });

  it('outlines headings by level and lists entities before headings in workspace symbols', async () => {
    const { index } = await indexedSeeds();
    const outline = documentOutline(index, noteUri(SEED.frameworks));
    const frameworks = outline.find((symbol) => symbol.name === '0.主流AI框架&DL库');
    assert.deepEqual(
      frameworks?.children.slice(0, 2).map((child) => child.name),
      ['MXNet', 'MegEngine旷视开源深度学习框架'],
    );
    const symbols = workspaceSymbols(index, 'mega');
    assert.equal(symbols[0].name, 'Megatron-LM');
    assert.ok(symbols.some((symbol) => symbol.kind === 'heading' && symbol.name === '英伟达NVIDIA-Megatron-LM'));
  });
});
