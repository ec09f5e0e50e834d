import assert from 'node:assert/strict';
import { SEED, factsOf, seedText } from '../helpers';

describe('entities from linked headings', () => {
  const weekly = factsOf(seedText(SEED.weekly));
  const byName = (name: string) => weekly.entities.find((entity) => entity.name === name);

  it('reads `### [Colossal-AI: …](github…)` with its bullets as summary and the text before the colon as alias (seed 003 line 5)', () => {
    const colossal = byName('Colossal-AI: 让AI大模型更低成本、方便易用、高效扩展');
    assert.ok(colossal);
    assert.equal(colossal.shape, 'linked-heading');
    assert.equal(colossal.kind, 'project');
    assert.ok(colossal.aliases.includes('Colossal-AI'));
    assert.ok(colossal.aliases.includes('ColossalAI'), 'the repository name');
    assert.equal(colossal.links.github, 'hpcaitech/ColossalAI');
    assert.match(colossal.summary, /Colossal-AI 跑GPT类大模型的优化方法/);
  });

  it('drops the `@github` suffix (seed 003 line 23: `### [tensor_parallel@github]`)', () => {
    assert.ok(byName('tensor_parallel'));
  });

  it('makes an arXiv-linked heading a paper (seed 003 line 16: ByteTransformer)', () => {
    const paper = byName('ByteTransformer: A High-Performance Transformer Boosted for Variable-Length Inputs');
    assert.equal(paper?.kind, 'paper');
    assert.ok(paper?.aliases.includes('ByteTransformer'));
    assert.ok(paper?.aliases.includes('2210.03052'));
  });

  it('treats a linked article title as an article whose words are not aliases (seed 003 line 62)', () => {
    const talk = weekly.entities.find((entity) => entity.name.startsWith('微博博主刘群谈ChatGPT'));
    assert.ok(talk);
    assert.ok(!talk.aliases.includes('ChatGPT'));
    const article = byName('3W字长文带你轻松入门视觉transformer');
    assert.equal(article?.kind, 'article');
    assert.deepEqual(article?.aliases, []);
  });

  it('makes no card of a heading that only says what kind of page it links (`### [Wiki](…)`, `### [Paper](…)`)', () => {
    const note = [
      '### [Wiki](https://en.wikipedia.org/wiki/Event_sourcing)',
      '',
      '> Event sourcing stores every change as an event.',
      '',
      '### [Paper](https://arxiv.org/abs/2301.00001)',
      '',
      '- about event logs',
      '',
    ].join('\n');
    assert.deepEqual(
      factsOf(note).entities.filter((entity) => entity.shape === 'linked-heading'),
      [],
    );
  });

  it('reads a numbered linked heading (`### 2、[Name](…)`, `## 3. [Name](…)`) with the paragraph under it as summary', () => {
    const note = factsOf(
      [
        '## 相关项目',
        '',
        '### 1、[Kernel Zoo](https://github.com/example/kernel-zoo)',
        '',
        '一组用 Triton 写的训练算子。',
        '',
        '### 2. [Puzzle Set](https://github.com/example/puzzle-set)',
        '',
        'Step-by-step exercises for GPU programming.',
      ].join('\n'),
    );
    const zoo = note.entities.find((entity) => entity.name === 'Kernel Zoo');
    assert.equal(zoo?.shape, 'linked-heading');
    assert.equal(zoo?.links.github, 'example/kernel-zoo');
    assert.equal(zoo?.summary, '一组用 Triton 写的训练算子。');
    const puzzles = note.entities.find((entity) => entity.name === 'Puzzle Set');
    assert.equal(puzzles?.summary, 'Step-by-step exercises for GPU programming.');
  });

  it('keeps a heading whose link follows other words (`## 附录1、[原语](…)覆盖情况`) out of the cards', () => {
    const note = factsOf(['## 附录1、[Kernel primitives](https://example.org/primitives)覆盖情况', '', '一张表。'].join('\n'));
    assert.ok(!note.entities.some((entity) => entity.name === 'Kernel primitives'));
  });

  it('makes no card of a heading that links another note (`## [Vector add walkthrough](ex1/blog.md)`)', () => {
    const note = factsOf(
      ['## [Vector add walkthrough](ex1-vector-add/blog.md)', '', '## [Kernel Zoo](https://github.com/example/kernel-zoo)'].join('\n'),
    );
    assert.deepEqual(
      note.entities.map((entity) => entity.name),
      ['Kernel Zoo'],
    );
  });
});

describe('headings that link into a folder of a repository', () => {
  const read = (markdown: string) => factsOf(markdown).entities.map((entity) => entity.name);

  it('makes no card of a chapter whose material is kept in a folder (a Chinese LLM notes list, llm-action)', () => {
    const note = [
      '## [LLM推理](https://github.com/example/llm-notes/tree/main/inference)',
      '',
      '- vLLM',
      '',
      '### [LLM面试题](https://github.com/example/llm-notes/blob/main/llm-interview/README.md)',
      '',
      '正在收集中...',
      '',
    ].join('\n');
    assert.deepEqual(read(note), []);
  });

  it('keeps a heading named like its folder, or linking the repository itself', () => {
    const note = [
      '### [kv-router](https://github.com/example/serving/tree/main/kv-router)',
      '',
      '- 按前缀把请求路由到持有缓存的实例',
      '',
      '### [tensor_parallel@github](https://github.com/example/tensor_parallel)',
      '',
      '- 自动切分模型到多卡',
      '',
    ].join('\n');
    assert.deepEqual(read(note), ['kv-router', 'tensor_parallel']);
  });
});
