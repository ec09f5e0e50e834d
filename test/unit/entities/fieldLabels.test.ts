import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

// Each case is a few lines in the shape of a real list; the source of the shape is named in the test.
function cards(markdown: string) {
  return factsOf(markdown).entities.map((entity) => ({ name: entity.name, identity: entity.identity, summary: entity.summary }));
}

describe('field labels of records', () => {
  it('strips a compound Chinese summary label (`数据集说明：`, `项目简介：`) from the summary (Chinese LLM list shape)', () => {
    const note = [
      '* QingCorpus',
      '  * 地址：https://github.com/example/QingCorpus',
      '  * 数据集说明：超大规模中文语料集，包括新闻、小说和论文。',
      '',
      '* LanTool',
      '  * 地址：https://github.com/example/LanTool',
      '  * 项目简介：一个轻量的中文分词工具。',
      '',
    ].join('\n');
    assert.deepEqual(cards(note), [
      { name: 'QingCorpus', identity: 'github:example/qingcorpus', summary: '超大规模中文语料集，包括新闻、小说和论文。' },
      { name: 'LanTool', identity: 'github:example/lantool', summary: '一个轻量的中文分词工具。' },
    ]);
  });

  it('keeps a features field (`主要功能：`) out of the summary its 简介 gives', () => {
    const note = [
      '* MoyuChat',
      '  * 地址：https://github.com/example/MoyuChat',
      '  * 简介：一个开源的中文对话模型。',
      '  * 主要功能：多轮对话、写作。',
      '',
    ].join('\n');
    assert.deepEqual(cards(note), [{ name: 'MoyuChat', identity: 'github:example/moyuchat', summary: '一个开源的中文对话模型。' }]);
  });

  it('reads an English `Short description:` field as the summary', () => {
    const note = '* Quillpad\n  * Link: https://github.com/example/quillpad\n  * Short description: A tiny note editor.\n';
    assert.deepEqual(cards(note), [{ name: 'Quillpad', identity: 'github:example/quillpad', summary: 'A tiny note editor.' }]);
  });
});
