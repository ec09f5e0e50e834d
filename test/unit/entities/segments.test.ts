import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

function cards(markdown: string) {
  return factsOf(markdown).entities.map((entity) => ({ name: entity.name, identity: entity.identity, summary: entity.summary }));
}

describe('the pieces of a record: links typed with their brackets reversed', () => {
  it('reads `- (vLLM)[https://…] - description` as the link its writer meant', () => {
    const note =
      '- (vLLM)[https://github.com/vllm-project/vllm] - a fast LLM serving engine.\n' +
      '- ( FlashInfer )[https://github.com/flashinfer-ai/flashinfer]: kernels for serving.\n';
    assert.deepEqual(cards(note), [
      { name: 'vLLM', identity: 'github:vllm-project/vllm', summary: 'a fast LLM serving engine.' },
      { name: 'FlashInfer', identity: 'github:flashinfer-ai/flashinfer', summary: 'kernels for serving.' },
    ]);
  });

  it('reads one whose text runs onto a second line, as a wrapped list writes it', () => {
    const note = '* (Histogram calculation in\nCUDA)[https://example.org/histogram.pdf]\n  - How a histogram is computed on a GPU.\n';
    assert.equal(cards(note)[0]?.name, 'Histogram calculation in CUDA');
  });

  it('places the name where the note writes it, inside the parentheses', () => {
    const note = '- (vLLM)[https://github.com/vllm-project/vllm] - a fast LLM serving engine.\n';
    const [card] = factsOf(note).entities;
    assert.deepEqual([card.range.start.character, card.range.end.character], [3, 7]);
  });

  it('leaves parentheses before a bracketed address that does not close alone (`(see)[https://…` with text after it)', () => {
    const note = '- [Triton](https://github.com/triton-lang/triton) (GPU kernels)[https://triton-lang.org and more] - a language.\n';
    assert.equal(cards(note)[0].name, 'Triton');
  });
});

describe('the pieces of a record: links whose text is set in brackets', () => {
  // The shape of a list of large models (zhengzangw/awesome-huge-models): maker, venue and status are
  // written `[[Maker]](…)`, `[[Venue'20]](…)`, `[[open]](…)`, each a tag of the link, not a name.
  const note = [
    '- **Zebra-LM** [[Acme Labs]](https://acme.example.com/blog/zebra) Oct 2021 [[open]](https://github.com/acme/zebra-lm)  ',
    "    Zebra-LM: Striped Pretraining of Large Language Models [[NeurIPS'21]](https://arxiv.org/abs/2110.01234)",
    '- **Okapi** [[Beta Inc]]() Mar 2020',
    '    Okapi: Shy Models Scale Well [[Preprint]](https://arxiv.org/abs/2003.04321)',
    '',
  ].join('\n');

  it('names the record by its bold name, not by the maker or the venue tag', () => {
    assert.deepEqual(
      cards(note).map((card) => card.name),
      ['Zebra-LM', 'Okapi'],
    );
  });

  it('takes the repository or the paper the tags link for its identity', () => {
    assert.deepEqual(
      cards(note).map((card) => card.identity),
      ['github:acme/zebra-lm', 'arxiv:2003.04321'],
    );
  });
});
