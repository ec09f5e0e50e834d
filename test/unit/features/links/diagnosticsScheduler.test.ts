import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../server/src/config';
import { DiagnosticsScheduler, type NoteDiagnostics } from '../../../../server/src/features/links/diagnosticsScheduler';
import type { NotesIndex } from '../../../../server/src/index/notesIndex';
import { RecordingLogger, indexOf, noteUri } from '../../helpers';

/** A scheduler over the index whose published diagnostics are recorded, note by note, in the order sent. */
function scheduled(index: NotesIndex, open: ReadonlySet<string> = new Set()) {
  const published: Array<[string, NoteDiagnostics]> = [];
  const scheduler = new DiagnosticsScheduler(
    {
      logger: new RecordingLogger(),
      index: () => index,
      indexed: async () => undefined,
      settings: () => DEFAULT_CONFIG.links,
      isOpen: (uri) => open.has(uri),
      publish: (uri, found) => published.push([uri, found]),
    },
    new Map(),
  );
  index.onDidChange((changed) => scheduler.indexChanged(changed));
  /** What was published for each note since the last call, as `name: code code …`. */
  const sent = () =>
    published
      .splice(0)
      .map(([uri, found]) => `${uri.split('/').pop()}: ${found.diagnostics.map((diagnostic) => diagnostic.code).join(' ')}`);
  return { scheduler, published, sent };
}

/** Long enough for edits to settle and the check to run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('the link diagnostics scheduler', () => {
  it('checks a changed note and the notes linking to it once edits settle, publishing only what has or had problems', async () => {
    const { index, workspace } = await indexOf({ 'a.md': '[b](b.md)\n', 'b.md': '# B\n', 'c.md': 'No links.\n' });
    const { scheduler, sent } = scheduled(index);
    scheduler.indexChanged(index.noteUris());
    await settled();
    assert.deepEqual(sent(), [], 'no note has problems, and none had');

    workspace.delete(noteUri('b.md'));
    await index.removeNote(noteUri('b.md'));
    await settled();
    assert.deepEqual(sent(), ['a.md: link.file-not-found']);

    workspace.write(noteUri('b.md'), '# B\n');
    await index.refreshFromDisk(noteUri('b.md'));
    await settled();
    assert.deepEqual(sent(), ['a.md: '], 'the note whose problem went away is told so, once');
  });

  it('waits for edits to settle: changes in quick succession are checked once', async () => {
    const { index } = await indexOf({ 'a.md': '[gone](gone.md)\n' });
    const { scheduler, sent } = scheduled(index);
    for (let change = 0; change < 5; change++) scheduler.indexChanged([noteUri('a.md')]);
    await settled();
    assert.deepEqual(sent(), ['a.md: link.file-not-found']);
  });

  it("checks a large note a slice at a time, and keeps an open one's diagnostics for its code actions while it is unchanged", async () => {
    const row = 'We ran kernels against [a missing baseline](baseline.md) and liked it.\n\n';
    const rows = Math.ceil(1_100_000 / row.length);
    const large = noteUri('large.md');
    const { index } = await indexOf({ 'large.md': row.repeat(rows) });
    await index.setOpenText(large, row.repeat(rows));
    assert.ok(index.isLarge(large));
    const { scheduler, published } = scheduled(index, new Set([large]));
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    try {
      scheduler.refresh([large]);
      for (let wait = 0; wait < 200 && !published.length; wait++) await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      clearInterval(ticker);
    }
    const [[uri, found]] = published;
    assert.equal(uri, large);
    assert.equal(found.diagnostics.length, rows);
    assert.ok(turns > 2, `the event loop turned ${turns} times during the check`);
    await index.linkGraph.prepare([large]);
    assert.equal(scheduler.current(index, large), found.diagnostics, 'the very diagnostics published, not found again');

    await index.setOpenText(large, `# Changed\n\n${row.repeat(rows)}`);
    const again = scheduler.current(index, large);
    assert.notEqual(again, found.diagnostics, 'a changed note is checked again');
    assert.equal(again.length, rows);
    assert.equal(again[0].range.start.line, 2);
    // The change is checked and published too, once edits settle.
    for (let wait = 0; wait < 200 && published.length < 2; wait++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.deepEqual(published[1][1].diagnostics, again);
  });
});
