import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../server/src/config';
import type { LinkCode } from '../../../../server/src/features/links/codes';
import { fixAllInNote, IGNORE_TARGET_COMMAND, quickFixes, type LinkFix } from '../../../../server/src/features/links/fixes';
import type { LinkSettings } from '../../../../server/src/features/links/policy';
import { SEED, seedLine } from '../../helpers';
import { applyEdits, checked, type Files } from './helpers';

/** The fixes offered for the first diagnostic with `code` in `name`, open in an editor as code actions ask. */
async function fixesFor(files: Files, code: LinkCode, name = 'note.md') {
  const { index, diagnosticsOf, uri } = await checked(files);
  await index.setOpenText(uri(name), String(files[name]));
  const all = diagnosticsOf(name);
  const diagnostic = all.find((candidate) => candidate.code === code);
  assert.ok(diagnostic, `a ${code} diagnostic in ${name}: ${JSON.stringify(all.map((item) => item.code))}`);
  return quickFixes(index, uri(name), diagnostic, all);
}

/** Applies a fix to the note and checks it again: the note's diagnostics after the fix. */
async function afterFix(files: Files, fix: LinkFix, name = 'note.md', settings?: LinkSettings) {
  const text = applyEdits(String(files[name]), fix.edits);
  const { diagnosticsOf } = await checked({ ...files, [name]: text }, settings);
  return { text, diagnostics: diagnosticsOf(name).map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`) };
}

function titled(fixes: LinkFix[], title: RegExp): LinkFix {
  const fix = fixes.find((candidate) => title.test(candidate.title));
  assert.ok(fix, `a fix titled ${title} among: ${fixes.map((candidate) => candidate.title).join(' | ')}`);
  return fix;
}

describe('quick fixes for links, each applied and checked again', () => {
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

    it('suggests nothing when no file name is close (seed 004 line 232 in a workspace without images)', async () => {
      const files = { 'unrelated.md': '# x\n', 'note.md': `${seedLine(SEED.learnAi, 232)}\n` };
      const fixes = await fixesFor(files, 'link.file-not-found');
      assert.ok(
        fixes.every((fix) => !fix.title.startsWith('Change to')),
        fixes.map((fix) => fix.title).join(' | '),
      );
    });
  });

  it('link.anchor-not-found: changes the fragment to the nearest heading of the target note', async () => {
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

  it('link.anchor-not-found: writes the exact anchor of a fragment that slugs to a heading, preferred, and all of them at once', async () => {
    const files = {
      'tree.md': '## 8. 在二叉查找树中寻找两个节点，使它们的和为一个给定值\n\n## Getting Started\n',
      'note.md': '[8](tree.md#8-在二叉查找树中寻找两个节点，使它们的和为一个给定值)\n[g](<tree.md#Getting Started>) [x](tree.md#nowhere)\n',
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

  it('link.missing-scheme: adds https:// (seed 003 line 36)', async () => {
    const files = { 'note.md': `${seedLine(SEED.weekly, 36)}\n` };
    const [fix] = await fixesFor(files, 'link.missing-scheme');
    assert.equal(fix.isPreferred, true);
    const { text, diagnostics } = await afterFix(files, fix);
    assert.match(text, /\(https:\/\/www\.coursera\.org\/learn\/algorithmic-toolbox\)/);
    assert.deepEqual(diagnostics, []);
  });

  describe('link.empty', () => {
    it('removes a link without a target and keeps its text, formatting included', async () => {
      const files = { 'note.md': 'Read **[the *guide*]()** now.\n' };
      const [fix] = await fixesFor(files, 'link.empty');
      assert.equal(fix.title, "Remove the empty link, keep 'the *guide*'");
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, 'Read **the *guide*** now.\n');
      assert.deepEqual(diagnostics, []);
    });

    it('removes the empty links of seed 004 line 3 entirely', async () => {
      const files = { 'note.md': `${seedLine(SEED.learnAi, 3)}\n` };
      const [fix] = await fixesFor(files, 'link.empty');
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, '- \n');
      assert.deepEqual(diagnostics, []);
    });

    it('fills [](url) from the entity the URL belongs to', async () => {
      const files = {
        'projects.md': '# Tools\n\nTriton: https://github.com/triton-lang/triton\n',
        'note.md': 'Use [](https://github.com/triton-lang/triton).\n',
      };
      const [fix] = await fixesFor(files, 'link.empty');
      assert.equal(fix.title, "Use 'Triton' as the link text");
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, 'Use [Triton](https://github.com/triton-lang/triton).\n');
      assert.deepEqual(diagnostics, []);
    });

    it("fills [](note.md#heading) from the heading, and [](note.md) from the note's title", async () => {
      const files = { 'guide.md': '# The [Setup] Guide\n\n## Linux 安装\n', 'note.md': '[](guide.md#linux-安装) and [](guide.md)\n' };
      const [fix] = await fixesFor(files, 'link.empty');
      const once = await afterFix(files, fix);
      assert.equal(once.text, '[Linux 安装](guide.md#linux-安装) and [](guide.md)\n');
      const [next] = await fixesFor({ ...files, 'note.md': once.text }, 'link.empty');
      const twice = await afterFix({ ...files, 'note.md': once.text }, next);
      assert.equal(twice.text, '[Linux 安装](guide.md#linux-安装) and [The \\[Setup\\] Guide](guide.md)\n');
      assert.deepEqual(twice.diagnostics, []);
    });

    it('turns [](url) of an unknown site into an autolink', async () => {
      const files = { 'note.md': 'See [](https://example.com/page).\n' };
      const [fix] = await fixesFor(files, 'link.empty');
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, 'See <https://example.com/page>.\n');
      assert.deepEqual(diagnostics, []);
    });
  });

  it('link.reference-undefined: defines the reference from the entity of the same name', async () => {
    const files = {
      'projects.md': '# Tools\n\nTriton: https://github.com/triton-lang/triton\n',
      'note.md': 'We use [Triton][triton] kernels.\n',
    };
    const [fix] = await fixesFor(files, 'link.reference-undefined');
    assert.equal(fix.title, 'Define [triton] as https://github.com/triton-lang/triton (Triton)');
    const { text, diagnostics } = await afterFix(files, fix);
    assert.equal(text, 'We use [Triton][triton] kernels.\n\n[triton]: https://github.com/triton-lang/triton\n');
    assert.deepEqual(diagnostics, []);
  });

  it('link.reference-unused: deletes the definition line', async () => {
    const files = { 'note.md': 'A [b].\n\n[b]: https://example.com/b\n[spare]: https://example.com/c\n' };
    const [fix] = await fixesFor(files, 'link.reference-unused');
    const { text, diagnostics } = await afterFix(files, fix);
    assert.equal(text, 'A [b].\n\n[b]: https://example.com/b\n');
    assert.deepEqual(diagnostics, []);
  });

  it('link.reference-duplicate: deletes the ignored duplicate', async () => {
    const files = { 'note.md': 'A [b].\n\n[b]: https://example.com/b\n[b]: https://example.com/other\n' };
    const [fix] = await fixesFor(files, 'link.reference-duplicate');
    const { text, diagnostics } = await afterFix(files, fix);
    assert.equal(text, 'A [b].\n\n[b]: https://example.com/b\n');
    assert.deepEqual(diagnostics, []);
  });

  describe('silencing and ignoring', () => {
    it('silences a link with a comment at the end of its line, before a hard line break', async () => {
      const files = { 'note.md': 'First [a](gone.md)  \nsecond line\n' };
      const fix = titled(await fixesFor(files, 'link.file-not-found'), /^Silence/);
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, 'First [a](gone.md) <!-- marginalia-ignore -->  \nsecond line\n');
      assert.deepEqual(diagnostics, []);
    });

    it('silences a definition with a comment on the line above, which keeps the definition a definition', async () => {
      const files = { 'note.md': 'A [b].\n\n[b]: gone.md\n' };
      const fix = titled(await fixesFor(files, 'link.file-not-found'), /^Silence/);
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, 'A [b].\n\n<!-- marginalia-ignore-next-line -->\n[b]: gone.md\n');
      assert.deepEqual(diagnostics, []);
    });

    it('offers the client command that adds the target to marginalia.links.ignore; with it there, nothing is reported', async () => {
      const files = { 'note.md': 'See [x](<https://exa mple.com/>).\n' };
      const fix = titled(await fixesFor(files, 'link.malformed-url'), /^Ignore links to/);
      assert.deepEqual(fix.command, {
        title: 'Ignore links to https://exa mple.com/',
        command: IGNORE_TARGET_COMMAND,
        arguments: ['https://exa mple.com/'],
      });
      assert.deepEqual(fix.edits, []);
      const ignoring = { ...DEFAULT_CONFIG.links, ignore: fix.command!.arguments as string[] };
      assert.deepEqual((await afterFix(files, fix, 'note.md', ignoring)).diagnostics, []);
    });
  });

  describe('fixing all of a kind', () => {
    it('fixes every web address without a scheme in the note at once', async () => {
      const files = { 'note.md': '[a](www.example.com/a) [b](github.com/x/y)\n[c](gone.md)\n' };
      const fix = titled(await fixesFor(files, 'link.missing-scheme'), /^Fix all 2 web addresses/);
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, '[a](https://www.example.com/a) [b](https://github.com/x/y)\n[c](gone.md)\n');
      assert.deepEqual(
        diagnostics.map((line) => line.split(':')[0]),
        ['link.file-not-found'],
      );
    });

    it('removes all empty-target links of seed 004 Reference list at once', async () => {
      const list = [3, 4, 5, 6].map((line) => seedLine(SEED.learnAi, line)).join('\n');
      const files = { 'note.md': `# Reference\n${list}\n` };
      const fix = titled(await fixesFor(files, 'link.empty'), /^Fix all 4 links without a target/);
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, '# Reference\n- \n- \n- \n- \n');
      assert.deepEqual(diagnostics, []);
    });

    it('source.fixAll.marginalia fixes only what needs no guess: schemes, exact anchors and duplicate definitions', async () => {
      const files = {
        'note.md':
          '## Set up\n[a](www.example.com/a) [b] [s](<#Set up>) [t](#set-upp)\n\n[b]: https://example.com/b\n[b]: https://example.com/c\n[unused]: https://example.com/d\n',
      };
      const { index, diagnosticsOf, uri } = await checked(files);
      await index.setOpenText(uri('note.md'), String(files['note.md']));
      const fix = fixAllInNote(index, uri('note.md'), diagnosticsOf('note.md'));
      assert.ok(fix);
      assert.equal(fix.kind, 'source.fixAll.marginalia');
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(
        text,
        '## Set up\n[a](https://www.example.com/a) [b] [s](<#set-up>) [t](#set-upp)\n\n[b]: https://example.com/b\n[unused]: https://example.com/d\n',
      );
      assert.deepEqual(
        diagnostics.map((line) => line.split(':')[0]),
        ['link.anchor-not-found', 'link.reference-unused'],
      );
    });
  });
});
