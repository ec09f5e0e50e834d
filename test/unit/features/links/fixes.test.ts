import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../server/src/config';
import { fixAllInNote, IGNORE_TARGET_COMMAND } from '../../../../server/src/features/links/fixes';
import { SEED, seedLine } from '../../helpers';
import { afterFix, checked, fixesFor, titled } from './helpers';

describe('quick fixes for links, each applied and checked again', () => {
  it('link.missing-scheme: adds https:// (seed 003 line 36)', async () => {
    const files = { 'note.md': `${seedLine(SEED.weekly, 36)}\n` };
    const [fix] = await fixesFor(files, 'link.missing-scheme');
    assert.equal(fix.isPreferred, true);
    const { text, diagnostics } = await afterFix(files, fix);
    assert.match(text, /\(https:\/\/www\.coursera\.org\/learn\/algorithmic-toolbox\)/);
    assert.deepEqual(diagnostics, []);
  });

  it('link.reversed: writes (text)[address] as [text](address)', async () => {
    const files = { 'note.md': '- (Modern GPU)[https://nvlabs.github.io/moderngpu/] - fast CUDA code.\n' };
    const [fix] = await fixesFor(files, 'link.reversed');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.title, 'Write it as [Modern GPU](https://nvlabs.github.io/moderngpu/)');
    const { text, diagnostics } = await afterFix(files, fix);
    assert.equal(text, '- [Modern GPU](https://nvlabs.github.io/moderngpu/) - fast CUDA code.\n');
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

    it('removes a [text](#) placeholder and keeps its text', async () => {
      const files = { 'note.md': '- FlashAttention [Paper](#)\n' };
      const [fix] = await fixesFor(files, 'link.empty');
      assert.equal(fix.title, "Remove the empty link, keep 'Paper'");
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, '- FlashAttention Paper\n');
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

  it('link.reference-undefined: uses the defined label a slip was meant for, keeping the text, in full, collapsed and shortcut form', async () => {
    const definitions = '\n\n[feature-enhancement]: https://example.com/labels/feature-enhancement\n';
    const cases: Array<[string, string]> = [
      ['Filed as [a request][feature-enhancemment].', 'Filed as [a request][feature-enhancement].'],
      ['Filed as [Feature_Enhancement][].', 'Filed as [Feature_Enhancement][feature-enhancement].'],
      ['Filed as [feature enhancements].', 'Filed as [feature enhancements][feature-enhancement].'],
    ];
    for (const [written, fixed] of cases) {
      const files = { 'note.md': written + definitions };
      const [fix] = await fixesFor(files, 'link.reference-undefined');
      assert.equal(fix.title, 'Use [feature-enhancement]');
      assert.equal(fix.isPreferred, true);
      const { text, diagnostics } = await afterFix(files, fix);
      assert.equal(text, fixed + definitions);
      assert.deepEqual(diagnostics, []);
    }
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
