import { buildEntities } from '../../../server/src/index/entityTable';
import assert from 'node:assert/strict';
import { SEED, factsOf, seedText, lineContaining } from '../helpers';

function section(name: string, fromNeedle: string, lineCount: number): string {
  const text = seedText(name);
  const start = lineContaining(text, fromNeedle);
  return text
    .split('\n')
    .slice(start - 1, start - 1 + lineCount)
    .join('\n');
}

describe('entities from project cards', () => {
  it('reads `## MXNet` with its `#### 简介` summary and GitHub link (seed 002 line 33)', () => {
    const facts = factsOf(section(SEED.frameworks, '## MXNet', 32));
    const mxnet = facts.entities.find((entity) => entity.name === 'MXNet');
    assert.ok(mxnet, 'MXNet is a card');
    assert.equal(mxnet.shape, 'project-card');
    assert.match(mxnet.summary, /^Apache MXNet（孵化中）是一个灵活高效的深度学习库/);
    assert.equal(mxnet.links.github, 'apache/incubator-mxnet');
  });

  it('takes the Latin part of a mixed heading as an alias (seed 002 line 363: `## 腾讯ncnn`)', () => {
    const facts = factsOf(section(SEED.frameworks, '## 腾讯ncnn', 31));
    const ncnn = facts.entities.find((entity) => entity.name === '腾讯ncnn');
    assert.ok(ncnn);
    assert.ok(ncnn.aliases.includes('ncnn'));
    assert.ok(!ncnn.aliases.includes('腾讯'), 'the company prefix is not an alias');
    assert.equal(ncnn.links.github, 'Tencent/ncnn');
  });

  it('reads a card with no sub-headings from its own repository link (seed 002 line 354: `## 清华Jittor(计图):`)', () => {
    const facts = factsOf(section(SEED.frameworks, '## 清华Jittor(计图):', 8));
    const [jittor] = facts.entities;
    assert.equal(jittor.name, '清华Jittor(计图)');
    assert.ok(jittor.aliases.includes('Jittor'));
    assert.ok(jittor.aliases.includes('计图'));
    assert.equal(jittor.links.github, 'Jittor/jittor');
  });

  it('never makes cards of generic section labels', () => {
    const facts = factsOf(section(SEED.frameworks, '## MXNet', 32));
    const names = facts.entities.map((entity) => entity.name);
    for (const label of ['简介', '核心功能', '技术原理', '应用场景']) assert.ok(!names.includes(label), label);
  });

  it('does not take a section of many projects for one project (seed 002 line 31: `# 0.主流AI框架&DL库`)', () => {
    const names = factsOf(section(SEED.frameworks, '# 0.主流AI框架&DL库', 40)).entities.map((entity) => entity.name);
    assert.ok(!names.some((name) => name.includes('主流AI框架')));
  });

  it("needs the repository to be the heading's own when there is no summary heading", () => {
    const facts = factsOf('## 简化的PyTorch训练循环\n\nsee [DeepSpeed](https://github.com/microsoft/DeepSpeed)\n');
    // The link in passing names DeepSpeed; the heading names no project.
    assert.deepEqual(
      facts.entities.map((entity) => [entity.name, entity.identity]),
      [['DeepSpeed', 'github:microsoft/deepspeed']],
    );
  });
  it('keeps a part of a repository with a folder named like the card apart from the repository (ml-engineering shape)', () => {
    const note = [
      '### ZipSpeed-FastGen',
      '',
      '[ZipSpeed-FastGen](https://github.com/example/ZipSpeed/tree/master/blogs/zipspeed-fastgen) from [the ZipSpeed team](https://github.com/example/ZipSpeed).',
      '',
      '### ZipSpeed',
      '',
      "- [Project's github](https://github.com/example/ZipSpeed)",
      '',
    ].join('\n');
    const entities = buildEntities([['n.md', factsOf(note).entities]]);
    const fastGen = entities.find((entity) => entity.name === 'ZipSpeed-FastGen');
    assert.deepEqual(fastGen?.identities, ['url:github.com/example/ZipSpeed/tree/master/blogs/zipspeed-fastgen']);
    assert.ok(
      entities.every((entity) => !entity.aliases.some((alias) => /github/i.test(alias))),
      JSON.stringify(entities.map((e) => e.aliases)),
    );
  });

  it('takes a heading over a list of link-led items for a category, even when one repository is named like it (oshw shape)', () => {
    const note = [
      '## Gauges',
      '* [big-gauge-flow](https://github.com/example/Big-Gauge-Flow)',
      '  * Framework for launching gauge experiments',
      '* [lab-gauges](https://github.com/example/gauges)',
      '  * Combinational gauge suite for logic synthesis',
      '',
    ].join('\n');
    const entities = buildEntities([['n.md', factsOf(note).entities]]);
    assert.deepEqual(
      entities.map((entity) => [entity.name, entity.summary]),
      [
        ['big-gauge-flow', 'Framework for launching gauge experiments'],
        ['lab-gauges', 'Combinational gauge suite for logic synthesis'],
      ],
    );
  });

  it('takes a heading over a source list and a list of linked tools for a category, not the source list', () => {
    const note = [
      '## Gauge Data',
      '> Reference: [GaugeDataHub](https://github.com/example/GaugeDataHub)',
      '- [flowkit](https://github.com/example/flowkit) - Toolkit for cleaning gauge data.',
      '- [datasieve](https://github.com/other/datasieve) - Pipelines for gauge readings.',
      '',
    ].join('\n');
    const entities = buildEntities([['n.md', factsOf(note).entities]]);
    assert.deepEqual(entities.map((entity) => entity.name).sort(), ['GaugeDataHub', 'datasieve', 'flowkit']);
  });

  it('still reads a card that says what it is above a list of its parts, from a repository holding its name', () => {
    const note = [
      '### Zapkit',
      '',
      'Zapkit is a zapping library with [a repository of its own](https://github.com/example/ZapkitLibraries).',
      '',
      '- [Zap Bus](https://github.com/example/ZapBus)',
      '- [Zap Memory](https://github.com/example/ZapMemory)',
      '',
    ].join('\n');
    const card = factsOf(note).entities.find((entity) => entity.shape === 'project-card');
    assert.equal(card?.name, 'Zapkit');
  });

  it('still reads a card from its own repository link in a paragraph above a list of its pages', () => {
    const note = [
      '## Zapper',
      '',
      '[Zapper](https://github.com/example/zapper) is a fast zapping tool.',
      '',
      '* [Docs](https://zapper.example.org/docs)',
      '* [Blog](https://zapper.example.org/blog)',
      '',
    ].join('\n');
    const zapper = factsOf(note).entities.find((entity) => entity.shape === 'project-card');
    assert.equal(zapper?.name, 'Zapper');
    assert.equal(zapper?.identity, 'github:example/zapper');
    assert.equal(zapper?.summary, 'Zapper is a fast zapping tool.');
  });

  it("never glues a list item's link name to its sub-bullet for a summary", () => {
    const note = ['## Zapper', '* [Zapper](https://github.com/example/zapper)', '  * Fast zapping tool', ''].join('\n');
    const card = factsOf(note).entities.find((entity) => entity.shape === 'project-card');
    assert.ok(!card || !/zapperFast/i.test(card.summary), card?.summary);
  });
});

describe('a heading over a table of things', () => {
  it('is a category, even where one row’s repository is named like it (`#### Quantization` over `…/llm-quantization-attack`)', () => {
    const note = [
      '#### Quantization',
      '| Title | Links |',
      '|:--|:--|',
      '|[Zebra Quantization for Language Models](https://arxiv.org/abs/2406.01234) |[Github](https://github.com/acme/zebra-quantization-kit)|',
      '|[Okapi: Shy Quantizers](https://arxiv.org/abs/2406.04321) |[Github](https://github.com/beta/okapi)|',
      '',
    ].join('\n');
    const names = factsOf(note).entities.map((entity) => entity.name);
    assert.ok(!names.includes('Quantization'), names.join(', '));
  });
});
