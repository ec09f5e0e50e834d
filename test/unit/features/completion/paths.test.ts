import assert from 'node:assert/strict';
import { completionsAt } from '../../../../server/src/features/completion/completion';
import { indexOf, noteUri } from '../../helpers';
import { accepted, completeIn, itemLabelled, labels } from './helpers';

const NAME = { entityLinks: 'name' } as const;

/** A small vault: nested folders, a folder and a note named with a space and Chinese, images and other files. */
const VAULT = {
  'sub/intro.md': '# Intro\n',
  'sub/deep/leaf.md': '# Leaf\n',
  'my notes/读书 笔记.md': '# 读书\n',
  'assets/图 1.png': 'png',
  'assets/diagram.svg': '<svg/>',
  'assets/data.csv': 'a,b',
  'drafts/todo.txt': 'later',
  '.obsidian/app.json': '{}',
  'z.md': '# Z\n',
};

describe('completing a link destination with workspace files', () => {
  it('lists the folders, then the files, of the note’s own folder after `](`', async () => {
    const answer = await completeIn({ ...VAULT, 'guide.md': 'See [x](‸\n' }, 'guide.md');
    assert.deepEqual(labels(answer), ['assets/', 'drafts/', 'my notes/', 'sub/', 'guide.md', 'z.md']);
    assert.deepEqual(
      answer.items.map((item) => item.kind),
      ['folder', 'folder', 'folder', 'folder', 'note', 'note'],
    );
    assert.equal(answer.isIncomplete, false);
  });

  it('continues inside the folder typed so far, and filters by what is typed of the name', async () => {
    const inSub = await completeIn({ ...VAULT, 'guide.md': 'See [x](sub/‸\n' }, 'guide.md');
    assert.deepEqual(labels(inSub), ['deep/', 'intro.md']);
    const typed = await completeIn({ ...VAULT, 'guide.md': 'See [x](sub/de‸\n' }, 'guide.md');
    assert.deepEqual(labels(typed), ['deep/']);
    assert.equal(accepted(typed.text, typed.items[0]), 'See [x](sub/deep/');
  });

  it('goes up with `../` and starts at the workspace folder with `/`', async () => {
    const up = await completeIn({ ...VAULT, 'sub/deep/here.md': '[x](../‸)' }, 'sub/deep/here.md');
    assert.deepEqual(labels(up), ['deep/', 'intro.md']);
    const rooted = await completeIn({ ...VAULT, 'sub/deep/here.md': '[x](/sub/deep/‸)' }, 'sub/deep/here.md');
    assert.deepEqual(labels(rooted), ['here.md', 'leaf.md']);
  });

  it('offers only images, and the folders holding some, after `![](`', async () => {
    const top = await completeIn({ ...VAULT, 'guide.md': '![fig](‸\n' }, 'guide.md');
    assert.deepEqual(labels(top), ['assets/']);
    const assets = await completeIn({ ...VAULT, 'guide.md': '![fig](assets/‸\n' }, 'guide.md');
    assert.deepEqual(labels(assets), ['diagram.svg', '图 1.png']);
  });

  it('completes the destination of a reference definition too', async () => {
    const answer = await completeIn({ ...VAULT, 'guide.md': '[later]: dr‸\n' }, 'guide.md');
    assert.deepEqual(labels(answer), ['drafts/']);
  });

  it('leaves hidden files out unless a dot is typed', async () => {
    const hidden = await completeIn({ ...VAULT, 'guide.md': '[x](.‸)' }, 'guide.md');
    assert.deepEqual(labels(hidden), ['.obsidian/']);
  });

  it('offers nothing in a web address, nor in code', async () => {
    assert.deepEqual(labels(await completeIn({ ...VAULT, 'guide.md': '[x](https://github.com/vl‸)' }, 'guide.md')), []);
    assert.deepEqual(labels(await completeIn({ ...VAULT, 'guide.md': 'write `[x](‸`' }, 'guide.md')), []);
    assert.deepEqual(labels(await completeIn({ ...VAULT, 'guide.md': '```md\n[x](‸\n```\n' }, 'guide.md')), []);
  });
});

describe('writing a completed path as the note writes its links', () => {
  const chinese = { ...VAULT, 'guide.md': 'See [x](my%20notes/‸\n' };

  it('encodes spaces as %20 and leaves Chinese as it is when the note says nothing else', async () => {
    const answer = await completeIn(chinese, 'guide.md');
    assert.equal(accepted(answer.text, itemLabelled(answer, '读书 笔记.md')), 'See [x](my%20notes/读书%20笔记.md');
  });

  it('leaves Chinese as it is when the note’s links write it so', async () => {
    const note = '![图](assets/图%201.png)\nSee [x](my%20notes/‸\n';
    const answer = await completeIn({ ...VAULT, 'guide.md': note }, 'guide.md');
    assert.equal(accepted(answer.text, itemLabelled(answer, '读书 笔记.md')), 'See [x](my%20notes/读书%20笔记.md');
  });

  it('percent-encodes Chinese when the note’s links encode it', async () => {
    const note = '![图](assets/%E5%9B%BE%201.png)\nSee [x](my%20notes/‸\n';
    const answer = await completeIn({ ...VAULT, 'guide.md': note }, 'guide.md');
    assert.equal(
      accepted(answer.text, itemLabelled(answer, '读书 笔记.md')),
      'See [x](my%20notes/%E8%AF%BB%E4%B9%A6%20%E7%AC%94%E8%AE%B0.md',
    );
  });

  it('writes spaces as they are inside an angle-bracket destination', async () => {
    const answer = await completeIn({ ...VAULT, 'guide.md': 'See [x](<my notes/‸\n' }, 'guide.md');
    assert.equal(accepted(answer.text, itemLabelled(answer, '读书 笔记.md')), 'See [x](<my notes/读书 笔记.md');
  });
});

describe('the files completion knows, as the workspace changes', () => {
  it('lists a note created after the first completion, and no longer one deleted', async () => {
    const { index, workspace } = await indexOf({ 'guide.md': '[x](\n', 'old.md': '# Old\n' });
    const listed = () =>
      labels(completionsAt(index, { uri: noteUri('guide.md'), position: { line: 0, character: 4 }, lineText: () => '[x](' }, NAME));
    assert.deepEqual(listed(), ['guide.md', 'old.md']);
    workspace.write(noteUri('new/fresh.md'), '# Fresh\n');
    await index.refreshFromDisk(noteUri('new/fresh.md'));
    workspace.delete(noteUri('old.md'));
    await index.removeNote(noteUri('old.md'));
    assert.deepEqual(listed(), ['new/', 'guide.md']);
  });
});
