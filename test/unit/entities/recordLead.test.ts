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
