// What a rename at a position renames (prepareRename): the range the editor selects and the name it
// proposes, or the reason nothing there can be renamed.
import assert from 'node:assert/strict';
import { isRefusal } from '../../../../server/src/features/edits/noteEdits';
import { sourceAt } from '../links/helpers';
import { prepareAt, type Files } from './helpers';

/** `kind: the text the range covers → the proposed name`, or `refused: why`. */
async function prepared(files: Files, name: string, needle: string, offset = 1): Promise<string> {
  const { target } = await prepareAt(files, name, needle, offset);
  if (isRefusal(target)) return `refused: ${target.refused}`;
  return `${target.kind}: ${sourceAt(String(files[name]), target.range)} → ${target.placeholder}`;
}

const NOTE = [
  '# 推理框架',
  '',
  '## **vLLM** serving ##',
  '',
  'See [serving](#vllm-serving), [setup](gpu.md#cuda-setup), [missing](gpu.md#nowhere) and [the image](img/a.png).',
  'Read [the paper][mooncake] and [vLLM](https://github.com/vllm-project/vllm).',
  '',
  '[mooncake]: https://arxiv.org/abs/2407.00079',
  '',
].join('\n');
const FILES = { 'note.md': NOTE, 'gpu.md': '## CUDA setup\n', 'img/a.png': '' };

describe('what a rename at a position renames', () => {
  it('selects the text of a heading, markup included, without the #s', async () => {
    assert.equal(await prepared(FILES, 'note.md', 'vLLM** serving'), 'heading: **vLLM** serving → **vLLM** serving');
    assert.equal(await prepared(FILES, 'note.md', '# 推理', 0), 'heading: 推理框架 → 推理框架');
  });

  it('selects the #anchor of a link and proposes the text of the heading it names, in this note or another', async () => {
    assert.equal(await prepared(FILES, 'note.md', '#vllm-serving', 2), 'heading: vllm-serving → vLLM serving');
    assert.equal(await prepared(FILES, 'note.md', '#cuda-setup', 3), 'heading: cuda-setup → CUDA setup');
  });

  it('selects a reference label, on a use or on its definition', async () => {
    assert.equal(await prepared(FILES, 'note.md', '[mooncake]', 3), 'reference: mooncake → mooncake');
    assert.equal(await prepared(FILES, 'note.md', '[mooncake]:', 3), 'reference: mooncake → mooncake');
  });

  it('selects the #heading of a wiki link and proposes the text of the heading it resolves to; refuses on its note name', async () => {
    const files = { 'plan.md': 'See [[gpu#cuda setup|setup]] and [[#计划]].\n\n## 计划\n', 'gpu.md': '## CUDA setup\n' };
    assert.equal(await prepared(files, 'plan.md', 'cuda setup', 2), 'heading: cuda setup → CUDA setup');
    assert.equal(await prepared(files, 'plan.md', '[[#计划', 3), 'heading: 计划 → 计划');
    assert.match(await prepared(files, 'plan.md', '[[gpu', 3), /refused: This is the note a wiki link names: rename the file itself/);
    assert.match(
      await prepared({ 'a.md': '[[gpu#Nowhere]]\n', 'gpu.md': '# GPU\n' }, 'a.md', 'Nowhere', 2),
      /refused: No heading answers #Nowhere/,
    );
  });

  it('refuses with a reason: a link path, an anchor naming no heading, a web address, plain text', async () => {
    assert.match(await prepared(FILES, 'note.md', 'img/a.png', 2), /refused: This is the path of a link: rename or move the file itself/);
    assert.match(await prepared(FILES, 'note.md', '#nowhere', 2), /refused: No heading of gpu\.md answers #nowhere/);
    assert.match(await prepared(FILES, 'note.md', 'github.com/vllm', 2), /refused: A web address cannot be renamed/);
    assert.match(
      await prepared(FILES, 'note.md', 'Read', 2),
      /refused: Only a heading, the #anchor of a link to a heading, and a reference label/,
    );
  });
});
