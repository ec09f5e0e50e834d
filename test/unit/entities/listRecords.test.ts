import assert from 'node:assert/strict';
import { buildEntities } from '../../../server/src/index/entityTable';
import { factsOf } from '../helpers';

// Each case is a few lines in the shape of a real list; the source of the shape is named in the test.
function read(markdown: string) {
  return factsOf(markdown).entities.map((entity) => ({ name: entity.name, identity: entity.identity, summary: entity.summary }));
}

describe('entities from list records', () => {
  it('reads a Chinese numbered item behind a redirect link (the HelloGitHub shape)', () => {
    const note =
      '1、[kvpipe](https://example.org/click?target=https://github.com/someone/kvpipe)：轻量的键值管道。这是一个用 Go 写的工具。\n';
    assert.deepEqual(read(note), [
      { name: 'kvpipe', identity: 'github:someone/kvpipe', summary: '轻量的键值管道。这是一个用 Go 写的工具。' },
    ]);
  });

  it('reads `+ Name: description` with its [[GitHub](…)] on the next line (cnrv resource.md shape)', () => {
    const note =
      '+ TinyCore: 教学用的RV32处理器。Verilog, MIT Licensed。\n  [[GitHub](https://github.com/example/tinycore)]\n  [[Doc](https://example.org/tinycore-doc/)]\n';
    assert.deepEqual(read(note), [
      { name: 'TinyCore', identity: 'github:example/tinycore', summary: '教学用的RV32处理器。Verilog, MIT Licensed。' },
    ]);
  });

  it('prefers the source repository over the home page the name links to (awesome-hpc shape)', () => {
    const note =
      '- [Gridder](https://gridder.example.org/) - A stateless cluster provisioner ([Source Code](https://github.com/example/gridder)) `BSD-3`\n';
    const [gridder] = factsOf(note).entities;
    assert.equal(gridder.identity, 'github:example/gridder');
    assert.equal(gridder.links.homepage, 'https://gridder.example.org/');
    assert.match(gridder.summary, /^A stateless cluster provisioner/);
  });

  it('calls a paper by its title, keeps the text before the colon as its short name, and authors out of the summary', () => {
    const note = '1. [Zzorbit: Sparse Attention for Long Inputs](https://arxiv.org/abs/2301.00001) by Ada Example and Bo Sample.\n';
    const [zorbit] = factsOf(note).entities;
    assert.equal(zorbit.name, 'Zzorbit: Sparse Attention for Long Inputs');
    assert.ok(zorbit.aliases.includes('Zzorbit'));
    assert.equal(zorbit.fields.authors, 'Ada Example and Bo Sample');
    assert.equal(zorbit.summary, 'Sparse Attention for Long Inputs');
  });

  it('never names a paper after its [[pdf]] label, and never makes an entity named `https` of bare URL bullets', () => {
    const note =
      '- Some survey of serving systems [[pdf]](https://arxiv.org/pdf/2404.00001)\n- https://github.com/example/first\n- https://github.com/example/second\n';
    const names = factsOf(note).entities.map((entity) => entity.name);
    assert.ok(!names.some((name) => /pdf|https|arXiv/i.test(name)), names.join(', '));
    assert.deepEqual(names, ['Some survey of serving systems', 'first', 'second']);
  });

  it('reads every linked name of `[A](…) / [B](…) - description` with the shared description (ml-engineering shape)', () => {
    const note =
      '- [trainstack](https://github.com/example/trainstack) / [nanostack](https://github.com/example/nanostack) - full training stacks\n';
    assert.deepEqual(
      read(note).map((entity) => [entity.name, entity.summary]),
      [
        ['trainstack', 'full training stacks'],
        ['nanostack', 'full training stacks'],
      ],
    );
  });

  it('reads the links of a heading-like bold lead, not the lead itself (ml-engineering inference shape)', () => {
    const note =
      '- **Acme Accelerators (APU)**: the [vllm-apu](https://github.com/example/vllm-apu) plugin, plus [Optimum for APU](https://github.com/example/optimum-apu)\n';
    assert.deepEqual(
      read(note).map((entity) => entity.name),
      ['vllm-apu', 'Optimum for APU'],
    );
  });

  it('keeps a linked sub-item apart from its unlinked parent, which is defined by name among linked items (cnrv shape)', () => {
    const note = [
      '+ Quill: 支持RV32的开源微处理器',
      '  - QuillChip: SystemVerilog, 来源于某大学。',
      '    [[GitHub](https://github.com/example/quillchip)]',
      '+ Other: 另一个处理器。',
      '  [[GitHub](https://github.com/example/other)]',
      '',
    ].join('\n');
    assert.deepEqual(
      read(note).map((entity) => [entity.name, entity.identity ?? 'name only']),
      [
        ['Quill', 'name only'],
        ['QuillChip', 'github:example/quillchip'],
        ['Other', 'github:example/other'],
      ],
    );
  });

  it('makes no entity of a headline, a sentence before a link, or a label before `[点击]` (cnrv news and HelloGitHub shapes)', () => {
    const note = [
      '- [SiFive任命某人为新CEO](https://news.example.com/2017/08/sifive-ceo)',
      '',
      '**Tips**：如果图片不显示，[点击](https://example.org/volume/123) 换一种浏览方式。',
      '',
      '详细的论文连结可参考[URL](https://example.org/papers/)。',
      '',
      'There is also a DVCon talk [presentation](https://events.example.org/2017/02_3.pdf) on it.',
      '',
    ].join('\n');
    assert.deepEqual(read(note), []);
  });

  it('makes no entity of a document kept in a repository, nor of the sentence that names it beside another link', () => {
    const note = [
      '- [英伟达A800加速卡常见软件包安装命令](https://github.com/example/llm-notes/blob/main/docs/a800-env-install.md)',
      '',
      'See also the companion books: [Gadget Recipes](https://github.com/example/gadget-recipes) and [Stas’ Toolbox](https://github.com/example/toolbox/blob/master/SKILL.md).',
      '',
      '- [Gadget Recipes](https://github.com/example/gadget-recipes) — everyday recipes for gadgets.',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [
      { name: 'Gadget Recipes', identity: 'github:example/gadget-recipes', summary: 'everyday recipes for gadgets.' },
    ]);
  });

  it('reads `Short(Paper Title)` items as papers called by the short name, the title an alias (a Chinese LLM notes list, llm-action)', () => {
    const note = [
      '**非结构化剪枝**：',
      '',
      '- Zapper(Zapper: Pruning Large Language Models Without Retraining Them)',
      '- Snip（A Simple Pruning Approach for Sparse Language Models）',
      '- PPO（近端策略优化）',
      '- Lion',
      '',
    ].join('\n');
    const cards = factsOf(note).entities.map((entity) => [entity.name, entity.kind, entity.aliases, entity.summary]);
    assert.deepEqual(cards, [
      [
        'Zapper',
        'paper',
        ['Zapper: Pruning Large Language Models Without Retraining Them'],
        'Pruning Large Language Models Without Retraining Them',
      ],
      ['Snip', 'paper', ['A Simple Pruning Approach for Sparse Language Models'], 'A Simple Pruning Approach for Sparse Language Models'],
    ]);
  });

  it('reads a link label before a bare repository address as citing the repository (CUDA notes shape)', () => {
    const note = [
      '> 友情链接：https://github.com/someone/CUDA-Study-Notes',
      '',
      '课程地址：https://www.youtube.com/@somecourse',
      '',
      '- 课程的 Slides 和 脚本：https://github.com/some-course/lectures',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [{ name: 'CUDA-Study-Notes', identity: 'github:someone/cuda-study-notes', summary: '' }]);
  });

  it('takes a [GitHub] link as the code of a name that is also a word (`Rocket：… [[GitHub](…)]`), unlike a [点击] link', () => {
    const note = 'Rocket：一个开源的RV64处理器。[[GitHub](https://github.com/example/rocket-core)]\n';
    assert.deepEqual(
      read(note).map((entity) => [entity.name, entity.identity]),
      [['Rocket', 'github:example/rocket-core']],
    );
  });

  it('keeps a model page as the identity of its item, with the [paper] beside it as evidence (awesome-transformer-nlp shape)', () => {
    const note =
      "7. [Acme's ZEN-70B](https://huggingface.co/acme/zen-70b) from the hub [[paper](https://arxiv.org/abs/2301.00002), [blog post](https://acme.example/zen)] - ZEN is a 70-billion parameter model\n";
    const entities = factsOf(note).entities;
    assert.deepEqual(
      entities.map((entity) => [entity.name, entity.identity]),
      [['ZEN-70B', 'hf:acme/zen-70b']],
    );
    assert.ok(entities[0].aliases.includes("Acme's ZEN-70B"));
  });

  it('takes the names a description gives: `called "Zephyr"`, `又称XX`', () => {
    const note =
      '1. [Scaling Compute-Optimal Models](https://arxiv.org/abs/2203.00003) - introduces a new 70B LM called "Zephyr" that beats larger ones.\n';
    assert.ok(factsOf(note).entities[0].aliases.includes('Zephyr'));
  });

  it("takes a company's name on one of its product sites for no name, but a product's own site for its name (awesome-hpc shape)", () => {
    const note = [
      '- [Acme](https://developer.acme.com/hpc-compilers) - Acme HPC compilers `Proprietary`.',
      '- [Zeta](https://zeta.org/docs/index.htm) - A tensor library `BSD`.',
      '- [Yotta](https://docs.yotta.io/latest) - An object store `Apache-2.0`.',
      '',
    ].join('\n');
    assert.deepEqual(
      read(note).map((entity) => entity.name),
      ['Zeta', 'Yotta'],
    );
  });

  it("makes no entity of a person's page: `[Ada Lin](https://github.com/adalin)`, `Ada Lin个人网站`", () => {
    const note =
      '- Thanks to [Ada Lin](https://github.com/adalin) for the list.\n- 见 [Ada Lin个人网站](http://adalin.example/) 的介绍。\n';
    assert.deepEqual(read(note), []);
  });

  it('reads footnotes that define what a note cites, with or without a link (CUDA notes shape)', () => {
    const note =
      'Orcus [^2] batches per iteration; vLLM [^3] pages its cache.\n\n[^2]: Orcus: A Distributed Serving System for Generative Models\n[^3]: vLLM: https://github.com/vllm-project/vllm\n';
    assert.deepEqual(
      read(note).map((entity) => [entity.name, entity.identity ?? 'name only']),
      [
        ['Orcus', 'name only'],
        ['vLLM', 'github:vllm-project/vllm'],
      ],
    );
  });

  it('makes no entity of a topic pointing at a site about it, nor of a site several records call by different names', () => {
    const note = '- [显存优化](https://hf-mirror.example.com)\n- [Sitey](https://sitey.example.org/) - a hub for models\n';
    assert.deepEqual(
      read(note).map((entity) => entity.name),
      ['Sitey'],
    );
    const pages = ['Alpha notes', 'Beta notes', 'Gamma notes'].map(
      (name, index) =>
        [`${index}.md`, factsOf(`- [${name}](https://docs.example.org/hub) - about ${name}\n`).entities] as [
          string,
          ReturnType<typeof factsOf>['entities'],
        ],
    );
    assert.deepEqual(buildEntities(pages), []);
  });

  it('describes a bare address by the text after it, and a paper dated only by its year by its subtitle', () => {
    const note =
      '- https://github.com/example/loadgen - useful for load testing\n- [MiCZ: Near-linear Scaling for Training Gigantic Model on Public Cloud](https://arxiv.org/abs/2205.00119) (2022)\n';
    const entities = factsOf(note).entities;
    assert.deepEqual(
      entities.map((entity) => [entity.name, entity.summary, entity.fallback ?? false]),
      [
        ['loadgen', 'useful for load testing', false],
        [
          'MiCZ: Near-linear Scaling for Training Gigantic Model on Public Cloud',
          'Near-linear Scaling for Training Gigantic Model on Public Cloud',
          false,
        ],
      ],
    );
  });

  it('makes no entity of field labels, steps or ordinary words before a colon', () => {
    const note = '- Written in: Ruby\n- Step 1: install it\n\nout:\n项目：https://gitlab.com/example/tool\n';
    assert.deepEqual(
      read(note).map((entity) => entity.name),
      [],
    );
  });

  it('makes no entity of a linkless `Name：value` whose value is only a measure (weekly-issue spec list shape)', () => {
    const note = [
      '> - ZLink 1.0-1.2（2002）：4.9Gbps',
      '> - ZLink 2.0（2013）：18 Gbit/s',
      '- Basic Tier: $5',
      '- QCard-3: 12 GB',
      '- KvTool: 2.0 的命令行工具',
      '',
    ].join('\n');
    assert.deepEqual(
      read(note).map((entity) => [entity.name, entity.summary]),
      [['KvTool', '2.0 的命令行工具']],
    );
  });
});

describe('Chinese list heads over 地址 and 简介 fields (Chinese LLM list shape)', () => {
  it('names `Name，descriptive clause：` after the name, the clause opening its summary', () => {
    const note = [
      '* XrayLM，首个会看X光片的医学大模型：',
      '  * 地址：https://github.com/example/XrayLM',
      '  * 简介：该项目发布了数据集及模型。',
      '',
      '* Hummingbird E300. 二级流水线，目标替代Cortex-M0。',
      '  [[GitHub](https://github.com/example/e300)]',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [
      { name: 'XrayLM', identity: 'github:example/xraylm', summary: '首个会看X光片的医学大模型 该项目发布了数据集及模型。' },
      { name: 'Hummingbird E300', identity: 'github:example/e300', summary: '二级流水线，目标替代Cortex-M0。' },
    ]);
  });

  it('reads a coined Chinese name with a middle dot standing alone over its fields, and no plain topic word', () => {
    const note = [
      '* 书生·明镜',
      '  * 地址：https://github.com/example/mingjing',
      '  * 简介：一个千亿级参数大语言模型。',
      '',
      '* 夫子•明察司法大模型',
      '  * 地址：https://github.com/example/fuzi.mingcha',
      '',
      '* 医疗',
      '  * 地址：https://github.com/example/med',
      '',
      '* 目前，很多模型都开源了：',
      '  * 地址：https://github.com/example/many',
      '',
    ].join('\n');
    assert.deepEqual(
      read(note).map((card) => [card.name, card.identity]),
      [
        ['书生·明镜', 'github:example/mingjing'],
        ['夫子•明察司法大模型', 'github:example/fuzi.mingcha'],
      ],
    );
  });
});

describe('heading cards', () => {
  it('reads `### Name` with a `- Link:` field as a card, and a heading over numbered linked items as a category (hardware-verification and HelloGitHub shapes)', () => {
    const note = [
      '### Sbyx',
      '',
      '"Sbyx is a front-end driver for formal flows."',
      '',
      '- Link: https://sbyx.readthedocs.io/en/latest/',
      '- Licence: ISC',
      '',
      '### Go 项目',
      '',
      '6、[gopassx](https://example.org/click?target=https://github.com/someone/gopassx)：密码管理工具。',
      '',
      '<p>image</p>',
      '',
    ].join('\n');
    const names = factsOf(note).entities.map((entity) => [entity.name, entity.identity]);
    assert.deepEqual(names, [
      ['Sbyx', 'url:sbyx.readthedocs.io/en/latest'],
      ['gopassx', 'github:someone/gopassx'],
    ]);
  });

  it("calls a paper under a possessive heading (`### Colossal-AI's SP`) by its title, not by whose it is (ml-engineering shape)", () => {
    const note =
      "### Colossal-AI's SP\n\nPaper: [Sequence parallelism: Long sequence training from system perspective](https://arxiv.org/abs/2105.13120)\n\nColossal-AI's SP implementation uses ring self-attention.\n";
    const [paper] = factsOf(note).entities;
    assert.equal(paper.name, 'Sequence parallelism: Long sequence training from system perspective');
    assert.equal(paper.identity, 'arxiv:2105.13120');
    assert.ok(!paper.aliases.some((alias) => alias.includes("'s")), paper.aliases.join(', '));
  });
});

describe("aliases a record's link implies", () => {
  it('also calls a product by its name without the maker its link shows (`GitHub Copilot` at copilot.github.com, `Apache Mynewt`)', () => {
    const note =
      '12. [GitHub Copilot](https://copilot.github.com/), powered by Codex - translates natural language into code.\n13. [Apache Mynewt](https://github.com/apache/mynewt-core) - an embedded OS.\n14. [Intel MPI](https://www.intel.com/mpi-library.html) - an MPI library.\n';
    const aliases = factsOf(note).entities.map((entity) => [entity.name, entity.aliases.filter((alias) => !alias.includes('-'))]);
    assert.deepEqual(aliases, [
      ['GitHub Copilot', ['Copilot']],
      ['Apache Mynewt', ['Mynewt']],
      ['Intel MPI', []],
    ]);
  });

  it('never calls a tool by the language it is for (`Icarus Verilog` is not `Verilog`, `Intel Python` not `Python`)', () => {
    const note =
      '### Icarus Verilog\n\n[Icarus Verilog](http://iverilog.icarus.com/) is a free Verilog simulator.\n\n- [Intel Python](https://www.intel.com/python.html) - a Python distribution.\n';
    const aliases = factsOf(note).entities.map((entity) => [entity.name, entity.aliases.filter((alias) => !alias.includes('-'))]);
    assert.deepEqual(aliases, [
      ['Icarus Verilog', []],
      ['Intel Python', []],
    ]);
  });
});

describe('the entity table: identities never merge', () => {
  it('keeps two projects that share a name apart and joins a name-only record to the one identity with that name', () => {
    const a = factsOf('- [Slurm Exporter](https://github.com/one/slurm-exporter) - exports metrics\n', 'a.md');
    const b = factsOf('- [Slurm Exporter](https://github.com/two/slurm-exporter) - uses the REST API\n', 'b.md');
    const c = factsOf('- [Kvpipe](https://github.com/someone/kvpipe) - pipes\n', 'c.md');
    const d = factsOf('+ Kvpipe: a key-value pipe\n+ Other: [x](https://github.com/x/other)\n', 'd.md');
    const entities = buildEntities([
      ['a.md', a.entities],
      ['b.md', b.entities],
      ['c.md', c.entities],
      ['d.md', d.entities],
    ]);
    const exporters = entities.filter((entity) => entity.name === 'Slurm Exporter');
    assert.deepEqual(exporters.map((entity) => entity.id).sort(), ['github:one/slurm-exporter', 'github:two/slurm-exporter']);
    const kvpipe = entities.find((entity) => entity.id === 'github:someone/kvpipe');
    assert.deepEqual(
      kvpipe?.sites.map((site) => site.uri),
      ['c.md', 'd.md'],
    );
  });

  it('joins a name-only record to an entity only with the case a capitalised name is written in (`Orca` is not `ORCA`)', () => {
    const core = factsOf('+ ORCA: 支持RV32的开源微处理器。\n  [[GitHub](https://github.com/example/orca)]\n', 'riscv.md');
    const paper = factsOf(
      'Orca [^2] schedules per iteration.\n\n[^2]: Orca: A Distributed Serving System for Generative Models\n',
      'serving.md',
    );
    const entities = buildEntities([
      ['riscv.md', core.entities],
      ['serving.md', paper.entities],
    ]);
    assert.deepEqual(entities.map((entity) => [entity.name, entity.id]).sort(), [
      ['ORCA', 'github:example/orca'],
      ['Orca', 'name:orca'],
    ]);
  });

  it("takes a page a record gives as its home page as that entity's, however a link elsewhere labels it (cnrv PULPino shape)", () => {
    const record = factsOf(
      '+ Pulpo: SystemVerilog，来源于某大学。\n  [[GitHub](https://github.com/example/pulpo)]\n  [[Web](http://www.pulpo.example.org/)]\n',
      'resource.md',
    );
    const news = factsOf('Pulpo发布了新版本，[详细信息参见Pulpo官网](http://www.pulpo.example.org/)。\n', 'news.md');
    const entities = buildEntities([
      ['resource.md', record.entities],
      ['news.md', news.entities],
    ]);
    const pulpo = entities.find((entity) => entity.id === 'github:example/pulpo');
    assert.deepEqual(entities.length, 1);
    assert.deepEqual(pulpo?.identities, ['github:example/pulpo', 'url:pulpo.example.org']);
    assert.ok(!pulpo?.aliases.some((alias) => alias.includes('详细信息')));
  });

  it('leaves the links an item gives in brackets out of its summary (awesome-transformer-nlp shape)', () => {
    const note = [
      '13. [A Length-Extrapolatable Model (paper)](https://arxiv.org/abs/2212.00001) by Acme (2022) [[ScaleKit code](https://github.com/example/scalekit)] - This improves **modeling capability**.',
      "7. [Acme's ZOOM-176B](https://huggingface.co/acme/zoom) [[paper](https://arxiv.org/abs/2210.00002), [blog post](https://acme.example.org/blog/zoom)] - ZOOM is a 175-billion parameter model.",
      '9. [WeXM: A Well-Read Model for Chinese (paper)](https://arxiv.org/abs/2209.00003) by Acme. [[online demo](https://demo.example.org/)]',
      '13. [Swap Layers: Scaling with Sparsity](https://arxiv.org/abs/2101.00004) by Acme Brain. [[Code]](https://github.com/example/mesh/blob/master/moe.py) | [[Blog post (unofficial)]](https://news.example.org/swap)',
      '    - Key idea: use a subset of parameters on every step.',
      '',
    ].join('\n');
    assert.deepEqual(
      read(note)
        .filter((entity) => entity.identity?.startsWith('arxiv:') || entity.identity?.startsWith('hf:'))
        .map((entity) => entity.summary),
      [
        'This improves modeling capability.',
        'ZOOM is a 175-billion parameter model.',
        'A Well-Read Model for Chinese',
        'Key idea: use a subset of parameters on every step.',
      ],
    );
  });

  it('makes no card of a commit or pull request a list links to, and drops the numbering inside a label (cnrv news shape)', () => {
    const note = [
      '- [[3ac3e44](https://github.com/example/home/commit/3ac3e440254393c5030766f153cecba334415994)]',
      '  加入Berkeley课程页CS61C',
      '- 具体参见lowRISC的PR 56: [https://git.io/v7Kt1](https://github.com/example/lowrisc-chip/pull/56)',
      '',
      'Links:',
      '- [(1) GCC Manual: Options That Control Optimization](https://gcc.gnu.org/onlinedocs/gcc/Optimize-Options.html)',
      '',
    ].join('\n');
    const entities = factsOf(note).entities;
    assert.deepEqual(
      entities.map((entity) => [entity.name, entity.aliases]),
      [['GCC Manual', ['GCC Manual: Options That Control Optimization']]],
    );
  });

  it('calls a titled PDF a paper, and reads a link written with a space before its address (awesome-cuda shape)', () => {
    const note = [
      '* [Efficient Parallel Scan Algorithms for Many-core GPUs](http://example.org/papers/scan-gpu.pdf) - How to scan on GPUs.',
      '* [Widgetron Handbook](http://example.org/widgetron.pdf) - The board, pin by pin.',
      '* [CUDPX] (https://github.com/example/cudpx) A library that provides 15 parallel primitives.',
      '',
    ].join('\n');
    assert.deepEqual(
      factsOf(note).entities.map((entity) => [entity.name, entity.kind, entity.summary]),
      [
        ['Efficient Parallel Scan Algorithms for Many-core GPUs', 'paper', 'How to scan on GPUs.'],
        ['Widgetron Handbook', 'project', 'The board, pin by pin.'],
        ['CUDPX', 'project', 'A library that provides 15 parallel primitives.'],
      ],
    );
  });

  it('reads a digest entry from the paragraph under its line and pictures, and another name in parentheses (weekly shape)', () => {
    const note = [
      '## 工具',
      '',
      '1、[Yaakx](https://github.com/example/yaakx)',
      '',
      '![](https://cdn.example.org/img/1.webp)',
      '',
      '一个测试 API 的开源桌面软件，功能比较全。',
      '',
      '2、[cleanmacx](https://github.com/example/cleanmacx)',
      '',
      '清理 macOS 系统的一个命令行脚本。',
      '',
      '3、[市场结构入门](https://primer.example.org/)（Market Structure Primer）',
      '',
      '介绍股票市场结构的一本开放电子书，[代码开源](https://github.com/example/primer-book)。',
      '',
    ].join('\n');
    assert.deepEqual(
      factsOf(note).entities.map((entity) => [entity.name, entity.summary, entity.aliases]),
      [
        ['Yaakx', '一个测试 API 的开源桌面软件，功能比较全。', ['yaakx']],
        ['cleanmacx', '清理 macOS 系统的一个命令行脚本。', []],
        ['市场结构入门', '介绍股票市场结构的一本开放电子书，代码开源。', ['Market Structure Primer']],
      ],
    );
  });

  it('takes entries under a Chinese writing heading for articles, whose titles give no names, and a note on the page for no summary', () => {
    const note = [
      '## 文章',
      '',
      '2、[不要用 TypeScript 枚举](https://blog.example.org/ode-to-enums/)（英文）',
      '',
      'TypeScript 官方已经不建议使用 enum 语法，作者建议改用字符串的联合类型代替。',
      '',
      '## 往年回顾',
      '',
      '- [不要夸大 ChatGPT](https://www.example.org/weekly-issue-248.html)（#248）',
      '',
    ].join('\n');
    const entities = factsOf(note).entities;
    assert.deepEqual(
      entities.map((entity) => [entity.name, entity.kind, entity.aliases]),
      [['不要用 TypeScript 枚举', 'article', []]],
    );
    assert.match(entities[0].summary, /^TypeScript 官方已经不建议/);
  });

  it('calls a title followed only by its [[paper]] link by the whole title, and takes the line of authors under it for a field (conference notes shape)', () => {
    const note = [
      '- Keep it Under the Cap: Peak Prediction for Resource Overcommitment [[paper]](https://doi.org/10.1145/3447786.0000001) [[YouTube]](https://www.youtube.com/watch?v=x)',
      '  - Ada Example (University of Massachusetts Amherst, United States of America), Bo Sample (Acme LLC), Cy Person (Acme LLC).',
      '- Zeastar: Vertex-Centric Programming for Graph Networks [[Paper]](https://doi.org/10.1145/3447786.0000002)',
      '  - Di Writer (The Chinese University of Hong Kong), Ed Author (Example Technologies Co. Ltd).',
      '',
    ].join('\n');
    assert.deepEqual(
      factsOf(note).entities.map((entity) => [entity.name, entity.kind, entity.summary, entity.fields.authors?.slice(0, 11)]),
      [
        ['Keep it Under the Cap: Peak Prediction for Resource Overcommitment', 'paper', '', 'Ada Example'],
        ['Zeastar: Vertex-Centric Programming for Graph Networks', 'paper', 'Vertex-Centric Programming for Graph Networks', 'Di Writer ('],
      ],
    );
  });

  it('does not chain names: a shared alias does not join two repositories into one card', () => {
    const note = '- [Alpha (AX)](https://github.com/a/alpha) - first\n- [Axe (AX)](https://github.com/b/axe) - second\n';
    const entities = buildEntities([['n.md', factsOf(note).entities]]);
    assert.equal(entities.length, 2);
    assert.ok(entities.every((entity) => entity.identities.length === 1));
  });

  it("reads an item linking the organisation named like it as that project's card, and a person's page as none (oshw shape)", () => {
    const note = [
      '* [zapsim](https://github.com/zapsim)',
      '  * TCAD zap simulator',
      '* [qrok](https://github.com/qrokproject)',
      '  * Portable signal analysis suite',
      '* [Ada Example](https://github.com/adaexample)',
      '  * Writes about verification',
      '',
    ].join('\n');
    assert.deepEqual(read(note), [
      { name: 'zapsim', identity: 'url:github.com/zapsim', summary: 'TCAD zap simulator' },
      { name: 'qrok', identity: 'url:github.com/qrokproject', summary: 'Portable signal analysis suite' },
    ]);
  });
});

describe('entities from entries whose fields stand as paragraphs (a list of languages citing the paper behind each)', () => {
  it('reads fields written as paragraphs under a name alone: the repository is the entry, the cited paper and the year are not', () => {
    const note = [
      '- ***Tinyhdl***',
      '',
      '  *Year*: 2015',
      '',
      '  *Paper*: A. Author and B. Author. 2015. Tinyhdl: Describing hardware in Lisp. In Proc. of Example Conf. https://doi.org/10.1000/tinyhdl',
      '',
      '  *Repository*: https://github.com/example/tinyhdl',
      '',
      '  *Website*: https://tinyhdl.example.org',
      '',
    ].join('\n');
    const [tinyhdl, ...others] = factsOf(note).entities;
    assert.equal(tinyhdl.name, 'Tinyhdl');
    assert.equal(tinyhdl.identity, 'github:example/tinyhdl');
    assert.doesNotMatch(tinyhdl.summary, /Year|2015/);
    assert.deepEqual(others, []);
  });

  it('calls an ordinary word set in bold alone over its fields by that name; plain, the word is a topic', () => {
    const fields = [
      '',
      '  *Paper*: A. Author. 2012. Generating signal transforms. In Proc. of Example Conf. https://doi.org/10.1000/lattice',
      '',
    ];
    const bold = factsOf(['- ***Lattice***', ...fields].join('\n')).entities;
    assert.deepEqual(
      bold.map((entity) => [entity.name, entity.identity]),
      [['Lattice', 'doi:10.1000/lattice']],
    );
    assert.deepEqual(factsOf(['- Lattice', ...fields].join('\n')).entities, []);
  });

  it('calls a short name over the paper its field cites the thing the paper presents, not the paper', () => {
    const note = [
      '- ***Lattice***',
      '',
      '  *Paper*: A. Author. 2012. Generating signal transforms. In Proc. of Example Conf. https://doi.org/10.1000/lattice',
      '',
    ].join('\n');
    assert.deepEqual(
      factsOf(note).entities.map((entity) => [entity.name, entity.kind]),
      [['Lattice', 'project']],
    );
  });
});

describe('list items that point at a paper in a remark', () => {
  it('takes no title from `Objective (see section 6 of [this paper](…))`: the title is the paper’s own entry', () => {
    const note = [
      '- [A Roadmap to Striped Models](https://arxiv.org/abs/2203.01234)',
      '',
      '## Keys',
      '',
      '- Objective (See explanation in section 6–8 of [this paper](https://arxiv.org/abs/2203.01234))',
      '  - MLM: Masked Language Modeling',
      '',
    ].join('\n');
    const names = factsOf(note).entities.map((entity) => entity.name);
    assert.equal(names[0], 'A Roadmap to Striped Models');
    assert.ok(!names.some((name) => name.startsWith('Objective')), names.join(', '));
  });
});

describe('list items that link their code with a sign', () => {
  it('reads `**TensorNet** … [</>](https://github.com/…)` as TensorNet, its repository the sign’s link', () => {
    const [card] = factsOf('- **Zebranet** [[Acme]]() Sept 2020 [</>](https://github.com/acme/zebranet)\n').entities;
    assert.equal(card?.name, 'Zebranet');
    assert.equal(card?.identity, 'github:acme/zebranet');
  });
});
