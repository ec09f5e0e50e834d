import assert from 'node:assert/strict';
import { withoutDateline } from '../../../server/src/entities/datelines';
import { factsOf } from '../helpers';

describe('the date a list writes after a name', () => {
  // The shape of lists of large models (zhengzangw/awesome-huge-models): the name, its maker, the month
  // it came out and whether it is open, then the paper that describes it.
  const note = [
    '- **Zebra-LM** [[Acme]](https://acme.example.com/zebra) Oct 2021 [close]  ',
    '    Zebra-LM: Striped Pretraining of Large Language Models [[Preprint]](https://arxiv.org/abs/2110.01234)',
    '- **Okapi*** [[Beta]](https://beta.example.org/) Sept 2019 [[code]](https://github.com/beta/okapi)  ',
    "    Okapi: Shy Models Scale Well [[SC'20]](https://arxiv.org/abs/1910.04321)",
    '',
  ].join('\n');

  it('is no part of the summary, nor are the marks beside it', () => {
    assert.deepEqual(
      factsOf(note).entities.map((entity) => [entity.name, entity.summary]),
      [
        ['Zebra-LM', 'Zebra-LM: Striped Pretraining of Large Language Models'],
        ['Okapi', 'Okapi: Shy Models Scale Well'],
      ],
    );
  });

  it('leaves a description that opens with no date as written', () => {
    assert.equal(withoutDateline('[WIP] a fast tokenizer'), '[WIP] a fast tokenizer');
    assert.equal(withoutDateline('May be used with CUDA 2020 drivers'), 'May be used with CUDA 2020 drivers');
    assert.equal(withoutDateline('2023-05 release of the runtime'), 'release of the runtime');
  });

  it('reads a long run of blanks at once', () => {
    const text = `Oct${' '.repeat(100_000)}x`;
    const started = Date.now();
    withoutDateline(text);
    assert.ok(Date.now() - started < 200);
  });
});
