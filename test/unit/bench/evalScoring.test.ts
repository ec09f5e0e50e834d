import assert from 'node:assert/strict';
import { cardTitle, firstCardIs, splitCards, unescapeMarkdown } from '../../../bench/eval/cards';
import type { GoldEntity, Placed } from '../../../bench/eval/gold';
import { canonicalId, entityHasIdentity, normalizeId, normalizeUrl, sameIdentity, type EntityItem } from '../../../bench/eval/identity';
import { locateLabel } from '../../../bench/eval/positions';
import { matchGoldEntity, mergedIdentities, nearestByName, scoreEntity, scoreNonEntity } from '../../../bench/eval/scoring';

function located(text: string, find: string, occurrence: number, span?: { offset: number; len: number }) {
  const result = locateLabel(text, find, occurrence, span);
  assert.ok(result.ok, result.ok ? '' : result.problem);
  return result.span;
}

function entity(fields: Partial<EntityItem> & Pick<EntityItem, 'id' | 'name'>): EntityItem {
  return { kind: 'project', aliases: [], summary: '', links: {}, sites: [], ...fields };
}

/** A card as server/src/features/hover.ts renders one (escaped text, raw link targets). */
function card(title: string, links: string, also = ''): string {
  return [
    `**${title}** · project`,
    ...(also ? [`*also:* ${also}`] : []),
    'A summary\\.',
    links,
    'Defined in [a\\.md:3](file:///w/a.md#L3) · mentioned in 2 notes',
  ].join('\n\n');
}

describe('eval scoring: locating gold positions', () => {
  it('finds the occurrence-th match and the middle of the offset/len span, counting UTF-16 units in a CJK line', () => {
    const text = '# 笔记\n\n我们用vLLM部署，vLLM很快。\n';
    // Second match of "vLLM" on line 2: `我们用vLLM部署，` is 10 units before it; the middle of 4 characters is +2.
    const span = located(text, 'vLLM', 1, { offset: 0, len: 4 });
    assert.deepEqual(span.middle, { line: 2, character: 12 });
    assert.equal(span.startLine, 2);
    assert.deepEqual(located(text, '用vLLM部署', 0, { offset: 1, len: 4 }).middle, { line: 2, character: 5 });
  });

  it('gives the same positions in a CRLF note, and matches a find written with \\n across a CRLF line end', () => {
    const lf = 'intro\n\n## Projects\nSee Foo and Foo.\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    for (const text of [lf, crlf]) {
      assert.deepEqual(located(text, 'Foo', 1, { offset: 0, len: 3 }).middle, { line: 3, character: 13 });
      const heading = located(text, '## Projects\n', 0, { offset: 3, len: 8 });
      assert.deepEqual(heading.middle, { line: 2, character: 7 });
      assert.equal(heading.endLine, 2, 'the line end belongs to the heading line');
    }
  });

  it('counts offsets in characters, so an emoji before the span shifts the UTF-16 character by two', () => {
    assert.deepEqual(located('### 🐸 新手村', '### 🐸 新手村', 0, { offset: 6, len: 3 }).middle, { line: 0, character: 8 });
  });

  it('reports a missing occurrence or a span outside the match as a label problem', () => {
    const missing = locateLabel('one Foo here', 'Foo', 1);
    assert.ok(!missing.ok && /occurs 1 time/.test(missing.problem));
    const outside = locateLabel('one Foo here', 'Foo', 0, { offset: 2, len: 5 });
    assert.ok(!outside.ok && /outside/.test(outside.problem));
  });
});

describe('eval scoring: comparing ids', () => {
  it('normalises URLs: no scheme, www., fragment, trailing slash or index.html; the host in lower case, the path as written', () => {
    assert.equal(normalizeUrl('https://www.Lustre.org/'), 'lustre.org');
    assert.equal(normalizeUrl('http://nv-adlr.github.io/MegatronLM/#top'), 'nv-adlr.github.io/MegatronLM');
    assert.ok(sameIdentity('url:https://www.weka.io/', 'url:http://weka.io'));
    assert.ok(
      sameIdentity('url:https://arrayfire.org/docs/index.htm', 'url:arrayfire.org/docs'),
      'the server writes url keys without scheme',
    );
    assert.ok(!sameIdentity('url:https://example.org/A', 'url:https://example.org/B'));
  });

  it('compares github, hf and name ids without case, arXiv ids without version, and turns repository URLs into github ids', () => {
    assert.ok(sameIdentity('github:NVIDIA/Megatron-LM', 'github:nvidia/megatron-lm'));
    assert.ok(sameIdentity('hf:BigScience/bloom', 'hf:bigscience/bloom'));
    assert.ok(sameIdentity('arxiv:2404.17153v2', 'arxiv:2404.17153'));
    assert.ok(sameIdentity('name:Light  LLM', 'name:light llm'));
    assert.equal(normalizeId('url:https://github.com/vllm-project/vllm/'), 'github:vllm-project/vllm');
    assert.equal(normalizeId('url:https://arxiv.org/pdf/1810.04805v2.pdf'), 'arxiv:1810.04805');
    assert.equal(
      normalizeId('url:https://github.com/microsoft/DeepSpeed/tree/master/blogs/deepspeed-fastgen'),
      'url:github.com/microsoft/DeepSpeed/tree/master/blogs/deepspeed-fastgen',
    );
  });

  it('treats the ids the SOURCES files list as one thing as equal', () => {
    assert.ok(sameIdentity('url:https://vllm.ai', 'github:vllm-project/vllm'));
    assert.ok(sameIdentity('github:ggerganov/llama.cpp', 'github:GGML-org/llama.cpp'));
    assert.ok(sameIdentity('url:https://www.beegfs.io/c', 'url:https://beegfs.io/'));
    assert.ok(!sameIdentity('url:https://nv-adlr.github.io/MegatronLM', 'github:NVIDIA/Megatron-LM'), 'related, not the same');
    assert.equal(canonicalId('github:ModelTC/lightllm'), canonicalId('name:LightLLM'));
  });

  it('finds an entity by its links, by its identities when present, and by name for name: ids', () => {
    const vllm = entity({ id: 'name:vllm', name: 'vLLM', links: { homepage: 'https://vllm.ai/' } });
    assert.ok(entityHasIdentity(vllm, 'github:vllm-project/vllm'), 'through the equivalence with its homepage');
    const withIdentities = entity({ id: 'x', name: 'Thing', identities: ['github:a/b'], links: { github: 'c/d' } });
    assert.ok(entityHasIdentity(withIdentities, 'github:A/B'));
    assert.ok(!entityHasIdentity(withIdentities, 'github:c/d'), 'identities, when present, replace the links');
    assert.ok(entityHasIdentity(entity({ id: 'name:orca', name: 'Orca', aliases: ['ORCA  paper'] }), 'name:orca paper'));
    assert.ok(
      entityHasIdentity(
        entity({ id: 'github:modeltc/lightllm', name: 'LightLLM', links: { github: 'ModelTC/lightllm' } }),
        'name:LightLLM',
      ),
    );
  });
});

describe('eval scoring: recognising the first card', () => {
  const vllm = card('vLLM', 'GitHub: [vllm\\-project/vllm](https://github.com/vllm-project/vllm) · [homepage](https://vllm.ai/)');
  const ascend = card('vLLM Ascend', 'GitHub: [vllm\\-project/vllm\\-ascend](https://github.com/vllm-project/vllm-ascend)');

  it('splits cards and unescapes the title', () => {
    assert.deepEqual(splitCards(''), []);
    assert.equal(splitCards(`${vllm}\n\n---\n\n${ascend}`).length, 2);
    assert.equal(cardTitle(card('NVDLA \\(NVIDIA Deep Learning Accelerator\\)', '')), 'NVDLA (NVIDIA Deep Learning Accelerator)');
    assert.equal(unescapeMarkdown('Megatron\\-LM &amp; a\\_b'), 'Megatron-LM & a_b');
  });

  it('takes only the first card, and a repository only when the path ends there', () => {
    assert.ok(firstCardIs(vllm, 'github:vllm-project/vllm'));
    assert.ok(firstCardIs(vllm, 'url:https://vllm.ai'));
    assert.ok(!firstCardIs(ascend, 'github:vllm-project/vllm'), 'vllm-ascend is another repository');
    assert.ok(!firstCardIs(`${ascend}\n\n---\n\n${vllm}`, 'github:vllm-project/vllm'), 'the right card second does not count');
    assert.ok(!firstCardIs('', 'github:vllm-project/vllm'));
  });

  it('recognises papers by their abstract link, homepages by their link, and name: ids by title or also', () => {
    const paper = card('Mooncake', 'arXiv: [2407\\.00079](https://arxiv.org/abs/2407.00079)');
    assert.ok(firstCardIs(paper, 'arxiv:2407.00079'));
    assert.ok(!firstCardIs(paper, 'arxiv:2407.0007'));
    assert.ok(firstCardIs(card('Lustre', '[homepage](https://lustre.org)'), 'url:https://www.lustre.org/'));
    assert.ok(firstCardIs(card('Orca', ''), 'name:Orca'));
    assert.ok(firstCardIs(card('Hummingbird E200', '', '蜂鸟E200, E200'), 'name:蜂鸟E200'));
    assert.ok(!firstCardIs(card('Orca Serving', ''), 'name:Orca'));
  });
});

describe('eval scoring: entities, no-card positions and merges', () => {
  const gold: GoldEntity = {
    file: 'repo/a.md',
    find: 'x',
    occurrence: 0,
    name: 'vLLM',
    kind: 'project',
    id: 'github:vllm-project/vllm',
    summaryIncludes: 'fast  inference',
  };
  const placed: Placed<GoldEntity> = { label: gold, repo: 'repo', span: { startLine: 4, endLine: 4, middle: { line: 4, character: 0 } } };

  it('prefers the entity defined on the gold line, and checks its name and summary', () => {
    const elsewhere = entity({
      id: 'github:vllm-project/vllm',
      name: 'vllm',
      links: { github: 'vllm-project/vllm' },
      sites: [{ file: 'repo/b.md', line: 4 }],
    });
    const here = entity({
      id: 'github:vllm-project/vllm',
      name: 'VLLM',
      summary: 'A fast\ninference engine',
      links: { github: 'vllm-project/vllm' },
      sites: [{ file: 'repo/a.md', line: 4 }],
    });
    assert.equal(matchGoldEntity(placed, [elsewhere, here]), here);
    const result = scoreEntity(placed, [elsewhere, here]);
    assert.ok(result.nameOk && result.summaryOk);
    const missed = scoreEntity(placed, [entity({ id: 'github:other/x', name: 'vLLM', sites: [{ file: 'repo/a.md', line: 4 }] })]);
    assert.equal(missed.found, undefined);
    assert.equal(missed.summaryOk, false, 'a gold summary counts against a missing entity');
    assert.match(missed.instead, /defined on the line: vLLM/);
  });

  it('names the nearest entity of a missed one by whole words or a small edit distance only', () => {
    const mcy = entity({ id: 'm', name: 'MCY', aliases: ['ISC'] });
    const lowrisc = entity({ id: 'l', name: 'lowRISC chip' });
    assert.equal(nearestByName('lowRISC', [mcy, lowrisc]), lowrisc);
    assert.equal(nearestByName('RISC-V ELF psABI', [mcy]), undefined, 'ISC inside RISC is no word');
    assert.equal(nearestByName('Sarus', [entity({ id: 's', name: 'Scarus' })])?.name, 'Scarus');
  });

  it('counts any card on a no-card position as a false card', () => {
    const position = {
      label: { file: 'a.md', find: '## Papers', occurrence: 0, offset: 3, len: 6, why: 'section heading' },
      repo: 'a',
      span: placed.span,
    };
    assert.ok(scoreNonEntity(position, '').ok);
    assert.ok(!scoreNonEntity(position, card('Papers', '')).ok);
  });

  it('finds entities holding two repositories, from identities or through unambiguous gold names', () => {
    const goldEntities: GoldEntity[] = [
      { ...gold, name: 'ROHD', id: 'github:intel/rohd' },
      { ...gold, name: 'ROHD-VF', id: 'github:intel/rohd-vf' },
      { ...gold, name: 'llama.cpp', id: 'github:ggerganov/llama.cpp' },
    ];
    const merged = mergedIdentities(
      [
        entity({ id: 'a', name: 'Two', identities: ['github:a/one', 'github:a/two', 'arxiv:1234.56789'] }),
        entity({ id: 'github:intel/rohd', name: 'ROHD', aliases: ['ROHD-VF'], links: { github: 'intel/rohd' } }),
        entity({ id: 'b', name: 'llama.cpp', identities: ['github:ggml-org/llama.cpp', 'github:ggerganov/llama.cpp'] }),
        entity({ id: 'c', name: 'Paper and code', identities: ['github:a/code', 'arxiv:1234.56789'] }),
      ],
      goldEntities,
    );
    assert.deepEqual(
      merged.map((item) => item.name),
      ['Two', 'ROHD'],
      'equivalent repositories and a paper with its code are no merge',
    );
  });
});
