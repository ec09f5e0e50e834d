import assert from 'node:assert/strict';
import { factsOf } from '../helpers';
import { isHeadline } from '../../../server/src/entities/recordNames';

describe('names from link labels', () => {
  it('takes one word with an exclamation mark for a name, and a sentence so ended for a headline', () => {
    assert.equal(isHeadline('GAUGES!'), false);
    assert.equal(isHeadline('Why you should work on gauges!'), true);
    assert.equal(isHeadline('Gauges?'), true);
  });

  it('gives a benchmark named with an exclamation mark its card', () => {
    const note = '- [GAUGES!](https://gauges-benchmark.example.io) - a benchmark of reasoning about gauges.\n';
    const [gauges] = factsOf(note).entities;
    assert.equal(gauges?.name, 'GAUGES!');
    assert.equal(gauges?.summary, 'a benchmark of reasoning about gauges.');
  });
});
