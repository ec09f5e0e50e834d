import assert from 'node:assert/strict';
import { bytePatternOf, definitionLikelihood, searchTermAt } from '../../../server/src/index/earlyNames';

const termAt = (text: string, marker = '|') => searchTermAt(text.replace(marker, ''), text.indexOf(marker));
const bytes = (text: string) => new TextEncoder().encode(text);
const likelihood = (text: string, term: string) => definitionLikelihood(bytes(text), bytePatternOf(term));

describe('looking up a name before its note is parsed', () => {
  describe('the word searched for', () => {
    it('is the whole name around the cursor, with hyphens and dots inside it', () => {
      assert.equal(termAt('we use Flash|Attention-2 here'), 'FlashAttention-2');
      assert.equal(termAt('built on llama.c|pp.'), 'llama.cpp');
      assert.equal(termAt('FlashAttention-|2 is fast'), 'FlashAttention-2');
    });

    it('stops at Chinese text written right against a Latin name (对比TralzelzelML，)', () => {
      assert.equal(termAt('对比Tralzel|zelML，Quomo.js在小批量下延迟更低'), 'TralzelzelML');
    });

    it('counts a cursor just after the last letter as on the word', () => {
      assert.equal(termAt('we use Triton| kernels'), 'Triton');
    });

    it('is found in a definition that writes it in other ASCII case, as mentions of longer names may', () => {
      assert.ok(
        likelihood('| [DeepSpeed](https://github.com/microsoft/DeepSpeed) | training |\n', termAt('trained with deep|speed')!) >= 3,
      );
    });

    it('is the two characters under the cursor inside Chinese text, which has no spaces around names', () => {
      assert.equal(termAt('我们用|飞桨训练'), '飞桨');
    });

    it('is nothing on spaces, punctuation or a single letter', () => {
      assert.equal(termAt('a ,| b'), undefined);
      assert.equal(termAt('x| + y'), undefined);
    });
  });

  describe('how likely a note defines it', () => {
    it('is -1 when the note does not contain the word at all', () => {
      assert.equal(likelihood('# Notes\n\nNothing here.\n', 'Triton'), -1);
    });

    it('is 0 for prose only, and higher for table rows, headings and list items with repository links', () => {
      const prose = likelihood('We benchmarked Triton kernels.\n', 'Triton');
      const row = likelihood('| [Triton](https://github.com/triton-lang/triton) | compiler |\n', 'Triton');
      const heading = likelihood('## Triton\n\nA compiler.\n', 'Triton');
      const listItem = likelihood('- Triton: https://github.com/triton-lang/triton\n', 'Triton');
      assert.equal(prose, 0);
      assert.ok(row > heading && heading > prose, `row ${row}, heading ${heading}`);
      assert.ok(listItem > prose);
    });

    it('is the best of all the lines the word is on', () => {
      const text = 'Triton is used below.\n\n| Name | Link |\n|---|---|\n| Triton | https://github.com/triton-lang/triton |\n';
      assert.equal(likelihood(text, 'Triton'), likelihood('| Triton | https://github.com/triton-lang/triton |', 'Triton'));
    });

    it('takes the term literally, not as a pattern (llama.cpp, C++)', () => {
      assert.equal(likelihood('| llamaXcpp |\n', 'llama.cpp'), -1);
      assert.ok(likelihood('## C++ tools\n', 'C++') >= 3);
    });

    it('reads multi-byte text line by line without splitting characters (a Chinese table row)', () => {
      assert.ok(likelihood('前言\n| [飞桨](https://github.com/PaddlePaddle/Paddle) | 百度 |\n', '飞桨') >= 3);
    });
  });
});
