import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/features/hover';
import { SEED, indexOf, indexedSeeds, lineContaining, noteUri, positionOf, seedText } from '../helpers';

const fileName = (uri: string) => uri.split('/').pop() ?? uri;

async function cardAt(file: string, needle: string, offset = 1): Promise<string | undefined> {
  const { index } = await indexedSeeds();
  const text = seedText(file);
  return hoverAt(index, noteUri(file), positionOf(text, lineContaining(text, needle), needle, offset), fileName)?.markdown;
}

describe('hover cards', () => {
  it('shows name, kind, fields, summary, links, definition site and mention count (vLLM, seed 001 line 120)', async () => {
    const card = await cardAt(SEED.aiOs, '[vLLM]', 2);
    assert.ok(card);
    assert.match(card, /^\*\*vLLM\*\* · project/);
    assert.match(card, /team: UC Berkeley/);
    assert.match(card, /vLLM 是一个开源的大模型推理加速框架/);
    assert.match(card, /GitHub: \[vllm\\-project\/vllm\]\(https:\/\/github\.com\/vllm-project\/vllm\)/);
    assert.match(
      card,
      /Defined in \[001\\_7e5cbe7abf80e26e\\\.md:120\]\(file:\/\/\/notes\/001_7e5cbe7abf80e26e\.md#L120\) · mentioned in 1 note/,
    );
  });

  it('answers on a mention in Chinese text, on a list name, on a heading and on an arXiv id', async () => {
    assert.match((await cardAt(SEED.chips, '利用Gemmini平台', 3)) ?? '', /\*\*Gemmini\*\* · project/);
    assert.match((await cardAt(SEED.chips, 'a) NVDLA', 4)) ?? '', /NVIDIA Deep Learning Accelerator/);
    assert.match((await cardAt(SEED.frameworks, '## MXNet', 5)) ?? '', /Apache MXNet（孵化中）/);
    assert.match(
      (await cardAt(SEED.aiOs, '2404.17153', 3)) ?? '',
      /\*\*A Unified Debugging Approach via LLM\\-Based Multi\\-Agent Synergy\*\* · paper/,
    );
    assert.match((await cardAt(SEED.aiOs, '[Mooncake', 2)) ?? '', /\*also:\* Mooncake/);
  });

  it('counts the notes that mention an entity (Megatron-LM: seeds 000 and 002)', async () => {
    assert.match((await cardAt(SEED.chips, 'DeepSpeed-Inference、Megatron-LM', 22)) ?? '', /mentioned in 2 notes/);
  });

  describe('the mention count, for a client that runs the references command from a card', () => {
    const files = {
      'gemmini.md': '- Gemmini: https://github.com/ucb-bar/gemmini\n',
      'plan.md': '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构\n',
      'notes.md': 'Gemmini 的脉动阵列\n',
    };

    it('is a link to the references of the entity, opened at the hovered mention', async () => {
      const { index } = await indexOf(files);
      const card = hoverAt(index, noteUri('plan.md'), { line: 2, character: 4 }, fileName, { referencesLink: true })?.markdown ?? '';
      const [, label, query] = /\[(mentioned in \d notes)\]\(command:marginalia\.showEntityReferences\?([^)]*)\)/.exec(card) ?? [];
      assert.equal(label, 'mentioned in 3 notes', card);
      assert.deepEqual(JSON.parse(decodeURIComponent(query)), [
        { entityId: 'github:ucb-bar/gemmini', uri: noteUri('plan.md'), position: { line: 2, character: 2 } },
      ]);
    });

    it('stays plain text for other clients', async () => {
      const { index } = await indexOf(files);
      const card = hoverAt(index, noteUri('plan.md'), { line: 2, character: 4 }, fileName)?.markdown ?? '';
      assert.match(card, / · mentioned in 3 notes$/);
      assert.ok(!card.includes('command:'), card);
    });
  });

  it('shows nothing on generic labels or plain words', async () => {
    assert.equal(await cardAt(SEED.frameworks, '#### 简介', 6), undefined);
    assert.equal(await cardAt(SEED.frameworks, '#### 核心功能', 6), undefined);
  });

  it('puts note text into the card as text: no HTML, no command links', async () => {
    const { index } = await indexOf({
      'evil.md':
        '| 项目 | 介绍 |\n|---|---|\n| [Evil](https://github.com/evil/evil) | <img src=x onerror=alert(1)> [click](command:workbench.action.quit) **bold** |\n',
    });
    const card = hoverAt(index, noteUri('evil.md'), { line: 2, character: 4 }, fileName)?.markdown ?? '';
    assert.ok(card.includes('**Evil**'));
    assert.ok(!card.includes('<img'), card);
    assert.ok(!/\]\(command:/.test(card), card);
    assert.ok(!card.includes('onerror'), card);
    assert.ok(card.includes('click bold'), 'the text of the note survives, as text');
  });
});
