import assert from 'node:assert/strict';
import { accepted, completeIn, labels } from './helpers';

const VAULT = {
  'papers/attention.md': '# Attention\n\n## 背景\n\n## Method\n\n## Method\n',
  'reading/attention.md': '# Reading list\n',
  'projects/vllm 笔记.md':
    '# 推理框架\n\n| 名字 | 描述 |\n|---|---|\n| [vLLM](https://github.com/vllm-project/vllm) | 高吞吐量的LLM推理引擎 |\n',
};

describe('completing wiki links', () => {
  it('lists notes by name without extension after `[[`, a name several notes share with its path', async () => {
    const answer = await completeIn({ ...VAULT, 'home.md': 'See [[‸\n' }, 'home.md');
    assert.deepEqual(labels(answer), ['home', 'papers/attention', 'vllm 笔记', 'reading/attention']);
    assert.deepEqual(
      answer.items.map((item) => item.detail),
      ['home', 'papers/attention', 'projects/vllm 笔记', 'reading/attention'],
    );
  });

  it('offers the notes and the entities whose name starts with what is typed', async () => {
    const answer = await completeIn({ ...VAULT, 'home.md': 'See [[vll‸\n' }, 'home.md');
    assert.deepEqual(labels(answer), ['vllm 笔记', 'vLLM']);
    assert.deepEqual(
      answer.items.map((item) => item.kind),
      ['note', 'entity'],
    );
    assert.match(answer.items[1].documentation ?? '', /高吞吐量的LLM推理引擎/);
    assert.equal(accepted(answer.text, answer.items[1]), 'See [[vLLM');
  });

  it('lists images first, then other files and notes, after `![[`, named with their extension', async () => {
    const files = { ...VAULT, 'img/arch.png': 'png', 'old/img/arch.png': 'png', 'papers/attention.pdf': 'pdf', 'img/架构图.svg': 'svg' };
    const answer = await completeIn({ ...files, 'home.md': '![[‸\n' }, 'home.md');
    assert.deepEqual(labels(answer).slice(0, 4), ['img/arch.png', '架构图.svg', 'old/img/arch.png', 'attention.pdf']);
    assert.equal(answer.items[4].kind, 'note');
    const typed = await completeIn({ ...files, 'home.md': '![[架‸\n' }, 'home.md');
    assert.deepEqual(labels(typed), ['架构图.svg']);
    assert.equal(accepted(typed.text, typed.items[0]), '![[架构图.svg');
  });

  it('lists the headings of the named note after `[[note#`, written as their text', async () => {
    const answer = await completeIn({ ...VAULT, 'home.md': 'See [[papers/attention#‸]]\n' }, 'home.md');
    assert.deepEqual(labels(answer), ['Attention', '背景', 'Method', 'Method']);
    assert.equal(accepted(answer.text, answer.items[1]), 'See [[papers/attention#背景]]');
  });

  it('lists the note’s own headings after `[[#`', async () => {
    const answer = await completeIn({ 'home.md': '# 首页\n\n## 待读\n\nSee [[#待‸\n' }, 'home.md');
    assert.deepEqual(labels(answer), ['待读']);
  });
});
