import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

function read(markdown: string) {
  return factsOf(markdown).entities.map((entity) => [entity.name, entity.summary]);
}

// awesome-transformer-nlp writes a numbered paper's notes as bullets indented too little (or not at all)
// to be its sub-items in Markdown; they are still what describes the paper above them.
describe('under-indented sub-lists of numbered items', () => {
  it('reads bullets indented by two spaces under `2.` as the paper’s description', () => {
    const note = [
      '1. [Zzorbit: Sparse Attention](https://arxiv.org/abs/2301.00001) by Ada Example.',
      '2. [Qwix: Long Context Models](https://arxiv.org/abs/2301.00002) by Bo W. Sample.',
      '  - Uses smart caching to model long-term dependency.',
      '3. [Plonk](https://arxiv.org/abs/2301.00003) by Cy Example.',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [
      ['Zzorbit: Sparse Attention', 'Sparse Attention'],
      ['Qwix: Long Context Models', 'Uses smart caching to model long-term dependency.'],
      ['Plonk', ''],
    ]);
  });

  it('reads bullets at the margin right under a numbered item, [[Code]] labels and all, as its description', () => {
    const note = [
      '9. [Exploring the Limits of Something Large](https://arxiv.org/abs/2301.00009) by Acme Brain.',
      '- The group perform a systematic study of transfer learning. [[Code](https://git.io/abcde)].',
      '10. [Zeta: The Efficient Model](https://arxiv.org/abs/2301.00010) by Ada Example.',
      '',
    ].join('\n');
    const [exploring, zeta] = read(note);
    assert.match(exploring[1], /^The group perform a systematic study of transfer learning/);
    assert.equal(zeta[0], 'Zeta: The Efficient Model');
    assert.doesNotMatch(zeta[1], /systematic study/);
  });

  it('keeps a bullet list after a blank line, and a bullet that names its own project, apart', () => {
    const note = [
      '1. [Zzorbit: Sparse Attention](https://arxiv.org/abs/2301.00001) by Ada Example.',
      '',
      '- Remarks on the list above.',
      '',
      '2. [Qwix](https://arxiv.org/abs/2301.00002) by Bo Sample.',
      '- Kestrel: a processor written in Chisel.',
      '  [[GitHub](https://github.com/example/kestrel)]',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [
      ['Zzorbit: Sparse Attention', 'Sparse Attention'],
      ['Qwix', ''],
      ['Kestrel', 'a processor written in Chisel.'],
    ]);
  });
});

// oshw writes a bullet's description one space in (`* [Name](…)` over ` * what it is`): too little to nest,
// so Markdown makes it the next item of the same list.
describe('descriptions of bullets indented by a single space', () => {
  it('reads the bullet one space in right under a link-only item as its description', () => {
    const note = [
      '* [Zapcoder](https://github.com/example/Zapcoder)',
      ' * Circuit design via training-free code generation',
      '* [qagent](https://github.com/example/qagent)',
      ' * hardware agent',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [
      ['Zapcoder', 'Circuit design via training-free code generation'],
      ['qagent', 'hardware agent'],
    ]);
  });

  it('never takes the next item at the same indent, or one with a link of its own, for a description', () => {
    const note = [
      '* [Zapcoder](https://github.com/example/Zapcoder)',
      '* Plain remark without a link',
      '* [qagent](https://github.com/example/qagent)',
      ' * [Pwidget](https://github.com/example/pwidget) - a widget',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [
      ['Zapcoder', ''],
      ['qagent', ''],
      ['Pwidget', 'a widget'],
    ]);
  });
  it('reads a bare address among linked sub-items as one more record, not as the link of the group above them (awesome-hdl shape)', () => {
    const note = [
      '* Haskell',
      '   - [concatx](https://github.com/example/concatx) Haskell to hardware, 2016+',
      '   - https://github.com/example/talk-2015-haskell-to-hardware',
      '   - [pipelineDSLx](https://github.com/example/pipelineDSLx) - A Haskell DSL for describing hardware pipelines',
      '',
    ].join('\n');
    const names = factsOf(note).entities.map((entity) => entity.name);
    assert.deepEqual(names.sort(), ['concatx', 'pipelineDSLx', 'talk-2015-haskell-to-hardware']);
  });
});
