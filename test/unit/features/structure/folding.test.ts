// What folds in a note: heading sections, code blocks, multi-line list items, tables and block quotes.
import assert from 'node:assert/strict';
import { foldsOf } from '../../../../server/src/features/structure/folding';
import { indexOf, noteUri } from '../../helpers';

/** `first-last kind` for each fold, lines 1-based as an editor shows them. */
async function folds(text: string, open = true): Promise<string[]> {
  const { index } = await indexOf({ 'note.md': text });
  if (open) await index.setOpenText(noteUri('note.md'), text);
  return foldsOf(index, noteUri('note.md')).map((fold) => `${fold.startLine + 1}-${fold.endLine + 1} ${fold.kind}`);
}

const NOTE = [
  '# 推理框架', //  1
  '', //            2
  '## vLLM', //     3
  '', //            4
  '- PagedAttention', // 5
  '  keeps the KV cache in pages', // 6
  '- one line', //  7
  '', //            8
  '```bash', //     9
  'pip install vllm', // 10
  '```', //         11
  '', //            12
  '## 对比', //      13
  '', //            14
  '| 项目 | 语言 |', // 15
  '| --- | --- |', // 16
  '| vLLM | Python |', // 17
  '', //            18
  '> 引用', //       19
  '> 第二行', //     20
  '', //            21
].join('\n');

describe('what folds in a note', () => {
  it('folds heading sections up to the next heading of their level, without the blank lines before it', async () => {
    const found = await folds(NOTE);
    assert.deepEqual(
      found.filter((fold) => fold.endsWith('heading')),
      ['1-20 heading', '3-11 heading', '13-20 heading'],
    );
  });

  it('folds a multi-line list item, a code block, a table and a block quote; one-line items do not fold', async () => {
    const found = await folds(NOTE);
    assert.deepEqual(
      found.filter((fold) => !fold.endsWith('heading')),
      ['5-6 listItem', '9-11 code', '15-17 table', '19-20 blockquote'],
    );
  });

  it('folds a closed note too, from its facts alone (trailing blank lines then stay in the fold)', async () => {
    assert.deepEqual(await folds('# A\n\ntext\n\n# B\n\nmore\n', false), ['1-4 heading', '5-8 heading']);
  });
});
