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
