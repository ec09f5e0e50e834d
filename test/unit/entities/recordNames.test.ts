import assert from 'node:assert/strict';
import { factsOf } from '../helpers';
import { isHeadline, shortBeforeTitle } from '../../../server/src/entities/recordNames';

describe('names from link labels', () => {
  it('calls `[Zorpus语料库](…)` Zorpus, and leaves `[Verilog模型](…)`, a model written in Verilog, whole', () => {
    const [corpus] = factsOf('[Zorpus语料库](https://example.org/datasets/zorpus)被用来训练Z5模型。\n').entities;
    assert.equal(corpus.name, 'Zorpus');
    assert.ok(corpus.aliases.includes('Zorpus语料库'));
    const [model] = factsOf('- 某人的[Verilog模型](https://github.com/example/kite-formal)：形式验证用。\n').entities;
    assert.equal(model.name, 'Verilog模型');
  });

  it('calls `Name@group` by the name, and leaves addresses and scoped packages alone', () => {
    const [kite] = factsOf('- [Kite@acmealliance](https://github.com/acmealliance/kite-chip): a 5-stage in-order core.\n').entities;
    assert.equal(kite.name, 'Kite');
    assert.ok(kite.aliases.includes('Kite@acmealliance'));
    const [scoped] = factsOf('- [@acme/kite](https://github.com/acme/kite): the core as a package.\n').entities;
    assert.equal(scoped.name, '@acme/kite');
  });

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

describe('a short name before its paper title in parentheses', () => {
  it('splits `Short(Title: subtitle)` at the parenthesis, not at the colon inside it', () => {
    assert.deepEqual(shortBeforeTitle('Trimmer(Sheared Giraffe: Accelerating Language Model Training via Structured Pruning)'), {
      short: 'Trimmer',
      aliases: ['Sheared Giraffe: Accelerating Language Model Training via Structured Pruning', 'Sheared Giraffe'],
      subtitle: 'Accelerating Language Model Training via Structured Pruning',
      length: 85,
    });
  });

  it('reads only a title written in English title case: an aside that explains a term is no title', () => {
    assert.equal(shortBeforeTitle('PPO（近端策略优化）'), undefined);
    assert.equal(shortBeforeTitle('ZeroQuant-FP（低秩分解+量化）'), undefined);
    assert.equal(shortBeforeTitle('k6 (a tool for load testing web services)'), undefined);
    assert.equal(shortBeforeTitle('GPU (Graphics Processing Unit)'), undefined, 'three words expand an acronym');
    assert.equal(shortBeforeTitle('BERT (Bidirectional Encoder Representations from Transformers)'), undefined, 'so do more');
  });
});
