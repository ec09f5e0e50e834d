import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bytesWrittenSince, cacheContents, listFiles, saveInProgress, writtenSince, type FileState } from '../../../bench/cacheFolder';
import { ioBetween, readProcessIo } from '../../../bench/processIo';

const state = (file: string, size: number, mtimeMs = 1, ino = 1): FileState => ({ file, size, mtimeMs, ino });

describe('bench: what a save wrote to the cache folder', () => {
  it('counts a file renamed over the old one whole', () => {
    assert.equal(bytesWrittenSince([state('index.json', 80)], [state('index.json', 81, 2, 2)]), 81);
  });

  it('counts a new file whole and an unchanged one not at all', () => {
    assert.equal(bytesWrittenSince([state('a.json', 50)], [state('a.json', 50), state('journal.bin', 7, 3, 9)]), 7);
  });

  it('counts a file grown in place by what it grew, and one rewritten in place whole', () => {
    assert.equal(bytesWrittenSince([state('journal.bin', 100, 1, 5)], [state('journal.bin', 130, 2, 5)]), 30);
    assert.equal(bytesWrittenSince([state('segment.bin', 100, 1, 5)], [state('segment.bin', 100, 2, 5)]), 100);
  });

  it('names what changed, and sees a save under way by its temporary file', () => {
    const before = [state('a.json', 1), state('b.json', 2)];
    const after = [state('a.json', 1), state('b.json', 2, 5), state('a.json.123.abcd.tmp', 0)];
    assert.deepEqual(
      writtenSince(before, after).map((file) => file.file),
      ['b.json', 'a.json.123.abcd.tmp'],
    );
    assert.equal(saveInProgress(after), true);
    assert.equal(saveInProgress(before), false);
  });

  it('lists files at any depth with their sizes; nothing for a missing folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cache-folder-'));
    try {
      mkdirSync(path.join(dir, 'marginalia', 'index'), { recursive: true });
      writeFileSync(path.join(dir, 'marginalia', 'index', 'one.json'), 'abc');
      writeFileSync(path.join(dir, 'top.bin'), 'de');
      assert.deepEqual(
        listFiles(dir)
          .map((file) => [file.file, file.size])
          .sort(),
        [
          [path.join('marginalia', 'index', 'one.json'), 3],
          ['top.bin', 2],
        ],
      );
      assert.deepEqual(cacheContents(dir), { files: 2, bytes: 5 });
      assert.deepEqual(listFiles(path.join(dir, 'missing')), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench: what a process wrote', () => {
  it('reads /proc/<pid>/io where there is one, and nothing for no process', function () {
    assert.equal(readProcessIo(undefined), null);
    const now = readProcessIo(process.pid);
    if (!now) this.skip();
    assert.ok(now.writeBytes >= 0 && now.wchar >= 0);
    assert.deepEqual(ioBetween({ writeBytes: 10, wchar: 20 }, { writeBytes: 15, wchar: 50 }), { writeBytes: 5, wchar: 30 });
    assert.equal(ioBetween(null, now), null);
  });
});
