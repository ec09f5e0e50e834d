import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

describe('the lead of a record', () => {
  it('takes a label before a link that ends the line for why the note links it, not for a summary', () => {
    const note = [
      '> Reference: [awesome-gauges](https://github.com/example/awesome-gauges)',
      '',
      '- 官方实现：[GaugeNet](https://github.com/example/gaugenet)',
      '',
    ].join('\n');
    const entities = factsOf(note).entities.map((entity) => [entity.name, entity.summary]);
    assert.deepEqual(entities, [
      ['awesome-gauges', ''],
      ['GaugeNet', ''],
    ]);
  });

  it('still reads a sentence around a link as what the link is', () => {
    const note = '- Gauge synthesis standards [GaugeSpec 2.0](https://github.com/example/gaugespec)\n';
    const [spec] = factsOf(note).entities;
    assert.equal(spec.name, 'GaugeSpec 2.0');
    assert.equal(spec.summary, 'Gauge synthesis standards');
  });
});

describe('links in passing', () => {
  it('takes a link after `by` for who made the thing, and one after `powered by` for a thing of its own', () => {
    const note = [
      '- [Gauge Search](https://github.com/gaugeco/gauge_search) - A search engine in 500 lines of code by [GaugeCo](https://github.com/gaugeco).',
      '- [Zapserve](https://github.com/example/zapserve) - A serving stack powered by [Zapkit](https://github.com/example/zapkit).',
      '',
    ].join('\n');
    const names = factsOf(note).entities.map((entity) => entity.name);
    assert.deepEqual(names, ['Gauge Search', 'Zapserve', 'Zapkit']);
  });
});

describe('a record whose code lives in a toolkit named otherwise', () => {
  // The shape of lists of large models (zhengzangw/awesome-huge-models): RoBERTa's code is in fairseq.
  const note = [
    '- **Zebra-BERT** [[Acme]]() July 2019 [[open]](https://github.com/acme/seqkit)  ',
    '    Zebra-BERT: A Striped BERT Pretraining Approach [[Preprint]](https://arxiv.org/abs/1907.01234)',
    '- **Okapi** [[Beta]]() Feb 2019 [[open]](https://github.com/beta/okapi)  ',
    '    Shy Models Scale Well [[Preprint]](https://arxiv.org/abs/1902.04321)',
    '',
  ].join('\n');

  it('is the paper beside it, and the toolkit’s name is no alias of it', () => {
    const [zebra] = factsOf(note).entities;
    assert.equal(zebra.identity, 'arxiv:1907.01234');
    assert.equal(zebra.links.github, 'acme/seqkit');
    assert.ok(!zebra.aliases.includes('seqkit'), zebra.aliases.join(', '));
  });

  it('stays its repository where the repository is named like it', () => {
    assert.equal(factsOf(note).entities[1].identity, 'github:beta/okapi');
  });
});
