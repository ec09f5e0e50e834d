import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

describe('entities from headings with their fields under them', () => {
  const read = (markdown: string) =>
    factsOf(markdown).entities.map((entity) => ({ name: entity.name, identity: entity.identity, summary: entity.summary }));

  it('reads a numbered heading by its name, not its number (a Chinese CUDA notes shape)', () => {
    const note = [
      '### 3. **Kvpipe**',
      '',
      '- 代码：https://github.com/someone/kvpipe',
      '- Licence: MIT',
      '',
      'Kvpipe 是一个轻量的键值管道工具。',
      '',
      '### 4. reduce',
      '',
      '这里记录学习的[官方博客](https://developer.example.com/reduction.pdf) 做的笔记。完整实验代码见[这里](https://github.com/me/notes/tree/master/reduce)。',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [{ name: 'Kvpipe', identity: 'github:someone/kvpipe', summary: 'Kvpipe 是一个轻量的键值管道工具。' }]);
  });
});
