import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitRemotesOf } from '../../../server/src/workspace/nodeWorkspace';

describe('the repository a notes folder lives in', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-git-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the remotes of the repository above a notes folder, as its config writes them', async () => {
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'docs', 'notes'), { recursive: true });
    writeFileSync(
      path.join(root, '.git', 'config'),
      '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:someone/ml-notes.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[remote "mirror"]\n\turl = https://gitee.com/someone/ml-notes\n',
    );
    assert.deepEqual(await gitRemotesOf(path.join(root, 'docs', 'notes')), [
      'git@github.com:someone/ml-notes.git',
      'https://gitee.com/someone/ml-notes',
    ]);
  });

  it("follows a worktree's .git file to the repository's config, and finds none where there is no repository", async () => {
    mkdirSync(path.join(root, 'main', '.git', 'worktrees', 'wt'), { recursive: true });
    writeFileSync(path.join(root, 'main', '.git', 'config'), '[remote "origin"]\n\turl = https://github.com/someone/notes\n');
    writeFileSync(path.join(root, 'main', '.git', 'worktrees', 'wt', 'commondir'), '../..\n');
    mkdirSync(path.join(root, 'wt'));
    writeFileSync(path.join(root, 'wt', '.git'), `gitdir: ${path.join(root, 'main', '.git', 'worktrees', 'wt')}\n`);
    assert.deepEqual(await gitRemotesOf(path.join(root, 'wt')), ['https://github.com/someone/notes']);
    const bare = mkdtempSync(path.join(os.tmpdir(), 'marginalia-nogit-'));
    try {
      assert.deepEqual(await gitRemotesOf(bare), []);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
