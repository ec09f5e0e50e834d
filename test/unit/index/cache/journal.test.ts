import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../../../server/src/config';
import { InProcessParser } from '../../../../server/src/pipeline/inProcessParser';
import { decodeCacheFrom } from '../../../../server/src/index/cache/cacheFile';
import { bufferSource } from '../../../../server/src/index/cache/cacheSource';
import { decodeCache, FileIndexCache, hashBytes, type CachedNote } from '../../../../server/src/index/indexCache';
import { NoteMentions } from '../../../../server/src/index/noteMentions';
import { NotesIndex } from '../../../../server/src/index/notesIndex';
import { MemoryWorkspace } from '../../../../server/src/workspace/memoryWorkspace';
import { RecordingLogger, noteUri } from '../../helpers';

const BUILD = 'test-build-1';

/** A vault of `count` daily notes naming projects that one note defines. */
function vault(count: number): Record<string, string> {
  const notes: Record<string, string> = {
    [noteUri('projects.md')]:
      '# Projects\n\n| Name | About |\n|---|---|\n| [vLLM](https://github.com/vllm-project/vllm) | serving |\n| [Triton](https://github.com/triton-lang/triton) | kernels |\n',
  };
  for (let n = 0; n < count; n++) {
    const lines = Array.from(
      { length: 8 },
      (_, line) => `- Run ${n}.${line}: served with vLLM, profiled the kernels with Triton, see [the table](../projects.md).`,
    );
    notes[noteUri(`daily/${String(n).padStart(3, '0')}.md`)] = `# Day ${n}\n\n${lines.join('\n')}\n`;
  }
  return notes;
}

/** The snapshot's length and the journal's records of a cache file. */
function layoutOf(file: string) {
  const decoded = decodeCacheFrom(bufferSource(readFileSync(file)), BUILD);
  return {
    snapshotBytes: decoded.snapshotBytes,
    records: decoded.journal.bodies.length,
    skipped: decoded.journal.skippedBytes,
    torn: decoded.journal.tornTailBytes,
    notes: decoded.notes,
  };
}

function cacheLines(logger: RecordingLogger): string[] {
  return logger.lines.filter((line) => line.includes('index cache') && !line.includes('notes unchanged'));
}

describe('the index cache journal', () => {
  let folder: string;
  let cacheFile: string;
  const started: NotesIndex[] = [];

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'marginalia-cache-journal-'));
    cacheFile = path.join(folder, 'index', 'cache.json');
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((index) => index.flushCache()));
    rmSync(folder, { recursive: true, force: true });
  });

  async function start(workspace: MemoryWorkspace, minJournalBytes?: number) {
    const logger = new RecordingLogger();
    const parsed: string[] = [];
    const inner = new InProcessParser();
    const parser = { parse: (uri: string, text: string) => (parsed.push(uri), inner.parse(uri, text)), dispose() {} };
    const index = new NotesIndex(
      workspace,
      parser,
      DEFAULT_CONFIG,
      logger,
      new FileIndexCache(cacheFile, BUILD, logger, { minJournalBytes }),
    );
    started.push(index);
    await index.indexWorkspace();
    return { index, logger, parsed };
  }

  /** Rewrites a note on disk and tells the index, as a save from another editor would. */
  async function change(workspace: MemoryWorkspace, index: NotesIndex, uri: string, text: string): Promise<void> {
    workspace.write(uri, text);
    await index.applyFileChanges([{ uri, deleted: false }]);
    await index.flushCache();
  }

  it("writes about one note's share of the file after one note changed, appended in place", async () => {
    const notes = vault(200);
    const workspace = new MemoryWorkspace(notes);
    await (await start(workspace)).index.flushCache();
    const before = statSync(cacheFile);
    const share = before.size / Object.keys(notes).length;

    const { index } = await start(workspace);
    const day = noteUri('daily/042.md');
    await change(workspace, index, day, `${notes[day]}- One more line, served with vLLM.\n`);
    const after = statSync(cacheFile);
    assert.equal(after.ino, before.ino, 'appended to, not rewritten');
    const written = after.size - before.size;
    assert.ok(
      written < 2 * share && written < before.size / 50,
      `${written} bytes written for a note whose share of the ${before.size}-byte file is ${Math.round(share)}`,
    );
    assert.equal(layoutOf(cacheFile).records, 1);

    const third = await start(workspace);
    assert.deepEqual(third.parsed, [], 'the changed note comes from its journal record');
    assert.equal(third.index.text(day), undefined);
    assert.ok(
      third.index.mentionsOf('github:vllm-project/vllm').some((location) => location.uri === day && location.range.start.line === 10),
    );
    assert.deepEqual(cacheLines(third.logger), []);
  });

  it('writes nothing when nothing the file holds changed, and a removal as a record of its own', async () => {
    const notes = vault(20);
    const workspace = new MemoryWorkspace(notes);
    await (await start(workspace)).index.flushCache();
    const { index } = await start(workspace);
    const size = statSync(cacheFile).size;
    await index.flushCache();
    assert.equal(statSync(cacheFile).size, size);

    workspace.delete(noteUri('daily/003.md'));
    await index.applyFileChanges([{ uri: noteUri('daily/003.md'), deleted: true }]);
    await index.flushCache();
    assert.ok(statSync(cacheFile).size - size < 200, 'a removal is a few bytes');
    assert.equal(decodeCache(readFileSync(cacheFile), BUILD).has(noteUri('daily/003.md')), false);
  });

  it('ignores a torn record at the end, and finds the records appended after one', async () => {
    const notes = vault(20);
    const workspace = new MemoryWorkspace(notes);
    await (await start(workspace)).index.flushCache();
    const first = await start(workspace);
    const torn = noteUri('daily/001.md');
    const later = noteUri('daily/002.md');
    await change(workspace, first.index, torn, `${notes[torn]}- Torn.\n`);
    const whole = statSync(cacheFile).size;
    // The window stops in the middle of its next append: half of a record stays at the end of the file.
    await change(workspace, first.index, torn, `${notes[torn]}- Torn again.\n`);
    const grown = statSync(cacheFile).size;
    truncateSync(cacheFile, whole + Math.floor((grown - whole) / 2));

    const second = await start(workspace);
    assert.deepEqual(second.parsed, [torn], 'the torn record is ignored: the note is parsed again, every other restored');
    assert.deepEqual(
      cacheLines(second.logger).filter((line) => line.startsWith('warn:')),
      [],
      'a record being written is not damage',
    );
    assert.ok(
      cacheLines(second.logger).some((line) =>
        /the last \d+ bytes of its journal are a record being written or cut short; ignored/.test(line),
      ),
    );

    // This window appends after the torn record: its records are read, the torn bytes skipped and reported.
    await change(workspace, second.index, later, `${notes[later]}- Later, with vLLM.\n`);
    assert.ok(layoutOf(cacheFile).skipped > 0);
    const third = await start(workspace);
    assert.deepEqual(third.parsed, [], 'both notes come from the records after the torn one');
    assert.ok(
      third.index.mentionsOf('github:vllm-project/vllm').some((location) => location.uri === later && location.range.start.line === 10),
    );
    assert.ok(
      cacheLines(third.logger).some((line) => /warn: .*damaged bytes of its journal skipped; the next save rewrites it/.test(line)),
    );
    // The next save rewrites the file without the damage.
    await change(workspace, third.index, later, `${notes[later]}- Later again.\n`);
    assert.deepEqual(layoutOf(cacheFile).skipped, 0);
    assert.equal(layoutOf(cacheFile).records, 0);
  });

  it('skips a record whose checksum fails, reports it, and answers from the snapshot for that note', async () => {
    const notes = vault(20);
    const workspace = new MemoryWorkspace(notes);
    await (await start(workspace)).index.flushCache();
    const first = await start(workspace);
    const day = noteUri('daily/005.md');
    await change(workspace, first.index, day, `${notes[day]}- Changed.\n`);
    const bytes = readFileSync(cacheFile);
    bytes[bytes.length - 10] ^= 0x20;
    writeFileSync(cacheFile, bytes);

    const second = await start(workspace);
    assert.deepEqual(second.parsed, [day]);
    assert.ok(
      cacheLines(second.logger).some((line) => /warn: .*damaged bytes of its journal skipped/.test(line)),
      second.logger.lines.join('\n'),
    );
  });

  it('compacts the journal into a new snapshot once it passes a quarter of the snapshot', async () => {
    const notes = vault(20);
    const workspace = new MemoryWorkspace(notes);
    await (await start(workspace)).index.flushCache();
    const { snapshotBytes } = layoutOf(cacheFile);
    const { index } = await start(workspace, 0);
    const inode = statSync(cacheFile).ino;
    let saves = 0;
    while (statSync(cacheFile).ino === inode) {
      const day = noteUri(`daily/${String(saves % 20).padStart(3, '0')}.md`);
      await change(workspace, index, day, `${notes[day]}- Save ${saves}.\n`);
      saves++;
      assert.ok(statSync(cacheFile).size < 1.5 * snapshotBytes, `the journal stays under a quarter of the snapshot (save ${saves})`);
    }
    assert.ok(saves > 1, `${saves} saves before the rewrite`);
    const compacted = layoutOf(cacheFile);
    assert.equal(compacted.records, 0);
    assert.equal(statSync(cacheFile).size, compacted.snapshotBytes);

    const next = await start(workspace);
    assert.deepEqual(next.parsed, []);
    assert.equal(next.index.noteUris().length, 21);
  });

  it('keeps every entry of two windows that append and compact at once, and a reader never sees a torn file', async () => {
    const uris = Array.from({ length: 60 }, (_, n) => noteUri(`n${n}.md`));
    const versions = (uri: string, version: number): [string, CachedNote] => [uri, syntheticNote(uri, version)];
    const logger = new RecordingLogger();
    await new FileIndexCache(cacheFile, BUILD, logger).save(uris.map((uri) => versions(uri, 0)));

    // Window A changes the first half of the notes, window B the second, one note per save, each knowing only its own changes.
    const windows = [0, 1].map((half) => ({
      half,
      cache: new FileIndexCache(cacheFile, BUILD, logger, { minJournalBytes: 0 }),
      version: new Map(uris.map((uri) => [uri, 0])),
    }));
    for (const window of windows) assert.ok(await window.cache.load());
    let reading = true;
    let reads = 0;
    const snapshots = new Set<number>();
    const reader = (async () => {
      while (reading) {
        snapshots.add(statSync(cacheFile).ino);
        const notes = decodeCache(readFileSync(cacheFile), BUILD);
        assert.equal(notes.size, uris.length);
        reads++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(
      windows.map(async (window) => {
        for (let save = 0; save < 60; save++) {
          const uri = uris[window.half * 30 + (save % 30)];
          window.version.set(uri, window.version.get(uri)! + 1);
          await window.cache.save(uris.map((each) => versions(each, window.version.get(each)!)));
        }
      }),
    );
    reading = false;
    await reader;

    assert.deepEqual(
      logger.lines.filter((line) => line.startsWith('warn:')),
      [],
    );
    const final = decodeCache(readFileSync(cacheFile), BUILD);
    for (const uri of uris) assert.equal(final.get(uri)?.stamp.mtimeMs, 2, `${uri} holds its window's last version`);
    assert.ok(reads > 5, `${reads} reads while the windows wrote`);
    assert.ok(snapshots.size > 2, `${snapshots.size - 1} compactions while the windows appended`);
  });
});

/** A cached note without a parse: its version is its modification time and is in its facts. */
function syntheticNote(uri: string, version: number): CachedNote {
  const json = Buffer.from(JSON.stringify({ uri, version, padding: 'x'.repeat(400) }));
  const sha1 = hashBytes(json);
  return {
    stamp: { size: 100 + version, mtimeMs: version, hash: hashBytes(`${uri}${version}`), racy: false },
    facts: { stored: true, sha1, bytes: () => json, rawBytes: () => json },
    entities: [],
    links: { localTargets: [], hasWikiLinks: false, anchors: [], lostHeadings: [] },
    lineStarts: new Uint32Array([0, 10]),
    textLength: 20,
    mentions: NoteMentions.none,
    entityLinks: [],
    matchedWith: 'signature',
  };
}
