import assert from 'node:assert/strict';
import { SEED, factsOf, seedText } from '../helpers';
import { sourceAt } from '../features/links/helpers';

describe('parsing a note into facts', () => {
  it('gives headings GitHub-style slugs, CJK included, with -1 suffixes for duplicates', () => {
    const facts = factsOf('# 社区论坛\n\n## Hello, World!\n\n## 年度开发者社区\n\n## 年度开发者社区\n\n### [vLLM](https://x.y) 推理\n');
    assert.deepEqual(
      facts.headings.map((heading) => [heading.level, heading.slug]),
      [
        [1, '社区论坛'],
        [2, 'hello-world'],
        [2, '年度开发者社区'],
        [2, '年度开发者社区-1'],
        [3, 'vllm-推理'],
      ],
    );
  });

  it('records links with the exact range of their target, images included (seed 004 line 67)', () => {
    const text = seedText(SEED.learnAi);
    const facts = factsOf(text);
    const image = facts.links.find((link) => link.isImage && link.target === 'learn-AI.assets/light-cuda-toolkit.svg');
    assert.ok(image);
    const line = text.split('\n')[image.targetRange.start.line];
    assert.equal(line.slice(image.targetRange.start.character, image.targetRange.end.character), 'learn-AI.assets/light-cuda-toolkit.svg');
  });

  it('finds empty links, reference links and their definitions', () => {
    const facts = factsOf('- []()\n- [text]()\n- see [the paper][p] and [missing][nope]\n\n[p]: https://arxiv.org/abs/2404.17153\n');
    assert.deepEqual(
      facts.links.filter((link) => link.kind === 'inline').map((link) => [link.text, link.target]),
      [
        ['', ''],
        ['text', ''],
      ],
    );
    const references = facts.links.filter((link) => link.kind === 'reference');
    assert.deepEqual(
      references.map((link) => [link.referenceLabel, link.target]),
      [['p', 'https://arxiv.org/abs/2404.17153']],
    );
    assert.deepEqual(
      facts.referenceDefinitions.map((definition) => definition.label),
      ['p'],
    );
  });

  it('links bare URLs but never inside code, and keeps code blocks with their info strings', () => {
    const facts = factsOf(
      'Repo: https://github.com/google/jax.\n\n```bash {cwd=. name=gpu}\nnvidia-smi https://not.a.link\n```\n\n`https://inline.code`\n',
    );
    assert.deepEqual(
      facts.links.map((link) => [link.kind, link.target]),
      [['autolink', 'https://github.com/google/jax']],
    );
    assert.deepEqual(
      facts.codeBlocks.map((block) => [block.lang, block.meta, block.fenced, block.range.start.line]),
      [['bash', '{cwd=. name=gpu}', true, 2]],
    );
  });

  it('reads wiki links and raw HTML links', () => {
    const facts = factsOf('See [[Gemmini]] and [[chips#NVDLA|the NVDLA part]].\n\n<a href="other.md#x">o</a> <img src="pic.png">\n');
    assert.deepEqual(
      facts.links.filter((link) => link.kind === 'wiki').map((link) => [link.target, link.text]),
      [
        ['Gemmini', 'Gemmini'],
        ['chips#NVDLA', 'the NVDLA part'],
      ],
    );
    assert.deepEqual(
      facts.links.filter((link) => link.kind === 'html').map((link) => [link.target, link.isImage]),
      [
        ['other.md#x', false],
        ['pic.png', true],
      ],
    );
  });

  it('reads YAML front matter and reports invalid front matter without failing (seed 001)', () => {
    assert.equal(factsOf(seedText(SEED.aiOs)).frontMatter?.title, 'AI');
    const broken = factsOf('---\ntitle: [unclosed\n---\n# Still here\n');
    assert.ok(broken.problems.some((problem) => problem.startsWith('front matter is not valid YAML')));
    assert.equal(broken.headings[0].text, 'Still here');
  });

  it('indexes absurdly nested notes with what lies beyond 100 levels as text, links included', () => {
    const levels = Array.from({ length: 500 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`);
    levels[400] += ' [deep](https://github.com/deep/deep)';
    const facts = factsOf(`# Top\n${levels.join('\n')}\n`);
    assert.equal(facts.headings[0].text, 'Top');
    assert.deepEqual(
      facts.links.map((link) => [link.target, link.range.start.line]),
      [['https://github.com/deep/deep', 401]],
    );
    assert.equal(facts.problems[0], 'nested more than 100 levels deep on 400 lines from line 102; what lies deeper is indexed as text');
  });

  for (const [what, markers] of [
    ['list markers', '- '.repeat(10_000)],
    ['quotes and list markers', '> - '.repeat(5_000)],
  ]) {
    it(`parses ${what} nested on one line in seconds (took a minute, or a gigabyte), the link after them found`, function () {
      this.timeout(60_000);
      const started = performance.now();
      const facts = factsOf(`# Deep\n${markers}[x](https://github.com/x/y)\n`);
      assert.ok(performance.now() - started < 10_000, 'parsed within 10 s');
      assert.deepEqual(
        facts.links.map((link) => link.target),
        ['https://github.com/x/y'],
      );
      assert.match(facts.problems[0], /^nested more than 100 levels deep on line 2;/);
    });
  }
});

describe('bare URLs in paragraphs whose continuation lines are indented', () => {
  /** Each link as `kind target @line:character`, after checking that its ranges cover exactly the target. */
  function linksIn(text: string): string[] {
    const facts = factsOf(text);
    return facts.links.map((link) => {
      assert.equal(sourceAt(text, link.targetRange), link.target, `the range of ${link.target}`);
      return `${link.kind} ${link.target} @${link.range.start.line}:${link.range.start.character}`;
    });
  }

  it('finds the URL on an unindented line of a paragraph whose later lines are indented (seed 000 line 1103, DeepSpeed)', () => {
    const text =
      'Triton (由OpenAI开发)\n网址：https://github.com/triton-lang/triton\n特点：\n    写GPU内核的Python语言\n    支持自动调优\n';
    assert.deepEqual(linksIn(text), ['autolink https://github.com/triton-lang/triton @1:3']);
  });

  it('finds two URLs on consecutive lines of such a paragraph (seed 000 lines 1132-1133, JAX and Flax)', () => {
    const text =
      'Gemmini和Chipyard (由Berkeley开发)\nGemmini: https://github.com/ucb-bar/gemmini\nChipyard: https://github.com/ucb-bar/chipyard\n特点：\n    脉动阵列生成器\n';
    assert.deepEqual(linksIn(text), [
      'autolink https://github.com/ucb-bar/gemmini @1:9',
      'autolink https://github.com/ucb-bar/chipyard @2:10',
    ]);
  });

  it('finds a URL lines after an indented line of code pasted as prose (seed 000 line 2205, cryptsetup)', () => {
    const text = 'out:\n    dm_task_run(task);\nreturn r;\n}\n项目：https://gitlab.com/lvmteam/lvm2\n使用场景：逻辑卷\n';
    assert.deepEqual(linksIn(text), ['autolink https://gitlab.com/lvmteam/lvm2 @4:3']);
  });

  it('finds URLs on the indented lines themselves: lazy paragraph lines, list items, quotes, CRLF, tabs and trailing spaces', () => {
    assert.deepEqual(linksIn('特点：\n    见 https://a.example/1 和 https://a.example/2\n    完\n'), [
      'autolink https://a.example/1 @1:6',
      'autolink https://a.example/2 @1:28',
    ]);
    assert.deepEqual(linksIn('- 项目\n  网址：https://b.example/x   \n  特点：快\n'), ['autolink https://b.example/x @1:5']);
    assert.deepEqual(linksIn('> 引用\n> 网址：https://c.example/q\n>https://c.example/r \n'), [
      'autolink https://c.example/q @1:5',
      'autolink https://c.example/r @2:1',
    ]);
    assert.deepEqual(linksIn('Windows\r\n      https://d.example/crlf\r\n    end\r\n'), ['autolink https://d.example/crlf @1:6']);
    assert.deepEqual(linksIn('tab\n\t https://e.example/t, then more\n'), ['autolink https://e.example/t @1:2']);
  });

  it('places URLs exactly next to escapes, and leaves as text a URL it cannot place for sure', () => {
    // After an escape on its line, a URL is found from the line's end; before one, from the node's start.
    assert.deepEqual(linksIn('a \\_ https://f.example/1\n    b https://f.example/2\n'), [
      'autolink https://f.example/1 @0:5',
      'autolink https://f.example/2 @1:6',
    ]);
    assert.deepEqual(linksIn('https://g.example/1 \\_\n    b\n'), ['autolink https://g.example/1 @0:0']);
    // Escapes on both sides, on an indented line: where the URL was written is not told for sure.
    assert.deepEqual(linksIn('a\n    \\_ https://h.example/1 \\_\n'), []);
  });

  it('still finds nothing in indented code after a blank line (seed 000 line 1191), fenced code (seed 004 line 91), inline code or HTML', () => {
    assert.deepEqual(linksIn('FastAI\n\n    网址：https://github.com/fastai/fastai\n    特点：\n'), []);
    assert.deepEqual(linksIn('```bash\nwget https://developer.download.nvidia.com/x.run\n```\n'), []);
    assert.deepEqual(linksIn('命令：\n    `curl https://i.example/code` 然后\n    <span title="https://i.example/html">x</span>\n'), []);
  });

  it('keeps names from being matched inside the URLs: their whole range is opaque', () => {
    const text = 'DeepSpeed (由Microsoft开发)\n网址：https://github.com/microsoft/DeepSpeed\n特点：\n    支持ZeRO优化\n';
    const facts = factsOf(text);
    const start = text.indexOf('https://');
    const end = start + 'https://github.com/microsoft/DeepSpeed'.length;
    assert.ok(
      facts.opaqueRanges.some(([from, to]) => from <= start && end <= to),
      JSON.stringify(facts.opaqueRanges),
    );
  });

  it('links a paragraph of 80,000 bare URLs instead of failing on it as too deeply nested', function () {
    this.timeout(30_000);
    const lines = Array.from({ length: 40_000 }, (_, i) => `    point ${i}: https://x.example/${i} and www.y.example/${i}`);
    const facts = factsOf(`Card\n${lines.join('\n')}\n`);
    assert.deepEqual(facts.problems, []);
    assert.equal(facts.links.length, 80_000);
    assert.deepEqual(facts.links[79_999].targetRange.start, {
      line: 40_000,
      character: '    point 39999: https://x.example/39999 and '.length,
    });
  });

  it('finds every bare URL written outside code in the seeds: 122, the 10 of seed 000 in such paragraphs included', () => {
    let found = 0;
    for (const name of Object.values(SEED)) {
      const text = seedText(name);
      for (const link of factsOf(text, name).links) if (link.kind === 'autolink' && !sourceAt(text, link.range).startsWith('<')) found++;
    }
    assert.equal(found, 122);
  });
});

describe('parsing details that matter for link checks', () => {
  it('finds the URL in HTML whose attributes run together (seed 001 line 18: `rel="license"href=…`)', () => {
    // Not valid HTML for CommonMark, so it stays text, and its URL is found as a bare link.
    const facts = factsOf('<a rel="license"href="http://creativecommons.org/licenses/by-nc-sa/4.0/"> x </a>\n');
    assert.deepEqual(
      facts.links.map((link) => link.target),
      ['http://creativecommons.org/licenses/by-nc-sa/4.0/'],
    );
  });

  it('reads HTML blocks whose attributes run together', () => {
    const facts = factsOf('<div>\n<img alt="x"src="pic.png"/>\n</div>\n');
    assert.deepEqual(
      facts.links.map((link) => [link.kind, link.target]),
      [['html', 'pic.png']],
    );
  });

  it('ends bare URLs as GFM does: at a closing bracket the URL did not open, and never at a domain that is not one', () => {
    const facts = factsOf(
      [
        '- [repo][https://github.com/owner/repo] and [https://example.com/a], (https://example.com/b).',
        '- https://example.com/wiki/C_(lang)] and https://example.com/c[1]',
        '- placeholders: http://... or https://. or https://a_b.c_d.e, but www.example.com/x and https://localhost:8080/y',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.links.map((link) => link.target),
      [
        'https://github.com/owner/repo',
        'https://example.com/a',
        'https://example.com/b',
        'https://example.com/wiki/C_(lang)',
        'https://example.com/c[1]',
        'http://www.example.com/x',
        'https://localhost:8080/y',
      ],
    );
  });

  it('resolves a reference defined twice to its first definition, as CommonMark does', () => {
    const facts = factsOf('[x][a]\n\n[a]: first.md\n[a]: second.md\n');
    assert.equal(facts.links.find((link) => link.kind === 'reference')?.target, 'first.md');
  });
});

describe('facts the link checks read instead of the text', () => {
  it('lists the lines silenced by marginalia-ignore comments, an unclosed start running to the end', () => {
    const text = [
      '[a](x.md) <!-- marginalia-ignore -->',
      '<!-- marginalia-ignore-next-line -->',
      '[b](x.md)',
      '<!-- marginalia-ignore-start -->',
      '[c](x.md)',
      '<!-- marginalia-ignore-end -->',
      '[d](x.md)',
      '<!-- marginalia-ignore-start -->',
      '[e](x.md)',
    ].join('\n');
    assert.deepEqual(factsOf(text).silencedLines, [0, 2, 3, 4, 5, 7, 8]);
  });

  it('does not obey a silencing comment inside a fenced code block, and keeps an empty list without comments', () => {
    assert.deepEqual(factsOf('```html\n<!-- marginalia-ignore-start -->\n```\n\n[a](gone.md)\n').silencedLines, []);
    assert.deepEqual(factsOf('# Plain\n\n[a](gone.md)\n').silencedLines, []);
  });

  it('keeps the HTML id and name anchors, lower-cased and once each', () => {
    const facts = factsOf(
      '# Title\n\n<a id="Setup"></a>\n\nText <span id=\'Step-2\'>two</span> <a name=Legacy>old</a> <a id="setup"></a>\n',
    );
    assert.deepEqual(facts.htmlAnchors, ['setup', 'step-2', 'legacy']);
    assert.deepEqual(factsOf('# Title\n\nNo HTML here.\n').htmlAnchors, []);
  });

  it('records [text][label] and [text][] with no definition, with the range of the label, but nothing inside code', () => {
    const text =
      'See [the docs][Docs], [Guide][] and ![logo][img].\n\n`[code][missing]` and [ok][p].\n\n```\n[fenced][missing]\n```\n\n[p]: https://example.com\n';
    const facts = factsOf(text);
    assert.deepEqual(
      facts.undefinedReferences.map(({ label, isImage, range }) => [label, isImage, sourceAt(text, range)]),
      [
        ['Docs', false, '[Docs]'],
        ['Guide', false, '[Guide]'],
        ['img', true, '[img]'],
      ],
    );
    assert.deepEqual(factsOf('No references, just [brackets] and a[i][j].\n').undefinedReferences, []);
  });

  it('fills the new facts for notes nested too deeply too', () => {
    const nested = `<a id="Top"></a> [x][nowhere] <!-- marginalia-ignore -->\n${Array.from({ length: 500 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}\n`;
    const facts = factsOf(nested);
    assert.match(facts.problems[0], /what lies deeper is indexed as text/);
    assert.deepEqual(
      [facts.silencedLines, facts.htmlAnchors, facts.undefinedReferences.map((reference) => reference.label)],
      [[0], ['top'], ['nowhere']],
    );
  });

  it('stays plain data that survives a trip through JSON, as facts cached on disk must', () => {
    const { silencedLines, htmlAnchors, undefinedReferences } = factsOf('<a id="x"></a> [a][b] <!-- marginalia-ignore -->\n');
    const linkCheckFacts = { silencedLines, htmlAnchors, undefinedReferences };
    assert.equal(undefinedReferences.length, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(linkCheckFacts)), linkCheckFacts);
  });
});
