import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

// Paper tables whose title is plain text and whose links have columns of their own, in the shape of
// LLM inference paper lists: `|Date|Title|Paper|Code|Recom|`.
const TABLE = [
  '|Date|Title|Paper|Code|Recom|',
  '|:---:|:---:|:---:|:---:|:---:|',
  '|2023.09|🔥[**zLLM**] Efficient Memory Management for Model Serving with PagedCache(@Acme University etc) |[[pdf]](https://arxiv.org/pdf/2309.00001.pdf)|[[zllm]](https://github.com/zllm-project/zllm) ![](https://img.shields.io/github/stars/zllm-project/zllm.svg?style=social)|⭐️⭐️ |',
  '|2023.09|[Medrax] Medrax: Simple Framework for Faster Decoding with Many Heads(@Ada Example etc)|[[pdf]](https://arxiv.org/abs/2309.00002)|[[Medrax]](https://github.com/FastDecoding/Medrax)|⭐️ |',
  '|2022.11|[**Continuous Batching**] Orcus: A Serving System for Generative Models(@Acme)|[[pdf]](https://www.example.org/system/files/orcus.pdf)|⚠️|⭐️⭐️ |',
  '|2023.06|[ZeroQ] ZeroQ: Affordable Post-Training Quantization for Large Models(@Acme)|[[pdf]](https://arxiv.org/pdf/2306.00003.pdf)|[[ZipSpeed]](https://github.com/example/ZipSpeed)|⭐️ |',
  '|2024.02|[Tensor Parallel] TP-AWARE DEQUANTIZATION(@Acme Research)|[[pdf]](https://arxiv.org/pdf/2402.00005.pdf)|⚠️|⭐️ |',
  '|2022.04|Pathways Sparse Language Model (PaSLM)|[[pdf]](https://arxiv.org/abs/2204.00004)|⚠️|⭐️ |',
  '|2023.10|🔥[**TurboRT**] Acme TurboRT Runtime(@Acme) |[[docs]](https://acme.example.org/turbort/)|[[deploy-kit]](https://github.com/acme/TurboRT)|⭐️⭐️ |',
  '',
].join('\n');

describe('entities from paper tables with plain titles', () => {
  const entities = factsOf(TABLE).entities;
  const byName = (name: string) => entities.find((entity) => entity.name === name);

  it('names each paper by its title, identified by the link in its paper column, and keeps the tag when it is a name', () => {
    const paper = byName('Efficient Memory Management for Model Serving with PagedCache');
    assert.equal(paper?.kind, 'paper');
    assert.equal(paper?.identity, 'arxiv:2309.00001');
    assert.ok(paper?.aliases.includes('zLLM'));
    assert.deepEqual(paper?.fields, { team: 'Acme University etc' });
  });

  it('reads a title with a short name and a subtitle, and a paper whose only link is a PDF', () => {
    assert.equal(
      byName('Medrax: Simple Framework for Faster Decoding with Many Heads')?.summary,
      'Simple Framework for Faster Decoding with Many Heads',
    );
    const orcus = byName('Orcus');
    assert.equal(orcus?.kind, 'paper');
    assert.equal(orcus?.summary, 'A Serving System for Generative Models');
    assert.ok(!orcus?.aliases.includes('Continuous Batching'), 'a topic tag is no name');
    assert.equal(byName('TP-AWARE DEQUANTIZATION')?.identity, 'arxiv:2402.00005', 'a short title in a column of titles');
    const paslm = byName('Pathways Sparse Language Model (PaSLM)');
    assert.ok(paslm?.aliases.includes('PaSLM'), 'a parenthesised name is no team');
    assert.deepEqual(paslm?.fields, {});
  });

  it('gives the code column its own card, described by the title only when the repository is the paper’s system', () => {
    const zllm = byName('zllm');
    assert.equal(zllm?.identity, 'github:zllm-project/zllm');
    assert.equal(zllm?.summary, 'Efficient Memory Management for Model Serving with PagedCache');
    const host = byName('ZipSpeed');
    assert.equal(host?.summary, '');
    assert.deepEqual(host?.fields, { paper: 'ZeroQ: Affordable Post-Training Quantization for Large Models' });
  });

  it('makes no card of `[[pdf]]` or `[[docs]]` labels, a row without a paper link, or a code link named unlike its repository', () => {
    const names = entities.map((entity) => entity.name);
    assert.ok(!names.some((name) => /pdf|docs|^arXiv/i.test(name)), names.join(', '));
    assert.ok(!names.some((name) => /TurboRT|deploy-kit/.test(name)), names.join(', '));
    assert.equal(entities.length, 9, names.join(', '));
  });
});
