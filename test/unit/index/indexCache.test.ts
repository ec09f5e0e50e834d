import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { noteDiagnosticSteps } from '../../../server/src/features/links/check';
import { finish, inSlices } from '../../../server/src/parse/steps';
import {
  FileIndexCache,
  cacheFileFor,
  cachePieces,
  decodeCache,
  encodeCache,
  isStored,
  parsedFactsSteps,
  stampSteps,
  type CachedNote,
  type IndexCache,
} from '../../../server/src/index/indexCache';
import { NotesIndex } from '../../../server/src/index/notesIndex';
import type { NoteFacts } from '../../../server/src/parse/facts';
import { LineMap } from '../../../server/src/parse/lineMap';
import { InProcessParser } from '../../../server/src/pipeline/inProcessParser';
import type { NoteParser } from '../../../server/src/parse/noteParser';
import { packFacts } from '../../../server/src/parse/packedFacts';
import { parseNote } from '../../../server/src/pipeline/noteFacts';
import { MemoryWorkspace } from '../../../server/src/workspace/memoryWorkspace';
import type { NoteFile } from '../../../server/src/workspace/notesWorkspace';
import { RecordingLogger, SEED, noteUri, positionOf, seedText } from '../helpers';

// ─── Fixtures ────────────────────────────────────────────────────────────────────────────────────

const BUILD = 'test-build-1';

/** A small vault: projects defined in one note (a table and a `Name: URL` line), mentioned and linked in others. */
const NOTES: Record<string, string> = {
  'projects.md': [
    '# Inference frameworks',
    '',
    '| 项目 | 介绍 |',
    '|---|---|',
    '| [vLLM](https://github.com/vllm-project/vllm) | high-throughput serving with PagedAttention |',
    '| [SGLang](https://github.com/sgl-project/sglang) | structured generation language |',
    '',
    '## Kernels',
    '',
    'Triton: https://github.com/triton-lang/triton',
    '',
  ].join('\n'),
  'reading.md': [
    '# Reading list',
    '',
    'This week we compared vLLM with SGLang, then wrote Triton kernels; FlashInfer looks promising.',
    '',
    'See [the table](projects.md#inference-frameworks), [kernels](projects.md#no-such-heading) and [the plan](plans/missing.md).',
    '',
  ].join('\n'),
  'log.md': '# Log\n\n- Tried vLLM on 8 GPUs.\n- SGLang next; Triton later.\n',
};

/** Where the tests hover: a note, the 1-based line and the word under the cursor. */
const HOVERS: Array<[note: string, line: number, word: string]> = [
  ['reading.md', 3, 'vLLM'],
  ['reading.md', 3, 'SGLang'],
  ['reading.md', 3, 'Triton'],
  ['log.md', 3, 'vLLM'],
  ['projects.md', 10, 'Triton'],
];

const FLASHINFER_DEFINITION = 'FlashInfer: https://github.com/flashinfer-ai/flashinfer\n';

// ─── Helpers ─────────────────────────────────────────────────────────────────────────────────────

/** The real parser, counting what it is asked to parse: a restored note is never parsed. */
class CountingParser implements NoteParser {
  readonly parsed: string[] = [];
  private readonly inner = new InProcessParser();

  parse(uri: string, text: string): Promise<NoteFacts> {
    this.parsed.push(uri);
    return this.inner.parse(uri, text);
  }

  /** Names of the parsed notes relative to the vault, sorted. */
  names(): string[] {
    return this.parsed.map(nameOf).sort();
  }

  dispose(): void {}
}

/** A cache in memory that keeps what the index last saved, to look at what goes into the file. */
class CapturingCache implements IndexCache {
  readonly location = 'memory';
  saved: Array<readonly [string, CachedNote]> = [];

  async load(): Promise<undefined> {
    return undefined;
  }

  async save(notes: Iterable<readonly [string, CachedNote]>): Promise<void> {
    this.saved = [...notes];
  }
}

/** The cache file, recording which notes' facts are read from it after the start. */
class FactsCountingCache extends FileIndexCache {
  readonly factsRead: string[] = [];

  override async load(): Promise<Map<string, CachedNote> | undefined> {
    const notes = await super.load();
    for (const [uri, note] of notes ?? []) {
      const stored = note.facts;
      if (!isStored(stored)) continue;
      note.facts = { ...stored, bytes: () => (this.factsRead.push(nameOf(uri)), stored.bytes()) };
    }
    return notes;
  }
}

/** Notes in memory, counting which are read: a note the disk says is unchanged is not even read. */
class CountingWorkspace extends MemoryWorkspace {
  readonly reads: string[] = [];

  override readNote(uri: string): Promise<Uint8Array> {
    this.reads.push(uri);
    return super.readNote(uri);
  }
}

/** Notes whose modification times are wall-clock milliseconds, all one instant: every note was just written. */
class JustWrittenWorkspace extends CountingWorkspace {
  readonly instant = Date.now();

  override async listNotes(): Promise<NoteFile[]> {
    return (await super.listNotes()).map((file) => ({ ...file, mtimeMs: this.instant }));
  }

  override async statNote(uri: string): Promise<NoteFile | undefined> {
    const file = await super.statNote(uri);
    return file && { ...file, mtimeMs: this.instant };
  }
}

/** The bytes with the last occurrence of a text replaced (the summary comes last in the file). */
function alterLast(bytes: Buffer, text: string, replacement: string): Buffer {
  const at = bytes.lastIndexOf(text);
  assert.ok(at >= 0, `${text} is in the cache`);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(replacement), bytes.subarray(at + text.length)]);
}

/** A copy of a value without the object keys whose value is undefined, as JSON would write it. */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key, withoutUndefined(field)]),
  ) as T;
}

function nameOf(uri: string): string {
  return uri.slice(noteUri('').length);
}

function workspaceOf(files: Record<string, string>): CountingWorkspace {
  return new CountingWorkspace(Object.fromEntries(Object.entries(files).map(([name, text]) => [noteUri(name), text])));
}

/** Every index a test started: each is flushed before the test's folder goes, else its delayed save would write it again. */
const started: NotesIndex[] = [];

/** One editor window starting on the workspace with the cache file: a fresh index, parser and logger. */
async function start(workspace: CountingWorkspace, cacheFile: string, build = BUILD) {
  const logger = new RecordingLogger();
  const parser = new CountingParser();
  const index = new NotesIndex(workspace, parser, DEFAULT_CONFIG, logger, new FileIndexCache(cacheFile, build, logger));
  started.push(index);
  const readBefore = workspace.reads.length;
  await index.indexWorkspace();
  /** The notes this start read from the workspace, relative to the vault, sorted. */
  const read = workspace.reads.slice(readBefore).map(nameOf).sort();
  return { index, parser, logger, read };
}

/** A start with no cache at all: what every answer should be. */
async function startWithoutCache(workspace: MemoryWorkspace): Promise<NotesIndex> {
  const index = new NotesIndex(workspace, new InProcessParser(), DEFAULT_CONFIG, new RecordingLogger());
  await index.indexWorkspace();
  return index;
}

/** Warnings about the cache file, the ones a user would see in the output channel. */
function cacheWarnings(logger: RecordingLogger): string[] {
  return logger.lines.filter((line) => line.startsWith('warn:') && line.includes('index cache'));
}

function where(location: { uri: string; range: { start: { line: number; character: number } } }): string {
  return `${nameOf(location.uri)}:${location.range.start.line + 1}:${location.range.start.character}`;
}

/** The entity names a hover on a word of a note shows, with the range it covers; undefined when nothing is there. */
function hoverAt(index: NotesIndex, note: string, line: number, word: string, texts: Record<string, string> = NOTES): string | undefined {
  const found = index.entitiesAt(noteUri(note), positionOf(texts[note], line, word));
  if (!found) return undefined;
  return `${found.entities.map((entity) => entity.name).join(',')} @${found.range.start.line + 1}:${found.range.start.character}-${found.range.end.character}`;
}

/** Everything a user sees of the index, in a form two starts can be compared by. */
async function answersOf(index: NotesIndex, texts: Record<string, string> = NOTES) {
  const uris = index.noteUris().sort();
  await index.linkGraph.prepare(uris);
  const entities = [...index.allEntities()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    notes: uris.map(nameOf),
    entities: entities.map((entity) => ({
      id: entity.id,
      name: entity.name,
      aliases: entity.aliases,
      summary: entity.summary,
      sites: entity.sites.map(where),
    })),
    hovers: HOVERS.filter(([note, line, word]) => texts[note]?.split('\n')[line - 1].includes(word)).map(
      ([note, line, word]) => `${note} ${word}: ${hoverAt(index, note, line, word, texts)}`,
    ),
    references: entities.map((entity) => ({
      entity: entity.name,
      mentions: index.mentionsOf(entity.id).map(where).sort(),
      notes: index.noteCountMentioning(entity.id),
      links: index.linksTo(entity.id).map(where).sort(),
    })),
    diagnostics: uris.map((uri) => [
      nameOf(uri),
      finish(noteDiagnosticSteps(index, uri, DEFAULT_CONFIG.links)).map(
        (diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character}`,
      ),
    ]),
  };
}

// ─── Specifications ──────────────────────────────────────────────────────────────────────────────

describe('the index cache', () => {
  /** A temporary folder per test: the editor's storage folder, where the cache file goes. */
  let folder: string;
  let cacheFile: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'marginalia-index-cache-'));
    cacheFile = path.join(folder, 'storage', 'index', 'cache.json');
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((index) => index.flushCache()));
    rmSync(folder, { recursive: true, force: true });
  });

  describe('a second start on an unchanged workspace', () => {
    it('parses no note and answers entities, hovers, references and link diagnostics exactly as the first start did', async () => {
      const workspace = workspaceOf(NOTES);
      const first = await start(workspace, cacheFile);
      assert.deepEqual(first.parser.names(), ['log.md', 'projects.md', 'reading.md']);
      const expected = await answersOf(first.index);
      // The first start's answers are worth comparing to: a hover across notes, references and dead links.
      assert.deepEqual(
        expected.entities.map((entity) => entity.name),
        ['SGLang', 'Triton', 'vLLM'],
      );
      assert.ok(expected.hovers.includes('reading.md vLLM: vLLM @3:22-26'), expected.hovers.join('\n'));
      assert.deepEqual(expected.references.find((reference) => reference.entity === 'vLLM')?.notes, 3);
      assert.deepEqual(expected.diagnostics.find(([note]) => note === 'reading.md')?.[1], [
        'link.anchor-not-found 5:61',
        'link.file-not-found 5:105',
      ]);
      await first.index.flushCache();

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.parsed, [], 'an unchanged note is restored, not parsed');
      assert.deepEqual(second.read, [], 'nor even read: its size and time say it is unchanged');
      assert.deepEqual(await answersOf(second.index), expected);
      assert.deepEqual(cacheWarnings(second.logger), []);
    });

    it('keeps the facts a parse worker packed with the hash it packed them with, and copies them on unread into the next file', async () => {
      const workspace = workspaceOf(NOTES);
      const logger = new RecordingLogger();
      const packing: NoteParser = { parse: async (uri, text) => packFacts(parseNote(uri, text)), dispose() {} };
      const first = new NotesIndex(workspace, packing, DEFAULT_CONFIG, logger, new FileIndexCache(cacheFile, BUILD, logger));
      started.push(first);
      await first.indexWorkspace();
      const expected = await answersOf(first);
      await first.flushCache();

      // The second start rewrites the file for one changed note, copying the other notes' facts as they were.
      workspace.write(noteUri('log.md'), `${NOTES['log.md']}\nOne more line.\n`);
      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['log.md']);
      await second.index.flushCache();
      const third = await start(workspace, cacheFile);
      assert.deepEqual(third.parser.parsed, []);
      for (const name of ['projects.md', 'reading.md'])
        assert.deepEqual(third.index.facts(noteUri(name)), withoutUndefined(parseNote(noteUri(name), NOTES[name])));
      assert.deepEqual((await answersOf(third.index)).entities, expected.entities);
      assert.deepEqual(
        [...cacheWarnings(second.logger), ...cacheWarnings(third.logger)],
        [],
        "every note's facts match the hash kept with them",
      );
    });

    it('says nothing of a missing cache file at the first start, and writes the file whole when flushed', async () => {
      const workspace = workspaceOf(NOTES);
      const first = await start(workspace, cacheFile);
      assert.deepEqual(cacheWarnings(first.logger), [], 'a missing cache file is the normal first start, not a problem');
      assert.equal(existsSync(cacheFile), false, 'nothing is written before the save delay or a flush');
      await first.index.flushCache();
      assert.equal(decodeCache(readFileSync(cacheFile), BUILD).size, 3);
      assert.deepEqual(readdirSync(path.dirname(cacheFile)), ['cache.json'], 'no temporary file is left beside the cache');
    });

    it("knows which notes link to which files and which headings each note has, without reading any note's facts", async () => {
      const workspace = workspaceOf({ ...NOTES, 'index.md': '# Index\n\n[[reading]], and [the list](./reading.md?plain#reading-list).\n' });
      await (await start(workspace, cacheFile)).index.flushCache();
      const cache = new FactsCountingCache(cacheFile, BUILD, new RecordingLogger());
      const index = new NotesIndex(workspace, new CountingParser(), DEFAULT_CONFIG, new RecordingLogger(), cache);
      started.push(index);
      await index.indexWorkspace();
      await index.linkGraph.prepare([]);
      const linking = (name: string) => index.linkGraph.notesLinkingTo(noteUri(name)).map(nameOf).sort();
      assert.deepEqual(linking('projects.md'), ['reading.md']);
      assert.deepEqual(linking('reading.md'), ['index.md']);
      assert.deepEqual(linking('plans'), ['reading.md'], 'a link into a folder counts for the folder');
      assert.deepEqual(index.linkGraph.wikiLinkingNotes().map(nameOf), ['index.md']);
      assert.deepEqual(cache.factsRead, []);

      // Checking a note reads its own facts, not those of the notes whose headings it links to.
      await index.linkGraph.prepare([noteUri('reading.md')]);
      const codes = finish(noteDiagnosticSteps(index, noteUri('reading.md'), DEFAULT_CONFIG.links)).map((diagnostic) => diagnostic.code);
      assert.deepEqual(codes, ['link.anchor-not-found', 'link.file-not-found']);
      assert.deepEqual(cache.factsRead, ['reading.md']);
    });

    it("says why a link finds no heading where a line is written as one, from the summary, without reading that note's facts", async () => {
      const workspace = workspaceOf({ 'guide.md': '<details>\n## Setup\n</details>\n', 'note.md': '[setup](guide.md#setup)\n' });
      await (await start(workspace, cacheFile)).index.flushCache();
      const cache = new FactsCountingCache(cacheFile, BUILD, new RecordingLogger());
      const index = new NotesIndex(workspace, new CountingParser(), DEFAULT_CONFIG, new RecordingLogger(), cache);
      started.push(index);
      await index.indexWorkspace();
      await index.linkGraph.prepare([noteUri('note.md')]);
      const [diagnostic] = finish(noteDiagnosticSteps(index, noteUri('note.md'), DEFAULT_CONFIG.links));
      assert.match(diagnostic.message, /^No heading '#setup' in guide\.md: line 2 is written as that heading, but the HTML block/);
      assert.deepEqual(cache.factsRead, ['note.md']);
    });

    it('gives a restored note its text again on request (for quick fixes), unless the disk has changed since', async () => {
      const workspace = workspaceOf(NOTES);
      await (await start(workspace, cacheFile)).index.flushCache();
      const { index } = await start(workspace, cacheFile);
      const reading = noteUri('reading.md');
      assert.equal(index.text(reading), undefined, 'a closed note keeps only its facts');
      assert.equal(await index.loadText(reading), true);
      assert.equal(index.text(reading), NOTES['reading.md']);

      workspace.write(noteUri('log.md'), "# Log\n\nRewritten behind the index's back.\n");
      assert.equal(await index.loadText(noteUri('log.md')), false, 'text that no longer matches the facts is not handed out');
    });
  });

  describe('notes changed between two starts', () => {
    it('parses again exactly the note whose bytes changed, even when its size did not', async () => {
      const workspace = workspaceOf(NOTES);
      await (await start(workspace, cacheFile)).index.flushCache();
      const changed = { ...NOTES, 'log.md': NOTES['log.md'].replace('Triton later', 'Tritan later') };
      assert.equal(changed['log.md'].length, NOTES['log.md'].length);
      workspace.write(noteUri('log.md'), changed['log.md']);

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['log.md']);
      assert.deepEqual(second.read, ['log.md']);
      const triton = second.index.allEntities().find((entity) => entity.name === 'Triton')!;
      assert.deepEqual(
        second.index.mentionsOf(triton.id).map(where).sort(),
        ['projects.md:10:0', 'reading.md:3:51'],
        'the log no longer names Triton',
      );
      assert.deepEqual(await answersOf(second.index, changed), await answersOf(await startWithoutCache(workspace), changed));
    });

    it('does not parse a note only touched (same bytes, newer modification time), and remembers the new time', async () => {
      const workspace = workspaceOf(NOTES);
      const first = await start(workspace, cacheFile);
      const expected = await answersOf(first.index);
      await first.index.flushCache();
      workspace.touch(noteUri('reading.md'));
      workspace.touch(noteUri('projects.md'));

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.parsed, []);
      assert.deepEqual(second.read, ['projects.md', 'reading.md'], 'a touched note is read to compare its bytes');
      assert.deepEqual(await answersOf(second.index), expected);
      await second.index.flushCache();
      const stamps = decodeCache(readFileSync(cacheFile), BUILD);
      const disk = await workspace.statNote(noteUri('reading.md'));
      assert.equal(stamps.get(noteUri('reading.md'))?.stamp.mtimeMs, disk?.mtimeMs, 'the cache is brought up to the new time');

      const third = await start(workspace, cacheFile);
      assert.deepEqual(third.parser.parsed, []);
      assert.deepEqual(third.read, [], 'the new times were saved: nothing is read again');
    });

    it('parses again a note rewritten, same size, in the instant it was indexed (its time cannot tell)', async () => {
      const workspace = new JustWrittenWorkspace(Object.fromEntries(Object.entries(NOTES).map(([name, text]) => [noteUri(name), text])));
      const first = await start(workspace, cacheFile);
      assert.equal(hoverAt(first.index, 'reading.md', 3, 'Triton'), 'Triton @3:51-57');
      await first.index.flushCache();
      const changed = { ...NOTES, 'reading.md': NOTES['reading.md'].replace('Triton kernels', 'Tritan kernels') };
      workspace.write(noteUri('reading.md'), changed['reading.md']);
      assert.deepEqual(await workspace.statNote(noteUri('reading.md')), {
        uri: noteUri('reading.md'),
        size: Buffer.byteLength(NOTES['reading.md']),
        mtimeMs: workspace.instant,
      });

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['reading.md']);
      assert.equal(hoverAt(second.index, 'reading.md', 3, 'Tritan', changed), undefined);
      const triton = second.index.allEntities().find((entity) => entity.name === 'Triton')!;
      assert.deepEqual(second.index.mentionsOf(triton.id).map(where).sort(), ['log.md:4:15', 'projects.md:10:0']);
    });

    it('makes restored notes find a project name defined since the last start (their texts are read again)', async () => {
      const workspace = workspaceOf(NOTES);
      const first = await start(workspace, cacheFile);
      assert.equal(hoverAt(first.index, 'reading.md', 3, 'FlashInfer'), undefined, 'not a project yet');
      await first.index.flushCache();
      const changed = { ...NOTES, 'projects.md': `${NOTES['projects.md']}\n${FLASHINFER_DEFINITION}` };
      workspace.write(noteUri('projects.md'), changed['projects.md']);

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['projects.md'], 'the other notes are read again, not parsed');
      assert.deepEqual(second.read, ['log.md', 'projects.md', 'reading.md']);
      assert.equal(second.index.text(noteUri('reading.md')), undefined, "a closed note's text is dropped again once matched");
      assert.equal(hoverAt(second.index, 'reading.md', 3, 'FlashInfer'), 'FlashInfer @3:67-77');
      const flashInfer = second.index.allEntities().find((entity) => entity.name === 'FlashInfer')!;
      assert.equal(second.index.noteCountMentioning(flashInfer.id), 2);
      assert.deepEqual(await answersOf(second.index, changed), await answersOf(await startWithoutCache(workspace), changed));

      // The mentions found at the second start are what the cache keeps: a third start needs no reading or parsing.
      await second.index.flushCache();
      const third = await start(workspace, cacheFile);
      assert.deepEqual(third.parser.parsed, []);
      assert.deepEqual(third.read, []);
      assert.equal(hoverAt(third.index, 'reading.md', 3, 'FlashInfer'), 'FlashInfer @3:67-77');
      assert.equal(third.index.text(noteUri('reading.md')), undefined);
    });

    it('makes restored notes forget a project name removed since the last start', async () => {
      const workspace = workspaceOf(NOTES);
      await (await start(workspace, cacheFile)).index.flushCache();
      const changed = { ...NOTES, 'projects.md': NOTES['projects.md'].replace('Triton: https://github.com/triton-lang/triton\n', '') };
      workspace.write(noteUri('projects.md'), changed['projects.md']);

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['projects.md']);
      assert.equal(hoverAt(second.index, 'reading.md', 3, 'Triton'), undefined);
      assert.equal(hoverAt(second.index, 'log.md', 4, 'Triton'), undefined);
      assert.deepEqual(
        second.index
          .allEntities()
          .map((entity) => entity.name)
          .sort(),
        ['SGLang', 'vLLM'],
      );
    });

    it('forgets a note deleted since the last start, and indexes one added', async () => {
      const workspace = workspaceOf(NOTES);
      await (await start(workspace, cacheFile)).index.flushCache();
      workspace.delete(noteUri('log.md'));
      const added = '# Plans\n\nMove serving from vLLM to SGLang.\n';
      workspace.write(noteUri('plans/missing.md'), added);

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['plans/missing.md']);
      const texts: Record<string, string> = { ...NOTES, 'plans/missing.md': added };
      delete texts['log.md'];
      const answers = await answersOf(second.index, texts);
      assert.deepEqual(answers, await answersOf(await startWithoutCache(workspace), texts));
      assert.deepEqual(answers.notes, ['plans/missing.md', 'projects.md', 'reading.md']);
      assert.deepEqual(
        answers.diagnostics.find(([note]) => note === 'reading.md')?.[1],
        ['link.anchor-not-found 5:61'],
        'the plan the reading list links to now exists',
      );
    });
  });

  describe('an unusable cache file', () => {
    /** Ways a cache file goes bad, each with what the warning must say. */
    const damages: Array<[what: string, damage: (bytes: Buffer) => Buffer, says: RegExp]> = [
      ['garbage bytes', () => Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x7b, 0x6e, 0x6f, 0x70, 0x65, 0xfe]), /unusable/],
      ['an empty file', () => Buffer.alloc(0), /unusable \(no header\)/],
      ['a file cut in the middle', (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)), /unusable \(truncated: \d+ of \d+ bytes\)/],
      [
        'a summary altered but of the same length',
        (bytes) => alterLast(bytes, 'vllm-project', 'vllm-pr0ject'),
        /unusable \(checksum mismatch\)/,
      ],
      ['line starts or mentions altered', (bytes) => alterNumbers(bytes), /unusable \(checksum mismatch\)/],
      [
        'numbers written in the other byte order',
        (bytes) => withHeader(bytes, (header) => ({ ...header, byteOrder: header.byteOrder === 'LE' ? 'BE' : 'LE' })),
        /unusable \(written on a machine of another byte order\)/,
      ],
      [
        'another format version',
        (bytes) => withHeader(bytes, (header) => ({ ...header, version: 99 })),
        /unusable \(format version 99, this build reads \d+\)/,
      ],
      ['a file that is not an index cache', () => Buffer.from('{"hello":"world"}\n{}'), /unusable \(not an index cache\)/],
      [
        'a file of the first format (one JSON body, before facts were kept apart)',
        () => firstFormatFile(),
        /unusable \(format version 1, this build reads \d+\)/,
      ],
    ];

    for (const [what, damage, says] of damages) {
      it(`rebuilds from the notes after ${what}, says so once, and writes a good file again`, async () => {
        const workspace = workspaceOf(NOTES);
        const first = await start(workspace, cacheFile);
        const expected = await answersOf(first.index);
        await first.index.flushCache();
        writeFileSync(cacheFile, damage(readFileSync(cacheFile)));
        await checkRecovery(workspace, expected, says);
      });
    }

    it('reads a note again when its own facts in the cache are damaged, says so once, and answers as before', async () => {
      const workspace = workspaceOf(NOTES);
      const first = await start(workspace, cacheFile);
      const expected = await answersOf(first.index);
      await first.index.flushCache();
      const bytes = readFileSync(cacheFile);
      const factsStart = bytes.indexOf(10) + 1;
      const damaged = Buffer.from(bytes.subarray(factsStart).toString('latin1').replace('Reading list', 'Reading lisT'), 'latin1');
      assert.notDeepEqual(damaged, bytes.subarray(factsStart), 'the facts of reading.md were altered');
      writeFileSync(cacheFile, Buffer.concat([bytes.subarray(0, factsStart), damaged]));

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.parsed, [], 'the summary is sound: every note is restored at start');
      for (const uri of second.index.noteUris()) second.index.facts(uri);
      for (let wait = 0; wait < 100 && second.index.facts(noteUri('reading.md'))?.headings.length === 0; wait++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(second.parser.names(), ['reading.md']);
      assert.deepEqual(await answersOf(second.index), expected);
      const warnings = cacheWarnings(second.logger);
      assert.equal(warnings.length, 1, second.logger.lines.join('\n'));
      assert.match(warnings[0], /reading\.md: its cached facts are damaged; reading the note again/);
    });

    it('rebuilds from the notes when the cache was written by another build of the parser, says so once, and writes a good file again', async () => {
      const workspace = workspaceOf(NOTES);
      const first = await start(workspace, cacheFile, 'an-older-build');
      const expected = await answersOf(first.index);
      await first.index.flushCache();
      await checkRecovery(workspace, expected, /unusable \(written by another build of the parser\)/);
    });

    /** A start on the damaged file parses every note, answers right, warns once; after a flush the file restores a start. */
    async function checkRecovery(
      workspace: CountingWorkspace,
      expected: Awaited<ReturnType<typeof answersOf>>,
      says: RegExp,
    ): Promise<void> {
      const second = await start(workspace, cacheFile);
      const warnings = cacheWarnings(second.logger);
      assert.equal(warnings.length, 1, second.logger.lines.join('\n'));
      assert.match(warnings[0], says);
      assert.ok(warnings[0].includes(cacheFile), 'the warning names the file');
      assert.deepEqual(second.parser.names(), ['log.md', 'projects.md', 'reading.md']);
      assert.deepEqual(await answersOf(second.index), expected);

      await second.index.flushCache();
      assert.equal(decodeCache(readFileSync(cacheFile), BUILD).size, 3);
      const third = await start(workspace, cacheFile);
      assert.deepEqual(third.parser.parsed, []);
      assert.deepEqual(third.read, []);
      assert.deepEqual(cacheWarnings(third.logger), []);
      assert.deepEqual(await answersOf(third.index), expected);
    }

    /** A cache as the first release wrote it: a header, then one JSON body holding every note. */
    function firstFormatFile(): Buffer {
      const body = Buffer.from(JSON.stringify({ ids: [], signatures: [], notes: [] }));
      const header = {
        format: 'marginalia-index-cache',
        version: 1,
        build: BUILD,
        notes: 0,
        bodyBytes: body.length,
        bodySha1: createHash('sha1').update(body).digest('hex'),
        writtenAt: '2026-11-01T00:00:00.000Z',
      };
      return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
    }

    /** The bytes with the last number of the numbers section (a mention's owners) changed. */
    function alterNumbers(bytes: Buffer): Buffer {
      const newline = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { factsBytes: number; numbersBytes: number };
      assert.ok(header.numbersBytes > 0, 'the cache holds numbers');
      const altered = Buffer.from(bytes);
      altered[newline + 1 + header.factsBytes + header.numbersBytes - 4] ^= 1;
      return altered;
    }

    function withHeader(bytes: Buffer, edit: (header: Record<string, unknown>) => Record<string, unknown>): Buffer {
      const newline = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Record<string, unknown>;
      return Buffer.concat([Buffer.from(JSON.stringify(edit(header))), bytes.subarray(newline)]);
    }
  });

  describe('notes open in an editor', () => {
    it("never saves an editor's unsaved text as what the disk holds: the next start reads the disk", async () => {
      const workspace = workspaceOf(NOTES);
      const { index } = await start(workspace, cacheFile);
      const unsaved = NOTES['reading.md'].replace('compared vLLM with SGLang', 'compared two servers');
      await index.setOpenText(noteUri('reading.md'), unsaved);
      assert.equal(index.noteCountMentioning('github:vllm-project/vllm'), 2, "the editor's text counts while it is open");
      await index.flushCache();

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['reading.md']);
      assert.equal(hoverAt(second.index, 'reading.md', 3, 'vLLM'), 'vLLM @3:22-26');
      assert.equal(second.index.noteCountMentioning('github:vllm-project/vllm'), 3);
    });

    it('costs the next start one parse, not a reading of every note, when the note left out defines names', async () => {
      const workspace = workspaceOf(NOTES);
      const { index } = await start(workspace, cacheFile);
      await index.setOpenText(noteUri('projects.md'), `${NOTES['projects.md']}\nUnsaved remark.\n`);
      await index.flushCache();

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.names(), ['projects.md']);
      assert.deepEqual(second.read, ['projects.md'], 'the restored notes keep their mentions: names are the same once the walk is done');
      assert.equal(hoverAt(second.index, 'reading.md', 3, 'SGLang'), 'SGLang @3:32-38');
    });

    it('saves a note the editor opened before the first start read it, when it shows what the disk holds', async () => {
      const workspace = workspaceOf(NOTES);
      const logger = new RecordingLogger();
      const index = new NotesIndex(workspace, new CountingParser(), DEFAULT_CONFIG, logger, new FileIndexCache(cacheFile, BUILD, logger));
      started.push(index);
      await index.setOpenText(noteUri('reading.md'), NOTES['reading.md']);
      await index.indexWorkspace();
      await index.flushCache();

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.parsed, []);
    });

    it('opens a restored note without parsing it, answers in it at once, and parses it again once edited', async () => {
      const workspace = workspaceOf(NOTES);
      const { index } = await start(workspace, cacheFile);
      await index.flushCache();

      const second = await start(workspace, cacheFile);
      await second.index.setOpenText(noteUri('reading.md'), NOTES['reading.md']);
      assert.deepEqual(second.parser.parsed, [], 'the cache holds the facts of exactly this text');
      assert.equal(hoverAt(second.index, 'reading.md', 3, 'vLLM'), 'vLLM @3:22-26');
      assert.equal(second.index.text(noteUri('reading.md')), NOTES['reading.md']);
      assert.ok(second.index.facts(noteUri('reading.md'))?.links.length, 'its facts are there for the features that read them');

      const edited = NOTES['reading.md'].replace('compared vLLM with SGLang', 'compared two servers');
      await second.index.setOpenText(noteUri('reading.md'), edited);
      assert.deepEqual(second.parser.names(), ['reading.md']);
      assert.equal(second.index.noteCountMentioning('github:vllm-project/vllm'), 2);
      await second.index.setOpenText(noteUri('reading.md'), NOTES['reading.md']);
      assert.deepEqual(second.parser.names(), ['reading.md', 'reading.md'], "an open note's facts follow the editor, not the cache");
      assert.equal(second.index.noteCountMentioning('github:vllm-project/vllm'), 3);
    });

    it('saves a note opened without changes, so the next start restores it', async () => {
      const workspace = workspaceOf(NOTES);
      const { index } = await start(workspace, cacheFile);
      await index.setOpenText(noteUri('reading.md'), NOTES['reading.md']);
      await index.flushCache();

      const second = await start(workspace, cacheFile);
      assert.deepEqual(second.parser.parsed, []);
      assert.equal(hoverAt(second.index, 'reading.md', 3, 'vLLM'), 'vLLM @3:22-26');
    });
  });

  describe('two editor windows on one vault', () => {
    it('leaves a whole file when both save at the same moment, from which a third window restores correctly', async () => {
      const files = { ...NOTES };
      // Enough notes that the two writes take a while and overlap.
      for (let n = 0; n < 300; n++)
        files[`daily/${String(n).padStart(3, '0')}.md`] = `# Day ${n}\n\nServed model ${n} with vLLM, profiled with Triton.\n`;
      const workspace = workspaceOf(files);
      await (await start(workspace, cacheFile)).index.flushCache();
      const left = await start(workspace, cacheFile);
      const right = await start(workspace, cacheFile);

      // Each window hears of the change it made itself.
      workspace.write(noteUri('projects.md'), `${NOTES['projects.md']}\n${FLASHINFER_DEFINITION}`);
      await left.index.applyFileChanges([{ uri: noteUri('projects.md'), deleted: false }]);
      workspace.write(noteUri('log.md'), '# Log\n\n- FlashInfer beat the baseline.\n');
      await right.index.applyFileChanges([{ uri: noteUri('log.md'), deleted: false }]);
      await Promise.all([left.index.flushCache(), right.index.flushCache()]);

      assert.deepEqual([...cacheWarnings(left.logger), ...cacheWarnings(right.logger)], []);
      assert.doesNotThrow(() => decodeCache(readFileSync(cacheFile), BUILD));
      assert.deepEqual(readdirSync(path.dirname(cacheFile)), ['cache.json'], 'no temporary file is left beside the cache');

      const third = await start(workspace, cacheFile);
      // Each window's change is in the file, whichever wrote last: one appended, the other rewrote it with its
      // own changes over what the file held. No note is parsed (the log is matched again for the new name).
      assert.deepEqual(third.parser.parsed, [], third.parser.names().join(', '));
      const texts = {
        ...files,
        'projects.md': `${NOTES['projects.md']}\n${FLASHINFER_DEFINITION}`,
        'log.md': '# Log\n\n- FlashInfer beat the baseline.\n',
      };
      assert.deepEqual(await answersOf(third.index, texts), await answersOf(await startWithoutCache(workspace), texts));
      const flashInfer = third.index.allEntities().find((entity) => entity.name === 'FlashInfer')!;
      assert.deepEqual(third.index.mentionsOf(flashInfer.id).map(where).sort(), ['log.md:3:2', 'projects.md:12:0', 'reading.md:3:67']);
    });
  });

  describe('a batch of file changes', () => {
    it('reads 50 new notes and 2 deletions in one rebuild, and restored notes find the new names', async () => {
      const files = { ...NOTES, 'wishlist.md': '# Wishlist\n\nTry Kernelforge07 and Kernelforge49 on the new cluster.\n' };
      const workspace = workspaceOf(files);
      await (await start(workspace, cacheFile)).index.flushCache();
      const { index, parser } = await start(workspace, cacheFile);
      assert.deepEqual(parser.parsed, []);
      const heard: string[][] = [];
      index.onDidChange((uris) => heard.push(uris));

      const added = Array.from({ length: 50 }, (_, n) => {
        const id = String(n).padStart(2, '0');
        const uri = noteUri(`tools/kernelforge${id}.md`);
        workspace.write(uri, `# Kernelforge${id}\n\nKernelforge${id}: https://github.com/acme/kernelforge${id}\n`);
        return uri;
      });
      workspace.delete(noteUri('log.md'));
      workspace.delete(noteUri('projects.md'));
      await index.applyFileChanges([
        ...added.map((uri) => ({ uri, deleted: false })),
        { uri: noteUri('log.md'), deleted: true },
        { uri: noteUri('projects.md'), deleted: true },
      ]);

      assert.equal(heard.length, 1, 'one rebuild for the whole batch');
      assert.deepEqual([...heard[0]].sort(), [...added, noteUri('log.md'), noteUri('projects.md')].sort());
      assert.deepEqual(parser.names(), added.map(nameOf).sort());
      assert.equal(index.allEntities().length, 50);
      assert.equal(hoverAt(index, 'wishlist.md', 3, 'Kernelforge07', files), 'Kernelforge07 @3:4-17');
      assert.equal(hoverAt(index, 'wishlist.md', 3, 'Kernelforge49', files), 'Kernelforge49 @3:22-35');
      assert.deepEqual(
        index
          .noteUris()
          .filter((uri) => !added.includes(uri))
          .map(nameOf)
          .sort(),
        ['reading.md', 'wishlist.md'],
      );
      assert.equal(index.facts(noteUri('log.md')), undefined);
      assert.equal(hoverAt(index, 'reading.md', 3, 'vLLM'), undefined, 'vLLM was defined in a deleted note');
    });
  });

  describe('a cache that cannot be written', () => {
    it('warns and keeps the index working when the cache folder cannot be created', async () => {
      const blocker = path.join(folder, 'not-a-folder');
      writeFileSync(blocker, 'a regular file where the cache folder should be');
      const location = path.join(blocker, 'index', 'cache.json');
      const workspace = workspaceOf(NOTES);
      const { index, logger } = await start(workspace, location);

      await index.flushCache();
      const warnings = cacheWarnings(logger).filter((line) => line.includes('could not be written'));
      assert.equal(warnings.length, 1, logger.lines.join('\n'));
      assert.ok(warnings[0].includes(location));

      assert.equal(hoverAt(index, 'reading.md', 3, 'vLLM'), 'vLLM @3:22-26');
      workspace.write(noteUri('projects.md'), `${NOTES['projects.md']}\n${FLASHINFER_DEFINITION}`);
      await index.applyFileChanges([{ uri: noteUri('projects.md'), deleted: false }]);
      assert.equal(hoverAt(index, 'reading.md', 3, 'FlashInfer'), 'FlashInfer @3:67-77');
      await index.flushCache();
      assert.equal(
        readFileSync(blocker, 'utf8'),
        'a regular file where the cache folder should be',
        'nothing is written over the file in the way',
      );
    });
  });

  describe('the file format', () => {
    it('round-trips the facts, mentions and line starts of the five seed notes exactly, the summary written in one piece or many', async () => {
      // What the index itself hands to the cache, for the five seeds parsed for real.
      const capture = new CapturingCache();
      const seeds = Object.values(SEED);
      const workspace = workspaceOf(Object.fromEntries(seeds.map((name) => [name, seedText(name)])));
      const index = new NotesIndex(workspace, new InProcessParser(), DEFAULT_CONFIG, new RecordingLogger(), capture);
      await index.indexWorkspace();
      await index.flushCache();
      assert.deepEqual(capture.saved.map(([uri]) => uri).sort(), seeds.map(noteUri).sort());
      // One stamp racy, so that the flag is round-tripped too.
      const notes = capture.saved.map(([uri, note], n): [string, CachedNote] => [
        uri,
        n === 0 ? { ...note, stamp: { ...note.stamp, racy: true } } : note,
      ]);
      assert.ok(
        notes.every(([, note]) => note.mentions.length > 0),
        'every seed gives the format mentions to carry',
      );

      // A save writes the summary a chunk at a time; tiny chunks split it between every row.
      assert.equal(
        [...cachePieces(notes, BUILD, 200)].length,
        3 * notes.length + 2,
        'facts, numbers, one summary chunk per note and the tables, header',
      );
      for (const chunkBytes of [undefined, 200]) {
        const decoded = decodeCache(encodeCache(notes, BUILD, chunkBytes), BUILD);
        assert.deepEqual(
          [...decoded.keys()],
          notes.map(([uri]) => uri),
        );
        for (const [uri, note] of notes) {
          const back = decoded.get(uri)!;
          const text = seedText(nameOf(uri));
          // A key whose value is undefined (`frontMatter` of a note without any) comes back absent, which reads the same.
          assert.deepEqual(finish(parsedFactsSteps(back.facts)), withoutUndefined(parseNote(uri, text)), `facts of ${nameOf(uri)}`);
          assert.deepEqual([...back.mentions], [...note.mentions], `mentions of ${nameOf(uri)}`);
          assert.deepEqual([...back.lineStarts], [...new LineMap(text).lineStarts], `line starts of ${nameOf(uri)}`);
          assert.equal(back.textLength, text.length);
          const rest = (cached: CachedNote) =>
            withoutUndefined({ ...cached, facts: undefined, mentions: undefined, lineStarts: undefined });
          assert.deepEqual(rest(back), rest(note), `stamp, candidates and matcher of ${nameOf(uri)}`);
        }
      }
    });

    it("keeps one cache file per set of workspace folders, whatever their order, in the editor's storage when it has one", () => {
      const vault = cacheFileFor(['file:///home/me/vault', 'file:///home/me/papers']);
      assert.equal(cacheFileFor(['file:///home/me/papers', 'file:///home/me/vault']), vault);
      assert.notEqual(cacheFileFor(['file:///home/me/vault']), vault);
      assert.ok(vault.startsWith(path.join(process.env.XDG_CACHE_HOME!, 'marginalia', 'index')), vault);
      const stored = cacheFileFor(['file:///home/me/vault'], '/editor/storage');
      assert.equal(path.dirname(stored), path.join('/editor/storage', 'index'));
    });
  });

  it('stamps a file of many megabytes a slice at a time, to the stamp one hash gives', async () => {
    const bytes = new TextEncoder().encode('简介 '.repeat(3_000_000));
    let pauses = 0;
    const sliced = await inSlices(stampSteps(bytes, 1000, 5000), async () => void pauses++);
    const hash = createHash('sha1').update(bytes).digest('hex');
    assert.deepEqual(sliced, { size: bytes.length, mtimeMs: 1000, hash, racy: false });
    assert.deepEqual(finish(stampSteps(bytes, 1000, 5000)), sliced, 'run through at once, the same stamp');
    assert.ok(pauses >= 2, `${pauses} pauses`);
  });
});
