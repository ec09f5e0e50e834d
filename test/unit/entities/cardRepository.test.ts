import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

function card(markdown: string) {
  const entity = factsOf(markdown).entities.find((candidate) => candidate.shape === 'project-card');
  assert.ok(entity, 'the heading is a card');
  return [entity.name, entity.identity];
}

// awesome-open-hardware-verification: a tool's card links its companion projects and the framework it
// builds on before (or beside) its own repository; the card is the repository that the heading names.
describe("a heading card's own repository among several", () => {
  it('takes the repository named exactly like the heading over one whose name holds it', () => {
    const note = [
      '### UVVM',
      '',
      '*"Open Source VHDL Verification Library and Methodology"*',
      '',
      'There is also an accompanying library of user contributed VIPs: [UVVM_Community_VIPs](https://github.com/UVVM/UVVM_Community_VIPs).',
      '',
      '- Link: https://github.com/UVVM/UVVM',
      '',
    ].join('\n');
    assert.deepEqual(card(note), ['UVVM', 'github:uvvm/uvvm']);
  });

  it('takes the repository whose link text is the heading over one the heading merely contains', () => {
    const note = [
      '### ROHD Verification Framework',
      '*"The [ROHD Verification Framework (ROHD-VF)](https://github.com/intel/rohd-vf) is a verification framework built upon the [Rapid Open Hardware Development (ROHD) framework](https://github.com/intel/rohd)."*',
      '',
      '- Write Testbenches In: Dart with [ROHD](https://github.com/intel/rohd)',
      '- Link: https://github.com/intel/rohd-vf',
      '',
    ].join('\n');
    assert.deepEqual(card(note), ['ROHD Verification Framework', 'github:intel/rohd-vf']);
  });
});
