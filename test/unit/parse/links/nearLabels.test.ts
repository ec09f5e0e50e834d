import assert from 'node:assert/strict';
import { looksLikeLabel, nearLabel } from '../../../../server/src/parse/links/nearLabels';

describe('whether an undefined reference label is a slip of a defined one', () => {
  const defined = ['feature-enhancement', 'paper', 'ref2', '1', 'vllm docs'];

  it('finds the defined label one typo, a plural, or a separator away', () => {
    assert.equal(nearLabel('feature-enhancemment', defined), 'feature-enhancement');
    assert.equal(nearLabel('feature_enhancement', defined), 'feature-enhancement');
    assert.equal(nearLabel('feature enhancement', defined), 'feature-enhancement');
    assert.equal(nearLabel('papers', defined), 'paper');
    assert.equal(nearLabel('vllm_docs', defined), 'vllm docs');
  });

  it('finds none for numbers, short labels or labels two typos away', () => {
    for (const label of ['ref3', '2', 'pap', 'featur-enhancemment', 'notes']) assert.equal(nearLabel(label, defined), undefined, label);
  });

  it('tells labels from indexes', () => {
    for (const label of ['feature-enhancement', 'the docs', '论文']) assert.equal(looksLikeLabel(label), true, label);
    for (const label of ['i', 'j + 1', 'i-1', 'row', '"key"', '0']) assert.equal(looksLikeLabel(label), false, label);
  });
});
