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

  it("takes items that label their own address as the card's links, when they open one repository (a CUDA notes shape)", () => {
    const note = [
      '### 0. **gpu-course**',
      '',
      '- 课程的 Slides 和 脚本：https://github.com/gpu-course/lectures',
      '- 课程地址：https://www.youtube.com/@gpucourse',
      '- 我的课程笔记：https://github.com/me/notes/tree/master/gpu-course',
      '',
      '一直想系统地学一下 CUDA，这个课程能满足我的需求。',
      '',
      '### 相关项目',
      '',
      '- Kvpipe：https://github.com/someone/kvpipe',
      '- Zipline：https://github.com/someone/zipline',
      '',
    ].join('\n');
    assert.deepEqual(read(note)[0], {
      name: 'gpu-course',
      identity: 'github:gpu-course/lectures',
      summary: '一直想系统地学一下 CUDA，这个课程能满足我的需求。',
    });
    assert.ok(!read(note).some((entity) => entity.name === '相关项目'), 'two repositories are a list, not one card');
  });
});
