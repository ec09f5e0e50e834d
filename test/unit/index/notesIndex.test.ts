import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { NotesIndex } from '../../../server/src/index/notesIndex';
import { hoverAt } from '../../../server/src/features/hover';
import type { NoteFacts } from '../../../server/src/parse/facts';
import { InProcessParser } from '../../../server/src/pipeline/inProcessParser';
import type { NoteParser } from '../../../server/src/parse/noteParser';
import { parseNote } from '../../../server/src/pipeline/noteFacts';
import { packFacts } from '../../../server/src/parse/packedFacts';
import { noteDiagnosticSteps, workspaceDiagnostics } from '../../../server/src/features/links/check';
import { finish, inSlices } from '../../../server/src/parse/steps';
import { MemoryWorkspace } from '../../../server/src/workspace/memoryWorkspace';
import { RecordingLogger, SEEDS_DIR, indexOf, indexedSeeds, noteUri, seedText } from '../helpers';

describe('the notes index', () => {
  it('merges the same project described in two notes into one entity with two sites (Megatron-LM, seeds 000 and 002)', async () => {
    const { index } = await indexedSeeds();
    const megatron = index.allEntities().find((entity) => entity.name === 'Megatron-LM');
    assert.ok(megatron);
    assert.deepEqual(
      megatron.sites.map((site) => [site.uri.split('/').pop(), site.range.start.line + 1]),
      [
        ['000_2a3c44dcec08f07f.md', 1110],
        ['002_cb18c87924e80d70.md', 395],
      ],
    );
    assert.ok(megatron.aliases.includes('英伟达NVIDIA-Megatron-LM'));
    assert.match(megatron.summary, /^Megatron-LM是NVIDIA推出的/, "the card's description wins over the list item's");
  });

  it('adds an unlinked mention site to an entity defined elsewhere, but makes no entity of it alone', async () => {
    const { index } = await indexedSeeds();
    const nvdla = index.allEntities().find((entity) => entity.aliases.includes('NVDLA'));
    assert.deepEqual(
      nvdla?.sites.map((site) => site.range.start.line + 1),
      [336, 606],
    );
    assert.equal(
      index.allEntities().find((entity) => entity.name === 'Eyeriss'),
      undefined,
    );
  });

  it('defines the LoRA paper by its title alone, with authors and summary, and adds `a) LoRA (Low-Rank Adaptation)：` as a site (seed 000 lines 5 and 1357)', async () => {
    const { index } = await indexedSeeds();
    const lora = index.allEntities().find((entity) => entity.aliases.includes('LoRA'));
    assert.equal(lora?.name, 'LoRA: Low-Rank Adaptation of Large Language Models');
    assert.equal(lora?.kind, 'paper');
    assert.match(lora?.fields.authors ?? '', /Edward J\. Hu/);
    assert.match(lora?.summary ?? '', /提出了LoRA方法/);
    assert.deepEqual(
      lora?.sites.map((site) => site.range.start.line + 1),
      [5, 1357],
    );
  });

  it("makes no entity of links into the notes' own repository (its git remote), but keeps other projects", async () => {
    const workspace = new MemoryWorkspace(
      {
        [noteUri('README.md')]:
          '- [Training notes](https://github.com/someone/ml-notes/blob/main/training/README.md) - how we train\n- [ml-notes](https://github.com/someone/ml-notes) - this book\n- [vLLM](https://github.com/vllm-project/vllm) - serving\n',
      },
      ['file:///notes'],
      ['git@github.com:someone/ml-notes.git'],
    );
    const index = new NotesIndex(workspace, new InProcessParser(), DEFAULT_CONFIG, new RecordingLogger());
    await index.indexWorkspace();
    assert.deepEqual(
      index.allEntities().map((entity) => entity.id),
      ['github:vllm-project/vllm'],
    );
  });

  it('finds Apache TVM by `TVM`, and DeepSpeed-MII by its repository name where the table spells it `DeepSpeed-Mll` (seeds 000 and 001)', async () => {
    const { index } = await indexedSeeds();
    assert.ok(
      index
        .allEntities()
        .find((entity) => entity.id === 'github:apache/tvm')
        ?.aliases.includes('TVM'),
    );
    assert.ok(
      index
        .allEntities()
        .find((entity) => entity.id === 'github:microsoft/deepspeed-mii')
        ?.aliases.includes('DeepSpeed-MII'),
    );
  });

  it("shows a paper's card on its bare arXiv id in Chinese prose (`参考论文2404.17153里的思路`)", async () => {
    const { index } = await indexOf({
      'a.md': '- [A Unified Debugging Approach](https://arxiv.org/abs/2404.17153) - 多智能体调试\n',
      'b.md': '参考论文2404.17153里的思路。\n',
    });
    const found = index.entitiesAt(noteUri('b.md'), { line: 0, character: 7 });
    assert.equal(found?.entities[0].id, 'arxiv:2404.17153');
  });

  it('follows edits: a new definition creates an entity and its mentions in other notes', async () => {
    const { index } = await indexOf({ 'a.md': 'We benchmark Triton kernels.\n', 'b.md': '# Other\n' });
    assert.equal(index.entitiesAt(noteUri('a.md'), { line: 0, character: 14 }), undefined);
    await index.setOpenText(noteUri('b.md'), '# Other\n\nTriton: https://github.com/triton-lang/triton\n');
    const found = index.entitiesAt(noteUri('a.md'), { line: 0, character: 14 });
    assert.equal(found?.entities[0].name, 'Triton');
    assert.equal(index.noteCountMentioning(found!.entities[0].id), 2);
  });

  it('finds DeepSpeed, not CNTK, for `DeepSpeed` when a table row is named `微软CNTK加速库、DeepSpeed` (seed 002)', async () => {
    const { index } = await indexOf({
      'a.md':
        '| 项目 | 介绍 |\n|---|---|\n| [DeepSpeed](https://github.com/microsoft/DeepSpeed) | training |\n| [微软CNTK加速库、DeepSpeed](https://github.com/microsoft/CNTK) | toolkit |\n',
      'b.md': 'We trained with DeepSpeed.\n',
    });
    const closed = index.entitiesAt(noteUri('b.md'), { line: 0, character: 18 });
    assert.deepEqual(
      closed?.entities.map((entity) => entity.name),
      ['DeepSpeed'],
    );
  });

  it('puts first the entity called exactly what a closed note says when two share the name (Kvstore, Kvstore Toolkit)', async () => {
    const { index } = await indexOf({
      'a.md':
        '- [Kvstore](https://github.com/a/kvstore) - a store\n- [Kvstore Toolkit](https://github.com/b/kvstore-toolkit) - tools for it\n',
      'b.md': 'We cached with Kvstore.\n',
    });
    const closed = index.entitiesAt(noteUri('b.md'), { line: 0, character: 18 });
    assert.deepEqual(
      closed?.entities.map((entity) => entity.name),
      ['Kvstore', 'Kvstore Toolkit'],
    );
    for (const entity of closed?.entities ?? [])
      assert.ok(
        index.mentionsOf(entity.id).some((location) => location.uri === noteUri('b.md')),
        `${entity.name} still lists the mention`,
      );
  });

  it('keeps the text an editor opened while the same note was read from disk at start', async () => {
    const workspace = new MemoryWorkspace({
      [noteUri('a.md')]: 'Triton: https://github.com/triton-lang/triton\n',
      [noteUri('b.md')]: 'On disk.\n',
    });
    const index = new NotesIndex(workspace, new InProcessParser(), DEFAULT_CONFIG, new RecordingLogger());
    await Promise.all([index.indexWorkspace(), index.setOpenText(noteUri('b.md'), 'Unsaved: we use Triton.\n')]);
    assert.equal(index.text(noteUri('b.md')), 'Unsaved: we use Triton.\n');
    assert.equal(index.entitiesAt(noteUri('b.md'), { line: 0, character: 18 })?.entities[0].name, 'Triton');
  });

  it('forgets a deleted note and its entities', async () => {
    const { index, workspace } = await indexOf({ 'a.md': 'Triton: https://github.com/triton-lang/triton\n', 'b.md': 'Triton rocks\n' });
    assert.equal(index.allEntities().length, 1);
    workspace.delete(noteUri('a.md'));
    await index.removeNote(noteUri('a.md'));
    assert.equal(index.allEntities().length, 0);
    assert.equal(index.entitiesAt(noteUri('b.md'), { line: 0, character: 1 }), undefined);
  });

  it('keeps working around bad notes, saying what it skipped', async () => {
    const logger = new RecordingLogger();
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]);
    const invalidUtf8 = new Uint8Array([...new TextEncoder().encode('JAX: https://github.com/google/jax\n'), 0xff, 0xfe, 0x41]);
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from('Gemmini: https://github.com/ucb-bar/gemmini\n').flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    const nested = `${Array.from({ length: 500 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}\n`;
    const { index } = await indexOf(
      {
        'binary.md': binary,
        'invalid.md': invalidUtf8,
        'utf16.md': utf16,
        'empty.md': '',
        'nested.md': nested,
        'good.md': 'Uses JAX and Gemmini.\n',
      },
      logger,
    );
    assert.ok(
      logger.lines.some((line) => line.includes('binary.md') && line.includes('binary content')),
      logger.lines.join('\n'),
    );
    assert.ok(logger.lines.some((line) => line.includes('invalid.md') && line.includes('invalid UTF-8')));
    assert.ok(logger.lines.some((line) => line.includes('nested.md') && line.includes('what lies deeper is indexed as text')));
    assert.deepEqual(
      index
        .allEntities()
        .map((entity) => entity.name)
        .sort(),
      ['Gemmini', 'JAX'],
    );
    assert.equal(index.entitiesAt(noteUri('good.md'), { line: 0, character: 6 })?.entities[0].name, 'JAX');
  });

  it('indexes a Chinese note saved as GB18030 as Chinese text, its mentions where the editor shows them', async () => {
    const logger = new RecordingLogger();
    // '# 简介\n\n中文笔记，使用 DeepSpeed 训练。\n' in GB18030, from `iconv -f utf-8 -t gb18030`.
    const gb18030 = new Uint8Array(
      Buffer.from('2320bcf2bde9 0a0a d6d0cec4b1cabcc7a3accab9d3c320446565705370656564 20d1b5c1b7a1a3 0a'.replace(/ /g, ''), 'hex'),
    );
    const { index } = await indexOf({ 'gb.md': gb18030, 'def.md': 'DeepSpeed: https://github.com/microsoft/DeepSpeed\n' }, logger);
    const uri = noteUri('gb.md');
    assert.ok(
      logger.lines.some((line) => line.includes('gb.md') && line.includes('decoded as GB18030 (not valid UTF-8)')),
      logger.lines.join('\n'),
    );
    assert.equal(index.outline(uri)?.title, '简介');
    assert.equal(
      index.entitiesAt(uri, { line: 2, character: 'DeepSpeed'.length + 8 })?.entities[0].name,
      'DeepSpeed',
      'the mention sits after 中文笔记，使用 ',
    );
    assert.equal(await index.loadText(uri), true);
    assert.equal(index.lineMap(uri)?.lineText(2), '中文笔记，使用 DeepSpeed 训练。');
  });

  it('treats a bare URL in a paragraph with indented lines as a link: hovered, checked, no mentions inside (seed 000 line 1103)', async () => {
    const url = 'https://github.com/microsoft/DeepSpeed';
    const card = `DeepSpeed (由Microsoft开发)\n网址：${url}\n特点：\n    支持ZeRO优化\n`;
    const { index } = await indexOf({ 'card.md': card, 'def.md': `| 项目 | 介绍 |\n|---|---|\n| [DeepSpeed](${url}) | 训练库 |\n` });
    const uri = noteUri('card.md');
    const onUrl = { line: 1, character: 3 + 'https://github.com/micro'.length };
    assert.equal(index.entitiesAt(uri, onUrl)?.entities[0].name, 'DeepSpeed', 'the hover on the URL finds the entity it links to');
    const deepSpeed = index.allEntities().find((entity) => entity.name === 'DeepSpeed')!;
    const mentionLines = index
      .mentionsOf(deepSpeed.id)
      .filter((location) => location.uri === uri)
      .map((location) => location.range.start.line);
    assert.ok(!mentionLines.includes(1), `no mention inside the URL: ${JSON.stringify(mentionLines)}`);
    const dead = {
      status: 'dead',
      code: 'link.external-dead',
      reason: 'not-found',
      httpStatus: 404,
      url,
      message: `${url} was not found (404)`,
      checkedAt: 0,
      finalUrl: url,
      redirects: 0,
    } as const;
    const diagnostics = finish(noteDiagnosticSteps(index, uri, DEFAULT_CONFIG.links, new Map([[url, dead]])));
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start, diagnostic.range.end]),
      [['link.external-dead', { line: 1, character: 3 }, { line: 1, character: 3 + url.length }]],
    );
  });

  it('skips notes above the size limit with a clear reason', async () => {
    const logger = new RecordingLogger();
    const big = 'x'.repeat(11 * 1024 * 1024);
    const workspace = new MemoryWorkspace({ [noteUri('big.md')]: big, [noteUri('small.md')]: 'JAX: https://github.com/google/jax\n' });
    const index = new NotesIndex(workspace, new InProcessParser(), { ...DEFAULT_CONFIG, maxFileSizeMB: 10 }, logger);
    await index.indexWorkspace();
    assert.ok(
      logger.lines.some((line) => /skipped .*big\.md: 11\.0 MB exceeds marginalia\.maxFileSizeMB/.test(line)),
      logger.lines.join('\n'),
    );
    assert.equal(index.allEntities().length, 1);
  });

  it('indexes a 5 MB single-line note without trouble', async () => {
    const line = `${'GPU kernels and JAX '.repeat(250_000)}\n`;
    const { index } = await indexOf({ 'line.md': line, 'def.md': 'JAX: https://github.com/google/jax\n' });
    const jax = index.allEntities()[0];
    assert.equal(index.mentionsOf(jax.id).length, 250_001);
  });

  it("keeps no copy of a closed note's text once indexed, and reads it again for a quick fix", async () => {
    const { index } = await indexOf({ 'a.md': '# Notes\r\n\r\nSee [gone](missing.md)\r\n' });
    const uri = noteUri('a.md');
    assert.equal(index.text(uri), undefined);
    assert.equal(index.lineMap(uri)?.lineText(2), '', 'the line map holds no text either');
    assert.equal(index.lineMap(uri)?.lineEnd(2), 'See [gone](missing.md)'.length + 11, 'line ends stay exact without the text');
    assert.equal(await index.loadText(uri), true);
    assert.equal(index.lineMap(uri)?.lineText(2), 'See [gone](missing.md)');
  });

  it('stops indexing when cancelled', async () => {
    const files = Object.fromEntries(Array.from({ length: 50 }, (_, n) => [`n${n}.md`, `# Note ${n}\n`]));
    const { index } = await indexOf({});
    const workspace = (index as unknown as { workspace: { write(uri: string, text: string): void } }).workspace;
    for (const [name, text] of Object.entries(files)) workspace.write(noteUri(name), text);
    let checks = 0;
    await index.indexWorkspace({
      cancellation: {
        get isCancellationRequested() {
          return ++checks > 5;
        },
      },
      concurrency: 1,
    });
    assert.ok(index.noteUris().length < 50, `indexed ${index.noteUris().length}`);
  });
});

describe('a vault with more notes than keep their facts parsed', () => {
  /** Parses as the server's workers do: facts come back as JSON bytes. */
  const packingParser: NoteParser = { parse: async (uri, text) => packFacts(parseNote(uri, text)), dispose() {} };
  const vault: Record<string, string> = Object.fromEntries(readdirSync(SEEDS_DIR).map((name) => [name, seedText(name)]));
  for (let n = 0; n < 400; n++) {
    const next = (n + 1) % 400;
    vault[`topic/n${n}.md`] =
      `# Note ${n}\n\n## Part ${n}\n\nSee [next](n${next}.md#part-${next}), [a gap](n${next}.md#part-${n}) and Megatron-LM.\n`;
  }

  it("finds the same dead links, outlines and facts as an index holding every note's facts as objects", async () => {
    const { index: expected } = await indexOf(vault);
    const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(vault).map(([name, text]) => [noteUri(name), text])));
    const index = new NotesIndex(workspace, packingParser, DEFAULT_CONFIG, new RecordingLogger());
    await index.indexWorkspace();
    const settings = DEFAULT_CONFIG.links;
    const found = await workspaceDiagnostics(index, settings);
    assert.deepEqual(found, await workspaceDiagnostics(expected, settings));
    assert.equal([...found.values()].flat().filter((diagnostic) => diagnostic.problem.code === 'link.anchor-not-found').length, 400);
    for (const uri of expected.noteUris()) {
      // As the cache would keep them: JSON has no undefined fields.
      assert.deepEqual(index.facts(uri), JSON.parse(JSON.stringify(expected.facts(uri))), uri);
      assert.deepEqual(index.outline(uri)?.headings, expected.facts(uri)?.headings, uri);
    }
    assert.deepEqual(index.allEntities(), expected.allEntities());
  });

  it("parses a closed note's facts again once many others were used since, and keeps an open note's", async () => {
    const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(vault).map(([name, text]) => [noteUri(name), text])));
    const index = new NotesIndex(workspace, packingParser, DEFAULT_CONFIG, new RecordingLogger());
    await index.indexWorkspace();
    const closed = noteUri('topic/n0.md');
    const open = noteUri('topic/n1.md');
    await index.setOpenText(open, vault['topic/n1.md']);
    const [closedFacts, openFacts] = [index.facts(closed), index.facts(open)];
    assert.equal(index.facts(closed), closedFacts, 'recently used facts are kept');
    for (const uri of index.noteUris()) index.facts(uri);
    assert.notEqual(index.facts(closed), closedFacts, 'read again from its JSON');
    assert.deepEqual(index.facts(closed), closedFacts);
    assert.equal(index.facts(open), openFacts);
  });
});

describe('a walk holding fewer texts than it reads', () => {
  it('reads the notes it let go of again at the end and finds the same mentions as one that held them all (the seeds)', async () => {
    const { index: expected, workspace } = await indexedSeeds();
    const reads: string[] = [];
    const counting = Object.assign(Object.create(workspace), { readNote: (uri: string) => (reads.push(uri), workspace.readNote(uri)) });
    const index = new NotesIndex(counting, new InProcessParser(), DEFAULT_CONFIG, new RecordingLogger());
    await index.indexWorkspace({ textBudgetChars: 0 });
    for (const uri of expected.noteUris())
      assert.equal(reads.filter((read) => read === uri).length, 2, `${uri} is read to be parsed, then again to find its mentions`);
    assert.deepEqual(index.allEntities(), expected.allEntities());
    for (const entity of expected.allEntities()) assert.deepEqual(index.mentionsOf(entity.id), expected.mentionsOf(entity.id), entity.name);
    assert.equal(index.text(expected.noteUris()[0]), undefined, 'no closed note keeps its text');
  });
});

describe('naming a merged entity', () => {
  it('prefers the name that matches the repository over a company-prefixed heading (JAX over 谷歌jax)', async () => {
    const { index } = await indexedSeeds();
    const jax = index.allEntities().find((entity) => entity.links.github === 'google/jax');
    assert.equal(jax?.name, 'JAX');
    assert.ok(jax?.aliases.includes('谷歌jax'));
    assert.match(jax?.summary ?? '', /^Google JAX是一个由Google开发并开源的Python库/);
  });
});

describe('notes created while the first walk runs', () => {
  it('keeps a note that appeared on disk after the listing, rather than forgetting it as one the cache had', async () => {
    const { index, workspace } = await indexOf({});
    for (let n = 0; n < 20; n++) workspace.write(noteUri(`n${n}.md`), `# Note ${n}\n`);
    const created = noteUri('late/triton.md');
    let event: Promise<void> | undefined;
    await index.indexWorkspace({
      concurrency: 1,
      onProgress: (done) => {
        if (done !== 5) return;
        workspace.write(created, 'Triton: https://github.com/triton-lang/triton\n');
        event = index.applyFileChanges([{ uri: created, deleted: false }]);
      },
    });
    await event;
    assert.ok(index.has(created), 'the note created during the walk is indexed');
    assert.ok(index.allEntities().some((entity) => entity.name === 'Triton'));
  });
});

describe('folders appearing', () => {
  it('indexes the notes of a folder created or moved into the workspace', async () => {
    const { index, workspace } = await indexOf({ 'reader.md': 'We use Triton.\n' });
    workspace.write(noteUri('moved/tools/triton.md'), 'Triton: https://github.com/triton-lang/triton\n');
    await index.refreshFromDisk(noteUri('moved'));
    assert.equal(index.entitiesAt(noteUri('reader.md'), { line: 0, character: 9 })?.entities[0].name, 'Triton');
  });
});

describe('keeping mentions and links current on edits', () => {
  it("replaces only the edited note's mentions and links, leaving the others as they were", async () => {
    const { index } = await indexOf({
      'def.md': 'JAX: https://github.com/google/jax\n',
      'a.md': 'JAX and JAX again.\n',
      'b.md': 'Also JAX, see https://github.com/google/jax\n',
    });
    const jax = index.allEntities()[0];
    const where = () =>
      index
        .mentionsOf(jax.id)
        .map((location) => `${location.uri.split('/').pop()}:${location.range.start.character}`)
        .sort();
    assert.deepEqual(where(), ['a.md:0', 'a.md:8', 'b.md:5', 'def.md:0']);
    await index.setOpenText(noteUri('a.md'), 'Only one JAX now.\n');
    assert.deepEqual(where(), ['a.md:9', 'b.md:5', 'def.md:0']);
    assert.deepEqual(
      index
        .linksTo(jax.id)
        .map((location) => location.uri.split('/').pop())
        .sort(),
      ['b.md', 'def.md'],
    );
    await index.setOpenText(noteUri('b.md'), 'Also JAX, see https://github.com/google/flax\n');
    assert.deepEqual(
      index.linksTo(jax.id).map((location) => location.uri.split('/').pop()),
      ['def.md'],
    );
    await index.setOpenText(noteUri('def.md'), 'JAX: https://github.com/google/jax\n\nThe JAX library.\n');
    assert.deepEqual(where(), ['a.md:9', 'b.md:5', 'def.md:0', 'def.md:4']);
  });
});

/** Parses for real, but holds the notes the walk reads until `release()`; notes asked for urgently and open notes go through. */
class HeldParser implements NoteParser {
  readonly parsed: string[] = [];
  readonly urgent: string[] = [];
  private releaseWalk: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.releaseWalk = resolve));

  constructor(private readonly passes: (uri: string) => boolean) {}

  async parse(uri: string, text: string, options?: { urgent?: boolean }): Promise<NoteFacts> {
    if (options?.urgent) this.urgent.push(uri);
    else if (!this.passes(uri)) await this.gate;
    this.parsed.push(uri);
    return parseNote(uri, text);
  }

  release(): void {
    this.releaseWalk();
  }

  dispose(): void {}
}

describe('names asked for before the first walk has read their notes', () => {
  const OPEN = noteUri('open.md');
  const DEFINITIONS = noteUri('tools.md');
  const TRITON_ROW = '| [Triton](https://github.com/triton-lang/triton) | GPU kernel compiler |';

  /** A vault where the walk is held on its first notes: only what is parsed out of turn can answer. */
  function heldVault(files: Record<string, string>) {
    const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([name, text]) => [noteUri(name), text])));
    const parser = new HeldParser((uri) => uri === OPEN);
    const index = new NotesIndex(workspace, parser, DEFAULT_CONFIG, new RecordingLogger());
    const walking = index.indexWorkspace({ concurrency: 2 });
    return { index, parser, walking };
  }

  function fillers(count: number, line: (n: number) => string): Record<string, string> {
    return Object.fromEntries(
      Array.from({ length: count }, (_, n) => [`filler-${String(n).padStart(3, '0')}.md`, `# Filler ${n}\n\n${line(n)}\n`]),
    );
  }

  it('answers a hover on a name defined in a note not read yet, saying the counts are partial', async () => {
    const { index, parser, walking } = heldVault({
      ...fillers(60, () => 'Plain prose.'),
      'tools.md': `| Name | About |\n|---|---|\n${TRITON_ROW}\n`,
      'open.md': 'We benchmark Triton kernels.\n',
    });
    await index.setOpenText(OPEN, 'We benchmark Triton kernels.\n');
    const onTriton = { line: 0, character: 15 };
    assert.equal(index.entitiesAt(OPEN, onTriton), undefined, 'the walk has not reached the definition');
    await index.revealNameAt(OPEN, onTriton);
    assert.equal(index.isIndexing, true);
    assert.equal(index.entitiesAt(OPEN, onTriton)?.entities[0].name, 'Triton');
    assert.match(
      hoverAt(index, OPEN, onTriton, (uri) => uri.split('/').pop()!)?.markdown ?? '',
      /mentioned in 1 note so far \(still indexing\)/,
    );
    parser.release();
    await walking;
    assert.equal(index.isIndexing, false);
    assert.equal(parser.parsed.filter((uri) => uri === DEFINITIONS).length, 1, 'the walk does not parse again a note parsed out of turn');
    assert.doesNotMatch(hoverAt(index, OPEN, onTriton, (uri) => uri.split('/').pop()!)?.markdown ?? '', /still indexing/);
  });

  it('parses the note defining the name first, before notes that only mention it in prose', async () => {
    const { index, parser, walking } = heldVault({
      ...fillers(40, (n) => `Run ${n} used Triton again.`),
      'tools.md': `# Tools\n\n| Name | About |\n|---|---|\n${TRITON_ROW}\n`,
      'open.md': '',
    });
    await index.setOpenText(OPEN, 'Triton kernels.\n');
    await index.revealNameAt(OPEN, { line: 0, character: 2 });
    assert.equal(index.entitiesAt(OPEN, { line: 0, character: 2 })?.entities[0].name, 'Triton');
    assert.equal(parser.urgent[0], DEFINITIONS);
    assert.ok(parser.urgent.length <= 4, `parsed out of turn: ${parser.urgent.length} notes`);
    parser.release();
    await walking;
    assert.equal(index.noteCountMentioning(index.entitiesAt(OPEN, { line: 0, character: 2 })!.entities[0].id), 42);
  });

  it('answers from a note the walk has read already, though its names are only matched everywhere once the walk is over', async () => {
    const workspace = new MemoryWorkspace({
      [DEFINITIONS]: `| Name | About |\n|---|---|\n${TRITON_ROW}\n`,
      [noteUri('later.md')]: 'Plain.\n',
      [OPEN]: '',
    });
    const parser = new HeldParser((uri) => uri === OPEN || uri === DEFINITIONS);
    const index = new NotesIndex(workspace, parser, DEFAULT_CONFIG, new RecordingLogger());
    const walking = index.indexWorkspace({ concurrency: 1 });
    await index.setOpenText(OPEN, 'Triton kernels.\n');
    while (!parser.parsed.includes(DEFINITIONS)) await new Promise((resolve) => setImmediate(resolve));
    await index.revealNameAt(OPEN, { line: 0, character: 2 });
    assert.equal(index.entitiesAt(OPEN, { line: 0, character: 2 })?.entities[0].name, 'Triton');
    assert.deepEqual(parser.urgent, []);
    parser.release();
    await walking;
  });

  it('finds the note defining a repository when the cursor is on a link to it', async () => {
    const { index, parser, walking } = heldVault({
      ...fillers(30, () => 'Nothing.'),
      'tools.md': `| Name | About |\n|---|---|\n${TRITON_ROW}\n`,
      'open.md': '',
    });
    await index.setOpenText(OPEN, 'See [the compiler](https://github.com/triton-lang/triton).\n');
    await index.revealNameAt(OPEN, { line: 0, character: 8 });
    assert.equal(index.entitiesAt(OPEN, { line: 0, character: 8 })?.entities[0].name, 'Triton');
    parser.release();
    await walking;
  });

  it('looks a word up once, parses a bounded number of notes for it, and nothing once the walk is over', async () => {
    const { index, parser, walking } = heldVault({ ...fillers(80, () => '| kernels | everywhere |'), 'open.md': '' });
    await index.setOpenText(OPEN, 'Fast kernels and more kernels.\n');
    await index.revealNameAt(OPEN, { line: 0, character: 7 });
    const afterFirst = parser.urgent.length;
    assert.ok(afterFirst > 0 && afterFirst <= 40, `parsed out of turn: ${afterFirst} notes`);
    await index.revealNameAt(OPEN, { line: 0, character: 24 });
    assert.equal(parser.urgent.length, afterFirst, 'the same word is not looked up twice');
    parser.release();
    await walking;
    await index.revealNameAt(OPEN, { line: 0, character: 1 });
    assert.equal(parser.urgent.length, afterFirst);
  });

  it('parses a sure definition as soon as the search finds it, and stops searching once it answers', async () => {
    const files = {
      'a-tools.md': `| Name | About |\n|---|---|\n${TRITON_ROW}\n`,
      ...fillers(2500, (n) => `Run ${n} used Triton again.`),
      'open.md': '',
    };
    const workspace = new BlockingReadsCounted(Object.fromEntries(Object.entries(files).map(([name, text]) => [noteUri(name), text])));
    const parser = new HeldParser((uri) => uri === OPEN);
    const index = new NotesIndex(workspace, parser, DEFAULT_CONFIG, new RecordingLogger());
    const walking = index.indexWorkspace({ concurrency: 2 });
    await index.setOpenText(OPEN, 'Triton kernels.\n');
    await index.revealNameAt(OPEN, { line: 0, character: 2 });
    assert.equal(index.entitiesAt(OPEN, { line: 0, character: 2 })?.entities[0].name, 'Triton');
    assert.equal(parser.urgent[0], DEFINITIONS_FIRST);
    assert.ok(workspace.blockingReads < 2000, `the search read ${workspace.blockingReads} of 2,501 notes`);
    parser.release();
    await walking;
  });
});

/** Counts the notes read whole at once, as the search for a name does. */
class BlockingReadsCounted extends MemoryWorkspace {
  blockingReads = 0;

  override readNoteBlocking(uri: string): Uint8Array | undefined {
    this.blockingReads++;
    return super.readNoteBlocking(uri);
  }
}

const DEFINITIONS_FIRST = noteUri('a-tools.md');

describe('the notes index, on a note of more than a million characters', function () {
  this.timeout(60_000);
  const row = 'We ran Triton kernels against [a missing baseline](baseline.md) and liked it.\n\n';
  const rows = Math.ceil(1_100_000 / row.length);
  const large = noteUri('large.md');
  let index: NotesIndex;

  before(async () => {
    const packingParser: NoteParser = { parse: async (uri, text) => packFacts(parseNote(uri, text)), dispose() {} };
    index = new NotesIndex(
      new MemoryWorkspace({
        [noteUri('tools.md')]: '# Tools\n\nTriton: https://github.com/triton-lang/triton\n',
        [large]: row.repeat(rows),
      }),
      packingParser,
      DEFAULT_CONFIG,
      new RecordingLogger(),
    );
    await index.indexWorkspace();
  });

  it('is matched a slice at a time to every mention of a name defined elsewhere', () => {
    assert.ok(index.isLarge(large));
    const triton = index.allEntities().find((entity) => entity.name === 'Triton')!;
    const mentions = index.mentionsOf(triton.id).filter((location) => location.uri === large);
    assert.equal(mentions.length, rows);
    assert.deepEqual(mentions[rows - 1].range.start, { line: 2 * (rows - 1), character: 7 });
  });

  it('has its facts read and its links checked a slice at a time, to the diagnostics a check run through at once gives', async () => {
    await index.linkGraph.prepare([large]);
    let pauses = 0;
    const sliced = await inSlices(noteDiagnosticSteps(index, large, DEFAULT_CONFIG.links), async () => void pauses++);
    assert.equal(sliced.length, rows);
    assert.ok(sliced.every((diagnostic) => diagnostic.code === 'link.file-not-found'));
    assert.equal(sliced[rows - 1].range.start.line, 2 * (rows - 1));
    assert.deepEqual(sliced, finish(noteDiagnosticSteps(index, large, DEFAULT_CONFIG.links)));
    assert.ok(pauses > 10, `${pauses} pauses`);
  });
});
