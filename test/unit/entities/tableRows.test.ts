import assert from 'node:assert/strict';
import { SEED, factsOf, seedLine } from '../helpers';

describe('entities from table rows', () => {
  it('reads a linked project name, its team and its description (seed 001 line 120)', () => {
    const row = seedLine(SEED.aiOs, 120);
    assert.match(row, /\[vLLM\]\(https:\/\/github\.com\/vllm-project\/vllm\)/);
    // The seed's delimiter row has one cell too few, so GFM does not see a table; the row must be found anyway.
    const facts = factsOf(['| 编号 | 推理框架 | 团队 | 介绍 |', '|:---:|:-------:|:---:|', row].join('\n'));
    const [vllm] = facts.entities;
    assert.equal(vllm.name, 'vLLM');
    assert.equal(vllm.kind, 'project');
    assert.equal(vllm.shape, 'table-row');
    assert.equal(vllm.links.github, 'vllm-project/vllm');
    assert.equal(vllm.fields.team, 'UC Berkeley');
    assert.match(vllm.summary, /^vLLM 是一个开源的大模型推理加速框架/);
    assert.deepEqual(vllm.range.start, { line: 2, character: row.indexOf('vLLM') });
  });

  it('calls a core by its name, not by the `@group` that keeps it (awesome-riscv core table shape)', () => {
    const facts = factsOf(
      [
        '|Repository|Language|isa|Target|',
        '|-|-|-|-|',
        '|[Kite@acmealliance](https://github.com/acmealliance/kite-chip)|Scala,Chisel|rv64gc|ASIC|',
        '|[Wren](https://github.com/example/wren)|Verilog|rv32i|FPGA|',
      ].join('\n'),
    );
    const [kite, wren] = facts.entities;
    assert.equal(kite.name, 'Kite');
    assert.ok(kite.aliases.includes('Kite@acmealliance'));
    assert.equal(wren.name, 'Wren');
    assert.deepEqual(wren.aliases, []);
  });

  it('takes a parenthesised short name as an alias (seed 001 line 121)', () => {
    const facts = factsOf(['| 编号 | 推理框架 | 团队 | 介绍 |', '|---|---|---|---|', seedLine(SEED.aiOs, 121)].join('\n'));
    const [tgi] = facts.entities;
    assert.equal(tgi.name, 'Text Generation Inference(TGI)');
    assert.ok(tgi.aliases.includes('TGI'));
    assert.ok(tgi.aliases.includes('Text Generation Inference'));
    assert.ok(tgi.aliases.includes('text-generation-inference'), 'the repository name is an alias');
  });

  it('reads a paper row: the title, the arXiv id as an alias and the description cell (seed 001 line 61)', () => {
    const facts = factsOf(['| 论文 | 描述 |', '|:---:|:----:|', seedLine(SEED.aiOs, 61)].join('\n'));
    const [paper] = facts.entities;
    assert.equal(paper.name, 'A Unified Debugging Approach via LLM-Based Multi-Agent Synergy');
    assert.equal(paper.kind, 'paper');
    assert.equal(paper.links.arxiv, '2404.17153');
    assert.ok(paper.aliases.includes('2404.17153'));
    assert.match(paper.summary, /FixAgent/);
  });

  it('keeps unlinked names in a column of linked names (seed 001 lines 127-129)', () => {
    const lines = [118, 119, 120, 127, 128, 129].map((line) => seedLine(SEED.aiOs, line));
    const names = factsOf(lines.join('\n')).entities.map((entity) => entity.name);
    assert.deepEqual(names, ['vLLM', 'OpenLLM', 'Ray Serve', 'MLC LLM']);
  });

  it('ignores tables whose name column has no links, and author/date tables (seed 001 line 33, seed 004 line 210)', () => {
    const authors = factsOf([seedLine(SEED.aiOs, 31), seedLine(SEED.aiOs, 32), seedLine(SEED.aiOs, 33)].join('\n'));
    assert.deepEqual(authors.entities, []);
    const comparison = factsOf([208, 209, 210, 211].map((line) => seedLine(SEED.learnAi, line)).join('\n'));
    assert.deepEqual(comparison.entities, []);
  });
});

describe('entities from citation tables', () => {
  it('reads a bold quoted title with its PDF in the links column, not the bold key or the conference page (cnrv papers.md shape)', () => {
    const note = [
      '| 索引 | 文献 | 链接 |',
      '| ---: | --- | :--- |',
      '| **Lin2017** | A. Lin and B. Chen. "**Zorbit v2: An open-source out-of-order core.**" In _proc. of CARRV_, 2017. | [[URL](https://carrv.example.io/)] [[PDF](https://carrv.example.io/papers/lin-zorbit-2017.pdf)] |',
      '| **Wu2018** | C. Wu. "**Nilo: A programmable monitoring coprocessor.**" _Computer Architecture Letters_, 2018. | [[Web](https://ieeexplore.example.org/document/8219379/)] |',
      '',
    ].join('\n');
    const entities = factsOf(note).entities.map((entity) => [entity.name, entity.kind, entity.identity, entity.summary]);
    assert.deepEqual(entities, [
      [
        'Zorbit v2: An open-source out-of-order core',
        'paper',
        'url:carrv.example.io/papers/lin-zorbit-2017.pdf',
        'A. Lin and B. Chen. In proc. of CARRV, 2017.',
      ],
      [
        'Nilo: A programmable monitoring coprocessor',
        'paper',
        'url:ieeexplore.example.org/document/8219379',
        'C. Wu. Computer Architecture Letters, 2018.',
      ],
    ]);
  });

  it("never takes a link to the reader's own notes on a paper (`[Note](…)`) for the paper", () => {
    const note = [
      '| Status | Paper | Venue | Links |',
      '|:------:|-------|-------|-------|',
      "| ✅ | **Zorbit: A Tiny Open-source Core** | ISCA'22 | [Paper](https://example.org/zorbit.pdf) / [Note](https://github.com/reader/reading/issues/4) |",
      "| ✅ | **Nilo: A Programmable Monitoring Coprocessor** | HPCA'23 | [Paper](papers/nilo-hpca23.pdf) / [Note](https://github.com/reader/notes/blob/main/nilo.md) |",
      '',
    ].join('\n');
    const entities = factsOf(note).entities.map((entity) => [entity.name, entity.identity, entity.links.github]);
    assert.deepEqual(entities, [
      ['Zorbit: A Tiny Open-source Core', 'url:example.org/zorbit.pdf', undefined],
      ['Nilo: A Programmable Monitoring Coprocessor', undefined, undefined],
    ]);
  });

  it('reads a bold title whose PDF the reader keeps beside the notes (`[Paper](papers/x.pdf)`) as a paper known by its title', () => {
    const note = [
      '| Status | Paper | Venue | Links |',
      '|:------:|-------|-------|-------|',
      "| ✅ | **Nilo: A Programmable Monitoring Coprocessor** | HPCA'23 | [Paper](papers/nilo-hpca23.pdf) |",
      '| ⬜ | **Quiet Tables for Small Caches** | — | [Paper](papers/quiet.pdf) / [Note](notes/quiet.md) |',
      '',
    ].join('\n');
    const entities = factsOf(note).entities.map((entity) => [entity.name, entity.kind, entity.identity, entity.aliases]);
    assert.deepEqual(entities, [
      ['Nilo: A Programmable Monitoring Coprocessor', 'paper', undefined, ['Nilo']],
      ['Quiet Tables for Small Caches', 'paper', undefined, []],
    ]);
  });
});

describe('paper tables with a column of short names', () => {
  const note = [
    '| Date | keywords | Institute | Paper |',
    '|---|---|---|---|',
    '| 2022-04 | Chinchilla | DeepMind | [Training Compute-Optimal Large Language Models](https://arxiv.org/pdf/2203.15556) |',
    '| 2023-04 | LLaVA | UW–Madison&Microsoft | [Visual Instruction Tuning](https://arxiv.org/abs/2304.08485) |',
    '| 2022-06 | Emergent Abilities | Google | [Emergent Abilities of Large Language Models](https://openreview.net/pdf?id=yzkSU5zdwD) |',
    '',
  ].join('\n');

  it('calls each paper by its short name too, as readers do', () => {
    const [chinchilla, llava] = factsOf(note).entities;
    assert.equal(chinchilla.name, 'Training Compute-Optimal Large Language Models');
    assert.ok(chinchilla.aliases.includes('Chinchilla'));
    assert.ok(llava.aliases.includes('LLaVA'));
  });

  it('takes neither the short name nor the institute for the summary, and no topic for a name', () => {
    const [chinchilla, llava, emergent] = factsOf(note).entities;
    assert.equal(chinchilla.summary, '');
    assert.equal(llava.summary, '');
    assert.equal(llava.fields.team, 'UW–Madison&Microsoft');
    assert.equal(emergent.summary, '');
    assert.ok(!emergent.aliases.includes('Emergent Abilities'));
  });
});

describe('paper tables whose title cells open with a badge', () => {
  // The shape of efficient-LLM paper lists (horseee/Awesome-Efficient-LLM): a star badge linking the
  // code, a line break, then the linked title and its authors.
  const note = [
    '| Title & Authors | Introduction | Links |',
    '|:--|  :----: | :---:|',
    '|[![Star](https://img.shields.io/github/stars/acme/zebra-prune.svg?style=social&label=Star)](https://github.com/acme/zebra-prune)<br>[ZebraPrune: Striped Pruning for Language Models](https://arxiv.org/abs/2406.01234) <br> Ann Example, Bo Sample |<img width="1002" alt="image" src="figures/zebra.png"> |[Github](https://github.com/acme/zebra-prune) <br> [Paper](https://arxiv.org/abs/2406.01234)|',
    '|[Okapi Sparsity for Shy Models](https://arxiv.org/abs/2406.04321) <br> Cy Person |<img width="1002" alt="image" src="figures/okapi.png"> |[Paper](https://arxiv.org/abs/2406.04321)|',
    '',
  ].join('\n');

  it('names each row by its title, never by the badge ("Star")', () => {
    assert.deepEqual(
      factsOf(note).entities.map((entity) => entity.name),
      ['ZebraPrune: Striped Pruning for Language Models', 'Okapi Sparsity for Shy Models'],
    );
  });

  it('keeps the repository the badge links on the paper’s card', () => {
    const [zebra] = factsOf(note).entities;
    assert.equal(zebra.identity, 'arxiv:2406.01234');
    assert.equal(zebra.links.github, 'acme/zebra-prune');
    assert.equal(zebra.shape, 'table-row');
  });
});
