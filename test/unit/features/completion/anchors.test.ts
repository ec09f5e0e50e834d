import assert from 'node:assert/strict';
import { accepted, completeIn, itemLabelled, labels } from './helpers';

const GUIDE = ['# 安装指南', '', '## Setup', '', '## Setup', '', '## 常见问题 FAQ', '', '## Setup', ''].join('\n');

describe('completing heading anchors', () => {
  it('lists the note’s own anchors after `](#`, GitHub slugs with CJK kept and -1, -2 for repeats', async () => {
    const answer = await completeIn({ 'guide.md': `${GUIDE}\nsee [above](#‸)\n` }, 'guide.md');
    assert.deepEqual(labels(answer), ['安装指南', 'setup', 'setup-1', '常见问题-faq', 'setup-2']);
    assert.deepEqual(
      answer.items.map((item) => item.detail),
      ['# 安装指南', '## Setup', '## Setup', '## 常见问题 FAQ', '## Setup'],
    );
  });

  it('filters by what is typed after the #', async () => {
    const answer = await completeIn({ 'guide.md': `${GUIDE}\nsee [above](#setup-‸)\n` }, 'guide.md');
    assert.deepEqual(labels(answer), ['setup-1', 'setup-2']);
    assert.equal(accepted(answer.text, answer.items[1]), 'see [above](#setup-2)');
  });

  it('lists the anchors of the note a relative path names, spaces and Chinese in the path decoded', async () => {
    const files = { 'docs/安装 指南.md': GUIDE, 'index.md': '[装](docs/安装%20指南.md#常‸)\n' };
    const answer = await completeIn(files, 'index.md');
    assert.deepEqual(labels(answer), ['常见问题-faq']);
    assert.equal(accepted(answer.text, answer.items[0]), '[装](docs/安装%20指南.md#常见问题-faq)');
  });

  it('encodes a Chinese anchor when the note’s links encode Chinese', async () => {
    const files = { 'guide.md': GUIDE, 'index.md': '[a](%E5%9B%BE.png)\n[b](guide.md#‸)\n' };
    const answer = await completeIn(files, 'index.md');
    assert.equal(accepted(answer.text, itemLabelled(answer, '安装指南')), '[b](guide.md#%E5%AE%89%E8%A3%85%E6%8C%87%E5%8D%97)');
  });

  it('offers nothing after the # of a file that is no note', async () => {
    const answer = await completeIn({ 'data.csv': 'a', 'index.md': '[b](data.csv#‸)\n' }, 'index.md');
    assert.deepEqual(labels(answer), []);
  });
});
