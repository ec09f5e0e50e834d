import assert from 'node:assert/strict';
import {
  aliasesFromName,
  isAbbreviationOf,
  isGenericLabel,
  isMatchableName,
  latinNameBesideKind,
  shortNameOf,
} from '../../../server/src/entities/names';
import { factsOf } from '../helpers';

describe('names and aliases', () => {
  it('takes Latin parts and parenthesised CJK names from mixed headings', () => {
    assert.deepEqual(aliasesFromName('华为mindspore'), ['mindspore']);
    assert.deepEqual(aliasesFromName('清华Jittor(计图)').sort(), ['Jittor', '清华Jittor', '计图'].sort());
  });

  it('takes a parenthesised acronym and drops `原` (formerly)', () => {
    assert.ok(aliasesFromName('Text Generation Inference(TGI)').includes('TGI'));
    assert.ok(aliasesFromName('Pug (原Jade)').includes('Jade'));
    assert.ok(!aliasesFromName('Keras (with TensorFlow backend)').includes('with TensorFlow backend'));
  });

  it('recognises generic labels and numbered section titles', () => {
    for (const label of [
      '简介',
      '核心功能',
      '配置',
      '问题',
      'Reference',
      '1 自动化故障定位、修复和分析',
      '3.1 云侧大模型',
      '0.主流AI框架&DL库',
    ]) {
      assert.ok(isGenericLabel(label), label);
    }
    for (const name of ['vLLM', 'MXNet', '腾讯ncnn', 'Megatron-LM']) assert.ok(!isGenericLabel(name), name);
  });

  it('finds the short name before a colon', () => {
    assert.equal(shortNameOf("Mooncake: Kimi's KVCache-centric Architecture for LLM Serving"), 'Mooncake');
    assert.equal(shortNameOf('A Unified Debugging Approach via LLM-Based Multi-Agent Synergy'), undefined);
  });

  it('takes no alias from a title about a topic, an organisation in parentheses, or an ordinary Chinese word', () => {
    assert.ok(!aliasesFromName('CUDA 编程手册').includes('CUDA'));
    assert.ok(!aliasesFromName('PyTorch 分布式').includes('PyTorch'));
    assert.ok(!aliasesFromName('Gemma (Google)').includes('Google'));
    assert.ok(!aliasesFromName('Lustre FS (Open Source)').includes('Open Source'));
    assert.ok(aliasesFromName('Lustre FS (Open Source)').includes('Lustre'));
    assert.ok(aliasesFromName('Pathways Language Model (PaLM)').includes('PaLM'));
    assert.ok(!isMatchableName('初始化') && !isMatchableName('tensor') && isMatchableName('vLLM'));
  });

  it('drops a kind word (`framework`, `Library`) only from a name, not from the end of a title', () => {
    assert.ok(aliasesFromName('Ray framework').includes('Ray'));
    assert.ok(
      !aliasesFromName('Zorbit: An Efficient Expert-Parallel Communication Library').includes(
        'Zorbit: An Efficient Expert-Parallel Communication',
      ),
    );
    assert.ok(!aliasesFromName('The Deep Learning Compiler').includes('The Deep Learning'));
  });

  it('drops a trailing kind word from a short name only: a title ending in `Model` and `Transformer Engine` keep it', () => {
    assert.ok(aliasesFromName('Ray framework').includes('Ray'));
    assert.ok(aliasesFromName('NeMo Framework').includes('NeMo'));
    assert.deepEqual(aliasesFromName('Transformer Engine'), []);
    assert.deepEqual(aliasesFromName('GLM-130B: An Open Bilingual Pre-trained Model'), []);
    assert.deepEqual(aliasesFromName('Teaching Small Networks to Read Tables with a Language Model'), []);
  });

  it('decides an abbreviation at once even when its letters repeat over many words', () => {
    assert.equal(isAbbreviationOf('aaaaaaaaaaab', Array(60).fill('aaaa').join(' ')), false);
    assert.equal(isAbbreviationOf('MUG', 'MVAPICH User Group'), true);
  });

  it('calls a Latin name beside a Chinese phrase of its kind by the Latin name, and leaves a maker or a Chinese name whole', () => {
    assert.equal(latinNameBesideKind('LawChat-法律大模型'), 'LawChat');
    assert.equal(latinNameBesideKind('天文大语言模型StarLM'), 'StarLM');
    assert.equal(latinNameBesideKind('QiCorpus中文数据集'), 'QiCorpus');
    for (const name of [
      '腾讯ncnn',
      '清华Jittor(计图)',
      '蜂鸟E200',
      'lychee_law-律知',
      '华为mindspore',
      '中文大模型',
      'LLM大模型 与 RAG 平台',
    ])
      assert.equal(latinNameBesideKind(name), undefined, name);
  });

  it('names the card of `* LawChat-法律大模型` with its 地址 field `LawChat`, keeping what the note wrote as an alias (Chinese LLM list shape)', () => {
    const note = '* LawChat-法律大模型\n  * 地址：https://github.com/example/LawChat\n  * 简介：一系列法律领域的大模型。\n';
    const [card] = factsOf(note).entities;
    assert.equal(card.name, 'LawChat');
    assert.equal(card.identity, 'github:example/lawchat');
    assert.ok(card.aliases.includes('LawChat-法律大模型'), card.aliases.join(', '));
  });
});
