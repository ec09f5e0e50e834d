// Renaming a reference label: its definitions and every use in the note, whichever form the use takes.
import assert from 'node:assert/strict';
import { renamedAt } from './helpers';

const NOTE = [
  'Serving with [vLLM][vllm-repo], see also [the repo][VLLM-Repo] and ![logo][vllm-repo].',
  '',
  '[vllm-repo]: https://github.com/vllm-project/vllm',
  '',
].join('\n');

describe('renaming a reference label', () => {
  it('renames the definition and every use, whatever the case the use was written in, from a use', async () => {
    assert.deepEqual(await renamedAt({ 'note.md': NOTE }, 'note.md', '[vllm-repo]', 'vllm', 2), {
      'note.md': [
        'Serving with [vLLM][vllm], see also [the repo][vllm] and ![logo][vllm].',
        '',
        '[vllm]: https://github.com/vllm-project/vllm',
        '',
      ].join('\n'),
    });
  });

  it('renames from the definition, and keeps the text of [label][] and [label] uses by giving them the new label', async () => {
    const note = 'Use [Mooncake][] or [Mooncake].\n\n[Mooncake]: https://arxiv.org/abs/2407.00079\n';
    assert.deepEqual(await renamedAt({ 'note.md': note }, 'note.md', '[Mooncake]:', 'mooncake-paper', 2), {
      'note.md': 'Use [Mooncake][mooncake-paper] or [Mooncake][mooncake-paper].\n\n[mooncake-paper]: https://arxiv.org/abs/2407.00079\n',
    });
  });

  it('renames a CJK label', async () => {
    const note = '见[论文][论文一]。\n\n[论文一]: https://arxiv.org/abs/2404.17153\n';
    assert.deepEqual(await renamedAt({ 'note.md': note }, 'note.md', '[论文一]', '调试论文', 2), {
      'note.md': '见[论文][调试论文]。\n\n[调试论文]: https://arxiv.org/abs/2404.17153\n',
    });
  });

  it('refuses a label another definition of the note has, and a label with brackets', async () => {
    const note = '[a][x] [b][y]\n\n[x]: https://a.example\n[y]: https://b.example\n';
    assert.match(String(await renamedAt({ 'note.md': note }, 'note.md', '[x]:', 'Y', 1)), /\[Y\] is defined in this note already/);
    assert.match(String(await renamedAt({ 'note.md': note }, 'note.md', '[x]:', 'a]b', 1)), /cannot hold \[ or \]/);
  });
});
