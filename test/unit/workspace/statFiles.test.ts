import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStatter } from '../../../server/src/workspace/statFiles';

describe("stat'ing the files of a listing", () => {
  let root: string;
  let files: string[];

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-stat-'));
    // More than two batches, every file a different size, and one missing in the middle.
    files = Array.from({ length: 250 }, (_, index) => path.join(root, `note-${index}.md`));
    files.forEach((file, index) => index !== 123 && writeFileSync(file, 'x'.repeat(index)));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  const sizes = (stats: Array<{ size: number } | undefined>) => stats.map((stat) => stat?.size);
  const expected = () => Array.from({ length: 250 }, (_, index) => (index === 123 ? undefined : index));

  it('answers every file in the order asked, undefined for one that is gone, on a fast disk without the thread pool', async () => {
    const statter = new FileStatter(() => 0);
    assert.deepEqual(sizes(await statter.statAll(files)), expected());
    assert.equal(statter.asynchronous, false);
  });

  it('goes through the thread pool once a batch turns out slow, with the same answers', async () => {
    let clock = 0;
    const statter = new FileStatter(() => (clock += 50));
    assert.deepEqual(sizes(await statter.statAll(files)), expected());
    assert.equal(statter.asynchronous, true);
  });

  it('gives the event loop a turn between batches, so that requests are answered meanwhile', async () => {
    const statter = new FileStatter(() => 0);
    let answered = false;
    setImmediate(() => (answered = true));
    assert.equal(await statter.statAll(files).then(() => answered), true);
  });
});
