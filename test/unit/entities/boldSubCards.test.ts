import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

function cards(markdown: string) {
  return factsOf(markdown)
    .entities.filter((entity) => entity.shape !== 'loose-list')
    .map((entity) => [entity.name, entity.identity, entity.summary]);
}

// awesome-open-hardware-verification writes two tools under one heading, each under a bold label.
describe('cards under bold labels of one heading', () => {
  it('reads each label as a card with its own link and description, and the heading as none', () => {
    const note = [
      '### EBMC / CBMC',
      '',
      '**EBMC:**',
      '',
      '"*EBMC is a Model Checker for hardware designs.*"',
      '',
      '- Link: http://www.cprover.org/ebmc/',
      '',
      '**CBMC:**',
      '',
      '"*CBMC is a Bounded Model Checker for C and C++ programs.*"',
      '',
      '- Link: http://www.cprover.org/cbmc/',
      '  - Source: https://github.com/diffblue/cbmc',
      '',
    ].join('\n');
    assert.deepEqual(cards(note), [
      ['EBMC', 'url:cprover.org/ebmc', 'EBMC is a Model Checker for hardware designs.'],
      ['CBMC', 'github:diffblue/cbmc', 'CBMC is a Bounded Model Checker for C and C++ programs.'],
    ]);
  });

  it('leaves a card with one bold line over its description to the heading', () => {
    const note = [
      '### EBMC',
      '',
      '**EBMC:**',
      '',
      'EBMC is a Model Checker for hardware designs.',
      '',
      '- Link: http://www.cprover.org/ebmc/',
      '',
    ].join('\n');
    assert.deepEqual(cards(note), [['EBMC', 'url:cprover.org/ebmc', 'EBMC is a Model Checker for hardware designs.']]);
  });
});
