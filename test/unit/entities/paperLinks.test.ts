import assert from 'node:assert/strict';
import { SEED, factsOf, seedLine } from '../helpers';

describe('entities from arXiv links', () => {
  it('reads a paper link on its own line, with the text before the colon as short name (seed 001 line 75)', () => {
    const line = seedLine(SEED.aiOs, 75);
    const [mooncake] = factsOf(`${line}\n${seedLine(SEED.aiOs, 76)}\n`).entities;
    assert.equal(mooncake.name, "Mooncake: Kimi's KVCache-centric Architecture for LLM Serving");
    assert.equal(mooncake.kind, 'paper');
    assert.ok(mooncake.aliases.includes('Mooncake'));
    assert.ok(mooncake.aliases.includes('2407.00079'));
    assert.equal(mooncake.summary, '', 'a line that is only another link says nothing about the paper');
  });

  it('accepts /pdf/ links with versions and names papers with generic link text by their id', () => {
    const facts = factsOf('The method ([PDF](https://arxiv.org/pdf/2302.09419v3.pdf)) is fast.\n');
    assert.equal(facts.entities[0].name, 'arXiv:2302.09419');
    assert.equal(facts.entities[0].links.arxiv, '2302.09419');
  });

  it('takes the prose after the link line as the summary', () => {
    const facts = factsOf(
      '[FlashAttention: Fast and Memory-Efficient Exact Attention](https://arxiv.org/abs/2205.14135)\nIO-aware exact attention.\n',
    );
    assert.equal(facts.entities[0].summary, 'IO-aware exact attention.');
    assert.ok(facts.entities[0].aliases.includes('FlashAttention'));
  });

  it('never names a paper after the authors a sentence cites it by (so-large-lm chapter 2 shape)', () => {
    const cited = factsOf('对字节运行BPE算法（[Wang等人，2019年](https://arxiv.org/pdf/2301.00004.pdf)）。\n').entities;
    assert.deepEqual(
      cited.map((entity) => entity.name),
      ['arXiv:2301.00004'],
    );
    const listed = factsOf(
      '[Dodge等人](https://arxiv.org/pdf/2301.00005.pdf)在2021年对C4数据集进行了深入分析。\n\n' +
        '- [Documenting Web Corpora](https://arxiv.org/pdf/2301.00005.pdf). *Ada Example, Bo Sample*. 2021.\n',
    ).entities;
    const named = listed.find((entity) => entity.name === 'Documenting Web Corpora');
    assert.ok(named);
    assert.ok(!listed.some((entity) => entity.name.includes('Dodge') || entity.aliases.some((alias) => alias.includes('Dodge'))));
  });
});

describe('arXiv links whose text points rather than names', () => {
  it('calls a paper linked as `[this paper]` or `[[Preprint]]` by its id, never by those words', () => {
    const facts = factsOf(
      [
        'The scores are explained in section 6 of [this paper](https://arxiv.org/abs/2203.01234).',
        '',
        'Scaling shy models, [[Preprint]](https://arxiv.org/abs/2210.04321), is out.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.entities.map((entity) => entity.name),
      ['arXiv:2203.01234', 'arXiv:2210.04321'],
    );
  });
});
