import assert from 'node:assert/strict';
import { SEED, seedLine } from '../../helpers';
import { afterFix, fixesFor, titled } from './helpers';

describe('fixes that point a dead link at the nearest file or heading', () => {
  describe('link.file-not-found: the nearest existing file', () => {
    it('changes a misspelt note link to the closest note, keeping the relative path and the fragment', async () => {
      const files = { 'guides/setup-guide.md': '# Setup\n\n## Linux\n', 'notes/note.md': 'See [setup](../guides/setup-guid.md#linux).\n' };
      const fixes = await fixesFor(files, 'link.file-not-found', 'notes/note.md');
      const [best] = fixes;
      assert.equal(best.title, 'Change to ../guides/setup-guide.md#linux');
      assert.equal(best.isPreferred, true);
      const { text, diagnostics } = await afterFix(files, best, 'notes/note.md');
      assert.equal(text, 'See [setup](../guides/setup-guide.md#linux).\n');
      assert.deepEqual(diagnostics, []);
    });

    it('finds a renamed image among the files other links show to exist, and writes spaces so the link still parses', async () => {
      const files = { 'img/fig 1.png': new Uint8Array([1]), 'other.md': '![a](<img/fig 1.png>)\n', 'note.md': '![b](img/fig-1.png)\n' };
      const fix = (await fixesFor(files, 'link.file-not-found'))[0];
      assert.equal(fix.title, 'Change to img/fig%201.png');
      assert.deepEqual((await afterFix(files, fix)).diagnostics, []);
    });

    it('finds a renamed image that no other link mentions, among the files of the workspace', async () => {
      const files = {
        'learn-AI.assets/light-cuda-toolkit.png': new Uint8Array([1]),
        'note.md': '![/light-cuda-toolkit](learn-AI.assets/light-cuda-toolkit.svg)\n',
      };
      const fix = (await fixesFor(files, 'link.file-not-found'))[0];
      assert.equal(fix.title, 'Change to learn-AI.assets/light-cuda-toolkit.png');
      assert.deepEqual((await afterFix(files, fix)).diagnostics, []);
    });

    it('keeps a workspace-root link rooted', async () => {
      const files = { 'docs/intro.md': '# Intro\n', 'notes/deep/note.md': '[i](/docs/intro.mdx)\n' };
      const fix = (await fixesFor(files, 'link.file-not-found', 'notes/deep/note.md'))[0];
      assert.equal(fix.title, 'Change to /docs/intro.md');
      assert.deepEqual((await afterFix(files, fix, 'notes/deep/note.md')).diagnostics, []);
    });

    it('scores the whole path: a missing wg-api-expression/README.md finds the archived folder, not any README.md', async () => {
      const files = {
        'README.md': '# Home\n',
        'sig-auth/README.md': '# Auth\n',
        'docs/README.md': '# Docs\n',
        'archive/wg-api-expression/README.md': '# WG API Expression\n',
        'note.md': '[WG](/wg-api-expression/README.md)\n',
      };
      const [best, ...others] = await fixesFor(files, 'link.file-not-found');
      assert.equal(best.title, 'Change to /archive/wg-api-expression/README.md');
      assert.equal(best.isPreferred, true);
      assert.ok(others.every((fix) => !fix.isPreferred));
      assert.deepEqual((await afterFix(files, best)).diagnostics, []);
    });

    it('offers a same-named file in unrelated folders without preferring it, so "fix all" never applies that guess', async () => {
      const files = { 'sig-auth/README.md': '# Auth\n', 'note.md': '[WG](wg-api-expression/README.md)\n' };
      const [only] = await fixesFor(files, 'link.file-not-found');
      assert.equal(only.title, 'Change to sig-auth/README.md');
      assert.equal(only.isPreferred, false);
    });

    it('suggests nothing when no file name is close (seed 004 line 232 in a workspace without images)', async () => {
      const files = { 'unrelated.md': '# x\n', 'note.md': `${seedLine(SEED.learnAi, 232)}\n` };
      const fixes = await fixesFor(files, 'link.file-not-found');
      assert.ok(
        fixes.every((fix) => !fix.title.startsWith('Change to')),
        fixes.map((fix) => fix.title).join(' | '),
      );
    });
  });

  describe('link.anchor-not-found: the exact anchor, else the nearest heading', () => {
    it('changes the fragment to the nearest heading of the target note', async () => {
      const files = { 'other.md': '# Other\n\n## Installation\n\n## 目录\n', 'note.md': '[a](other.md#instalation) [b](other.md#目彔)\n' };
      const fixes = await fixesFor(files, 'link.anchor-not-found');
      assert.equal(fixes[0].title, 'Change to #installation (Installation)');
      assert.equal(fixes[0].isPreferred, true);
      const first = await afterFix(files, fixes[0]);
      assert.equal(first.text, '[a](other.md#installation) [b](other.md#目彔)\n');
      const second = (await fixesFor({ ...files, 'note.md': first.text }, 'link.anchor-not-found'))[0];
      assert.equal(second.title, 'Change to #目录 (目录)');
      assert.deepEqual((await afterFix({ ...files, 'note.md': first.text }, second)).diagnostics, []);
    });

    it('writes the exact anchor of a fragment that slugs to a heading, preferred, and all of them at once', async () => {
      const files = {
        'tree.md': '## 8. 在二叉查找树中寻找两个节点，使它们的和为一个给定值\n\n## Getting Started\n',
        'note.md':
          '[8](tree.md#8-在二叉查找树中寻找两个节点，使它们的和为一个给定值)\n[g](<tree.md#Getting Started>) [x](tree.md#nowhere)\n',
      };
      const [exact, ...others] = await fixesFor(files, 'link.anchor-not-found');
      assert.equal(
        exact.title,
        'Change to #8-在二叉查找树中寻找两个节点使它们的和为一个给定值 (8. 在二叉查找树中寻找两个节点，使它们的和为一个给定值)',
      );
      assert.equal(exact.isPreferred, true);
      assert.ok(others.every((fix) => !fix.title.startsWith('Change to')));
      const all = titled(others, /^Fix all 2 fragments not written as the exact anchor/);
      const { text, diagnostics } = await afterFix(files, all);
      assert.equal(
        text,
        '[8](tree.md#8-在二叉查找树中寻找两个节点使它们的和为一个给定值)\n[g](<tree.md#getting-started>) [x](tree.md#nowhere)\n',
      );
      assert.deepEqual(diagnostics, ["link.anchor-not-found: No heading '#nowhere' in tree.md"]);
    });

    it('scores headings on the link text too: [C++](#cpp) finds the C++ heading, not C', async () => {
      const files = { 'langs.md': '# Languages\n\n## C\n\n## C++\n', 'note.md': '[C++](langs.md#cpp)\n' };
      const [best] = await fixesFor(files, 'link.anchor-not-found');
      assert.equal(best.title, 'Change to #c-1 (C++)');
      assert.equal(best.isPreferred, true);
      assert.deepEqual((await afterFix(files, best)).diagnostics, []);
    });

    it('in a translated note, offers the heading at the place where the translation beside it has the fragment', async () => {
      const files = {
        'README.md': '# Marginalia\n\n## Installation\n\n## Usage\n',
        'README.zh-CN.md': '# Marginalia\n\n## 安装\n\n## 使用\n\n见[用法](#usage)。\n',
      };
      const [byPlace] = await fixesFor(files, 'link.anchor-not-found', 'README.zh-CN.md');
      assert.equal(byPlace.title, 'Change to #使用 (使用), where a translation of the note has #usage');
      assert.equal(byPlace.isPreferred, false);
      assert.deepEqual((await afterFix(files, byPlace, 'README.zh-CN.md')).diagnostics, []);
    });

    it('prefers no weak guess: a short fragment one edit away from a heading is offered only', async () => {
      const files = { 'other.md': '# Other\n\n## 目录\n\n## Setup\n', 'note.md': '[b](other.md#目彔)\n' };
      const fixes = await fixesFor(files, 'link.anchor-not-found');
      assert.equal(fixes[0].title, 'Change to #目录 (目录)');
      assert.equal(fixes[0].isPreferred, false);
    });
  });
});
