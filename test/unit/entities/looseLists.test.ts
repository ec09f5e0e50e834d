import assert from 'node:assert/strict';
import { SEED, factsOf, seedText, lineContaining } from '../helpers';

function lines(name: string, fromNeedle: string, count: number, occurrence = 1): string {
  const text = seedText(name);
  let start = lineContaining(text, fromNeedle);
  for (let seen = 1; seen < occurrence; seen++) start = lineContaining(text, fromNeedle, start + 1);
  return text
    .split('\n')
    .slice(start - 1, start - 1 + count)
    .join('\n');
}

describe('entities from loose plain-text lists', () => {
  it('reads `a) NVDLA (NVIDIA Deep Learning Accelerator):` with description and `网址:` (seed 000 line 606)', () => {
    const facts = factsOf(lines(SEED.chips, 'a) NVDLA (NVIDIA Deep Learning Accelerator):', 8));
    const [nvdla, gemmini] = facts.entities;
    assert.equal(nvdla.name, 'NVDLA (NVIDIA Deep Learning Accelerator)');
    assert.ok(nvdla.aliases.includes('NVDLA'));
    assert.equal(nvdla.links.github, 'nvdla');
    assert.match(nvdla.summary, /虽然最初由NVIDIA开发/);
    assert.equal(gemmini.name, 'Gemmini');
    assert.equal(gemmini.links.github, 'ucb-bar/gemmini');
    assert.equal(gemmini.weak, undefined);
  });

  it('marks an enumerated name without any link as weak (seed 000 line 336)', () => {
    const facts = factsOf(lines(SEED.chips, 'a) NVDLA (NVIDIA Deep Learning Accelerator)：', 6));
    assert.equal(facts.entities[0].name, 'NVDLA (NVIDIA Deep Learning Accelerator)');
    assert.equal(facts.entities[0].weak, true);
  });

  it('reads `Pug (原Jade)` … `GitHub: https://github.com/pugjs/pug` and the next entries of the same paragraph (seed 000 line 294)', () => {
    const facts = factsOf(lines(SEED.chips, 'Pug (原Jade)', 12));
    const [pug, ejs, handlebars] = facts.entities;
    assert.equal(pug.name, 'Pug (原Jade)');
    assert.ok(pug.aliases.includes('Jade'));
    assert.ok(pug.aliases.includes('Pug'));
    assert.equal(pug.links.github, 'pugjs/pug');
    assert.match(pug.summary, /简洁的语法/);
    assert.equal(ejs.name, 'EJS (Embedded JavaScript)');
    assert.equal(handlebars.name, 'Handlebars');
    assert.match(handlebars.summary, /兼容Mustache模板/);
  });

  it('reads `CogVideo: 清华大学开发的…` followed by a bare GitHub URL (seed 000 line 806)', () => {
    const facts = factsOf(lines(SEED.chips, 'CogVideo:', 2));
    assert.equal(facts.entities[0].name, 'CogVideo');
    assert.equal(facts.entities[0].links.github, 'THUDM/CogVideo');
    assert.equal(facts.entities[0].summary, '清华大学开发的大规模文本到视频生成模型。');
  });

  it('reads `d) Cutter (https://github.com/rizinorg/cutter)` with its indented description (seed 000 line 138)', () => {
    const facts = factsOf(lines(SEED.chips, 'd) Cutter', 5));
    assert.equal(facts.entities[0].name, 'Cutter');
    assert.equal(facts.entities[0].links.github, 'rizinorg/cutter');
    assert.match(facts.entities[0].summary, /基于rizin的逆向工程平台/);
  });

  it('reads `JAX: https://github.com/google/jax` (seed 000 line 1132)', () => {
    const facts = factsOf(lines(SEED.chips, 'JAX: https://github.com/google/jax', 2));
    assert.deepEqual(
      facts.entities.map((entity) => [entity.name, entity.links.github]),
      [
        ['JAX', 'google/jax'],
        ['Flax', 'google/flax'],
      ],
    );
  });

  it('reads the developer from `Megatron-LM (由NVIDIA开发)` instead of taking it as an alias (seed 000 line 1110)', () => {
    const facts = factsOf(lines(SEED.chips, 'Megatron-LM (由NVIDIA开发)', 6));
    const [megatron] = facts.entities;
    assert.equal(megatron.name, 'Megatron-LM');
    assert.equal(megatron.fields.developer, 'NVIDIA');
    assert.equal(megatron.links.github, 'NVIDIA/Megatron-LM');
    assert.match(megatron.summary, /专为大规模语言模型设计/);
  });

  it('finds the name right above the URL when the paragraph before belongs to another entry (seed 000 NgRx list)', () => {
    const facts = factsOf(lines(SEED.chips, 'NgRx', 20));
    const names = facts.entities.map((entity) => entity.name);
    assert.deepEqual(names, ['NgRx', 'Angular Universal']);
  });

  it('does not take numbered steps or pasted code labels for names', () => {
    const facts = factsOf(lines(SEED.chips, 'a) 架构探索', 9));
    assert.deepEqual(facts.entities, []);
    const code = factsOf('out:\n    dm_task_destroy(dmt);\n项目：https://gitlab.com/cryptsetup/cryptsetup\n');
    assert.deepEqual(code.entities, []);
  });

  it('ends a run of loose lines at its address line: the name below it is an entity of its own (the Yosys shape)', () => {
    const note = [
      'Verilator',
      'GitHub: https://github.com/verilator/verilator',
      'Yosys',
      '开源的综合工具',
      '支持多种FPGA',
      'GitHub: https://github.com/YosysHQ/yosys',
      '',
    ].join('\n');
    const entities = factsOf(note).entities.map((entity) => [entity.name, entity.identity, entity.summary]);
    assert.deepEqual(entities, [
      ['Verilator', 'github:verilator/verilator', ''],
      ['Yosys', 'github:yosyshq/yosys', '开源的综合工具 支持多种FPGA'],
    ]);
  });

  it('reads a `Name` / `描述：` / `用途：` / `链接：` run as one entry per name (seed 000 line 1514)', () => {
    const facts = factsOf(lines(SEED.chips, 'LDC (LLVM D Compiler)', 8));
    assert.deepEqual(
      facts.entities.map((entity) => [entity.name, entity.identity]),
      [
        ['LDC (LLVM D Compiler)', 'github:ldc-developers/ldc'],
        ['Chromium', 'url:chromium.org'],
      ],
    );
    assert.match(facts.entities[0].summary, /^描述：D语言的LLVM-based编译器 用途：D语言开发$/);
  });

  it('reads a paper a reading list cites by title, with its authors and importance (seed 000 line 1337)', () => {
    const facts = factsOf(lines(SEED.chips, 'Universal Language Model Fine-tuning for Text Classification (2018)', 3));
    const [ulmfit] = facts.entities;
    assert.deepEqual(
      [ulmfit.name, ulmfit.kind, ulmfit.fields.authors, ulmfit.fields.year],
      ['Universal Language Model Fine-tuning for Text Classification', 'paper', 'Jeremy Howard, Sebastian Ruder', '2018'],
    );
    assert.ok(ulmfit.aliases.includes('ULMFiT'));
  });

  it('reads lines indented by hundreds of spaces in linear time (a paragraph of them took 17 s)', () => {
    const paragraph = Array.from({ length: 1_000 }, (_, line) => `${' '.repeat(950)}- entry ${line}`).join('\n');
    const started = performance.now();
    factsOf(`Start\n${paragraph}\n`);
    assert.ok(performance.now() - started < 5_000, 'read within 5 s');
  });
});
