import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { NotesIndex } from '../../../server/src/index/notesIndex';
import { InProcessParser } from '../../../server/src/parse/noteParser';
import { MemoryWorkspace } from '../../../server/src/workspace/memoryWorkspace';
import { RecordingLogger, indexOf, indexedSeeds, noteUri } from '../helpers';

describe('the notes index', () => {
  it('merges the same project described in two notes into one entity with two sites (Megatron-LM, seeds 000 and 002)', async () => {
    const { index } = await indexedSeeds();
    const megatron = index.allEntities().find((entity) => entity.name === 'Megatron-LM');
    assert.ok(megatron);
    assert.deepEqual(
      megatron.sites.map((site) => [site.uri.split('/').pop(), site.range.start.line + 1]),
      [['000_2a3c44dcec08f07f.md', 1110], ['002_cb18c87924e80d70.md', 395]],
    );
    assert.ok(megatron.aliases.includes('英伟达NVIDIA-Megatron-LM'));
    assert.match(megatron.summary, /^Megatron-LM是NVIDIA推出的/, 'the card\'s description wins over the list item\'s');
  });

  it('adds an unlinked mention site to an entity defined elsewhere, but makes no entity of it alone', async () => {
    const { index } = await indexedSeeds();
    const nvdla = index.allEntities().find((entity) => entity.aliases.includes('NVDLA'));
    assert.deepEqual(nvdla?.sites.map((site) => site.range.start.line + 1), [336, 606]);
    assert.equal(index.allEntities().find((entity) => entity.name === 'Eyeriss'), undefined);
    assert.equal(index.allEntities().find((entity) => entity.name.startsWith('LoRA')), undefined);
  });

  it('follows edits: a new definition creates an entity and its mentions in other notes', async () => {
    const { index } = await indexOf({ 'a.md': 'We benchmark Triton kernels.\n', 'b.md': '# Other\n' });
    assert.equal(index.entitiesAt(noteUri('a.md'), { line: 0, character: 14 }), undefined);
    await index.setOpenText(noteUri('b.md'), '# Other\n\nTriton: https://github.com/triton-lang/triton\n');
    const found = index.entitiesAt(noteUri('a.md'), { line: 0, character: 14 });
    assert.equal(found?.entities[0].name, 'Triton');
    assert.equal(index.noteCountMentioning(found!.entities[0].id), 2);
  });

  it('prefers the entity called exactly what a closed note says when two share the name (DeepSpeed)', async () => {
    const { index } = await indexOf({
      'a.md': '| 项目 | 介绍 |\n|---|---|\n| [DeepSpeed](https://github.com/microsoft/DeepSpeed) | training |\n| [微软CNTK加速库、DeepSpeed](https://github.com/microsoft/CNTK) | toolkit |\n',
      'b.md': 'We trained with DeepSpeed.\n',
    });
    const closed = index.entitiesAt(noteUri('b.md'), { line: 0, character: 18 });
    assert.deepEqual(closed?.entities.map((entity) => entity.name), ['DeepSpeed']);
    const deepSpeedOwners = index.allEntities().filter((entity) => entity.name.includes('DeepSpeed'));
    assert.equal(deepSpeedOwners.length, 2);
    for (const entity of deepSpeedOwners) assert.ok(index.mentionsOf(entity.id).some((location) => location.uri === noteUri('b.md')), `${entity.name} still lists the mention`);
  });

  it('keeps the text an editor opened while the same note was read from disk at start', async () => {
    const workspace = new MemoryWorkspace({ [noteUri('a.md')]: 'Triton: https://github.com/triton-lang/triton\n', [noteUri('b.md')]: 'On disk.\n' });
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
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Gemmini: https://github.com/ucb-bar/gemmini\n').flatMap((c) => [c.charCodeAt(0), 0])]);
    const nested = `${Array.from({ length: 3000 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}\n`;
    const { index } = await indexOf(
      { 'binary.md': binary, 'invalid.md': invalidUtf8, 'utf16.md': utf16, 'empty.md': '', 'nested.md': nested, 'good.md': 'Uses JAX and Gemmini.\n' },
      logger,
    );
    assert.ok(logger.lines.some((line) => line.includes('binary.md') && line.includes('binary content')), logger.lines.join('\n'));
    assert.ok(logger.lines.some((line) => line.includes('invalid.md') && line.includes('invalid UTF-8')));
    assert.ok(logger.lines.some((line) => line.includes('nested.md') && line.includes('indexed as plain text')));
    assert.deepEqual(index.allEntities().map((entity) => entity.name).sort(), ['Gemmini', 'JAX']);
    assert.equal(index.entitiesAt(noteUri('good.md'), { line: 0, character: 6 })?.entities[0].name, 'JAX');
  });

  it('skips notes above the size limit with a clear reason', async () => {
    const logger = new RecordingLogger();
    const big = 'x'.repeat(11 * 1024 * 1024);
    const { index } = await indexOf({ 'big.md': big, 'small.md': 'JAX: https://github.com/google/jax\n' }, logger);
    assert.ok(logger.lines.some((line) => /skipped .*big\.md: 11\.0 MB exceeds marginalia\.maxFileSizeMB/.test(line)), logger.lines.join('\n'));
    assert.equal(index.allEntities().length, 1);
  });

  it('indexes a 5 MB single-line note without trouble', async () => {
    const line = `${'GPU kernels and JAX '.repeat(250_000)}\n`;
    const { index } = await indexOf({ 'line.md': line, 'def.md': 'JAX: https://github.com/google/jax\n' });
    const jax = index.allEntities()[0];
    assert.equal(index.mentionsOf(jax.id).length, 250_001);
  });

  it('stops indexing when cancelled', async () => {
    const files = Object.fromEntries(Array.from({ length: 50 }, (_, n) => [`n${n}.md`, `# Note ${n}\n`]));
    const { index } = await indexOf({});
    const workspace = (index as unknown as { workspace: { write(uri: string, text: string): void } }).workspace;
    for (const [name, text] of Object.entries(files)) workspace.write(noteUri(name), text);
    let checks = 0;
    await index.indexWorkspace({ cancellation: { get isCancellationRequested() { return ++checks > 5; } }, concurrency: 1 });
    assert.ok(index.noteUris().length < 50, `indexed ${index.noteUris().length}`);
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

describe('folders appearing', () => {
  it('indexes the notes of a folder created or moved into the workspace', async () => {
    const { index, workspace } = await indexOf({ 'reader.md': 'We use Triton.\n' });
    workspace.write(noteUri('moved/tools/triton.md'), 'Triton: https://github.com/triton-lang/triton\n');
    await index.refreshFromDisk(noteUri('moved'));
    assert.equal(index.entitiesAt(noteUri('reader.md'), { line: 0, character: 9 })?.entities[0].name, 'Triton');
  });
});

describe('keeping mentions and links current on edits', () => {
  it('replaces only the edited note\'s mentions and links, leaving the others as they were', async () => {
    const { index } = await indexOf({
      'def.md': 'JAX: https://github.com/google/jax\n',
      'a.md': 'JAX and JAX again.\n',
      'b.md': 'Also JAX, see https://github.com/google/jax\n',
    });
    const jax = index.allEntities()[0];
    const where = () => index.mentionsOf(jax.id).map((location) => `${location.uri.split('/').pop()}:${location.range.start.character}`).sort();
    assert.deepEqual(where(), ['a.md:0', 'a.md:8', 'b.md:5', 'def.md:0']);
    await index.setOpenText(noteUri('a.md'), 'Only one JAX now.\n');
    assert.deepEqual(where(), ['a.md:9', 'b.md:5', 'def.md:0']);
    assert.deepEqual(index.linksTo(jax.id).map((location) => location.uri.split('/').pop()).sort(), ['b.md', 'def.md']);
    await index.setOpenText(noteUri('b.md'), 'Also JAX, see https://github.com/google/flax\n');
    assert.deepEqual(index.linksTo(jax.id).map((location) => location.uri.split('/').pop()), ['def.md']);
    await index.setOpenText(noteUri('def.md'), 'JAX: https://github.com/google/jax\n\nThe JAX library.\n');
    assert.deepEqual(where(), ['a.md:9', 'b.md:5', 'def.md:0', 'def.md:4']);
  });
});
