import assert from 'node:assert/strict';
import { accepted, completeIn, itemLabelled, labels } from './helpers';

const PROJECTS = [
  '| 名字 | 描述 |',
  '|---|---|',
  '| [vLLM](https://github.com/vllm-project/vllm) | 高吞吐量的LLM推理引擎 |',
  '| [旷视MegEngine](https://github.com/MegEngine/MegEngine) | 旷视开源的深度学习框架 |',
  '| [Apache MXNet](https://github.com/apache/mxnet) | 灵活高效的深度学习库 |',
  '',
  '| 论文 | 描述 |',
  '|---|---|',
  '| [FlashAttention](https://arxiv.org/abs/2205.14135) | fast exact attention |',
  '',
].join('\n');

const complete = (note: string, entityLinks: 'name' | 'link' | 'both' = 'name') =>
  completeIn({ 'projects.md': PROJECTS, 'note.md': note }, 'note.md', { entityLinks });

describe('completing entity names in plain text', () => {
  it('offers a project whose name starts with the word being typed, with its one-line summary, and inserts the name', async () => {
    const answer = await complete('We serve models with vL‸ today.\n');
    assert.deepEqual(labels(answer), ['vLLM']);
    const [item] = answer.items;
    assert.equal(item.detail, 'project');
    assert.equal(
      item.documentation,
      '**vLLM** · project\n\n高吞吐量的LLM推理引擎\n\n[github\\.com/vllm\\-project/vllm](https://github.com/vllm-project/vllm)',
    );
    assert.equal(accepted(answer.text, item), 'We serve models with vLLM today.');
  });

  it('finds a name typed right after Chinese text, and a Chinese name typed inside a sentence', async () => {
    assert.deepEqual(labels(await complete('利用vll‸\n')), ['vLLM']);
    const chinese = await complete('我们对比了旷视‸\n');
    assert.deepEqual(labels(chinese), ['旷视MegEngine']);
    assert.equal(accepted(chinese.text, chinese.items[0]), '我们对比了旷视MegEngine');
  });

  it('completes a name of several words from its first word, and an alias once whatever its case', async () => {
    const twoWords = await complete('基于 Apache MX‸\n');
    assert.equal(accepted(twoWords.text, itemLabelled(twoWords, 'Apache MXNet')), '基于 Apache MXNet');
    assert.deepEqual(labels(await complete('built on mxn‸\n')), ['MXNet']);
  });

  it('needs two typed characters', async () => {
    assert.deepEqual(labels(await complete('a v‸\n')), []);
  });

  it('offers nothing in code blocks, code spans and web addresses', async () => {
    assert.deepEqual(labels(await complete('```bash\npip install vl‸\n```\n')), []);
    assert.deepEqual(labels(await complete('run `vl‸`\n')), []);
    assert.deepEqual(labels(await complete('see https://example.com/vl‸\n')), []);
  });

  it('inserts a link to the repository or paper with entityLinks "link", and offers both with "both"', async () => {
    const link = await complete('uses vL‸\n', 'link');
    assert.equal(accepted(link.text, link.items[0]), 'uses [vLLM](https://github.com/vllm-project/vllm)');
    const paper = await complete('reads Flash‸\n', 'link');
    assert.equal(accepted(paper.text, paper.items[0]), 'reads [FlashAttention](https://arxiv.org/abs/2205.14135)');
    const both = await complete('uses vL‸\n', 'both');
    assert.deepEqual(labels(both), ['vLLM', 'vLLM → link']);
  });

  it('inserts the name alone inside a link’s text, whatever the setting', async () => {
    const answer = await complete('[vL‸\n', 'both');
    assert.deepEqual(labels(answer), ['vLLM']);
  });

  it('caps the list at 100 items and says it is incomplete', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `| [Proj${String(i).padStart(3, '0')}](https://github.com/o/p${i}) | tool ${i} |`);
    const table = ['| 名字 | 描述 |', '|---|---|', ...rows, ''].join('\n');
    const answer = await completeIn({ 'projects.md': table, 'note.md': 'try Pro‸\n' }, 'note.md');
    assert.equal(answer.items.length, 100);
    assert.equal(answer.isIncomplete, true);
  });
});
