import assert from 'node:assert/strict';
import { MemoryWorkspace } from '../../../../server/src/workspace/memoryWorkspace';
import { NotesIndex } from '../../../../server/src/index/notesIndex';
import { InProcessParser } from '../../../../server/src/pipeline/inProcessParser';
import { DEFAULT_CONFIG } from '../../../../server/src/config';
import { noteDiagnosticSteps } from '../../../../server/src/features/links/check';
import { finish } from '../../../../server/src/parse/steps';
import { webUrlsToCheck } from '../../../../server/src/features/links/webLinks';
import { RecordingLogger, SEED, noteUri, seedLine } from '../../helpers';
import { checked, problemsIn, sourceAt } from './helpers';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('local link checks', () => {
  describe('link.file-not-found', () => {
    it('reports a link to a missing note, naming the path, on the exact range of the target', async () => {
      const text = '# Notes\n\nSee [setup](guides/setup.md) first.\n';
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const [diagnostic] = diagnosticsOf('note.md');
      assert.equal(diagnostic.code, 'link.file-not-found');
      assert.equal(diagnostic.severity, 'error');
      assert.match(diagnostic.message, /guides\/setup\.md/);
      assert.equal(sourceAt(text, diagnostic.range), 'guides/setup.md');
    });

    it('reports the dead image of seed 004 line 67, and not the same image once the file exists', async () => {
      const line = seedLine(SEED.learnAi, 67);
      assert.equal(line, '![/light-cuda-toolkit](learn-AI.assets/light-cuda-toolkit.svg)');
      assert.deepEqual(await problemsIn({ 'note.md': `${line}\n` }), ['link.file-not-found learn-AI.assets/light-cuda-toolkit.svg']);
      assert.deepEqual(await problemsIn({ 'note.md': `${line}\n`, 'learn-AI.assets/light-cuda-toolkit.svg': '<svg/>' }), []);
    });

    it('reports `](../README.md#目录)` of seed 002 when the README is not there', async () => {
      const line = seedLine(SEED.frameworks, 788);
      assert.match(line, /\]\(\.\.\/README\.md#目录\)/);
      assert.deepEqual(await problemsIn({ 'notes/note.md': `${line}\n` }, 'notes/note.md'), ['link.file-not-found ../README.md#目录']);
    });

    it('resolves ../ paths, percent-encoded and non-ASCII names, and workspace-root links', async () => {
      const files = {
        'docs/guide one.md': '# Guide\n',
        'docs/目录.md': '# 目录\n',
        'assets/图 1.png': PNG,
        'notes/note.md': [
          '[a](../docs/guide%20one.md)',
          '[b](<../docs/guide one.md>)',
          '[c](../docs/目录.md)',
          '[d](../docs/%E7%9B%AE%E5%BD%95.md)',
          '![e](../assets/%E5%9B%BE%201.png)',
          '[f](/docs/目录.md)',
          '[g](/docs/missing.md)',
        ].join('\n\n'),
      };
      assert.deepEqual(await problemsIn(files, 'notes/note.md'), ['link.file-not-found /docs/missing.md']);
    });

    it('accepts queries, line fragments and links to folders', async () => {
      const files = {
        'src/main.py': 'print(1)\n',
        'src/lib/util.py': '',
        'note.md': '[a](src/main.py#L10) [b](src/main.py#L10-L20) [c](src/main.py?plain=1#L3C2) [d](src/) [e](src) [f](./src/lib)\n',
      };
      assert.deepEqual(await problemsIn(files), []);
    });

    it('leaves other schemes alone: mailto, tel, data, vscode, ftp, obsidian, a Windows drive', async () => {
      const text = [
        '[m](mailto:someone@example.com) [t](tel:+123) ![d](data:image/png;base64,iVBORw0KGgo=)',
        '[v](vscode://file/x.md) [f](ftp://ftp.example.com/x) [o](obsidian://open?vault=x) [w](C:\\notes\\x.md)',
      ].join('\n');
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
    });

    it('checks raw HTML <a href> and <img src> like Markdown links', async () => {
      const text = '<a href="missing.md">x</a>\n\n<img src="missing.png" alt="y"/>\n\n<a href="other.md">ok</a>\n';
      assert.deepEqual(await problemsIn({ 'note.md': text, 'other.md': '# Other\n' }), [
        'link.file-not-found missing.md',
        'link.file-not-found missing.png',
      ]);
    });

    it('never checks links inside fenced code, indented code or inline code', async () => {
      const text = [
        '```markdown',
        '[a](missing-a.md) [x][undefined] <img src="missing.png">',
        '```',
        '',
        '    [b](missing-b.md)',
        '',
        'Write `[c](missing-c.md)` or `[d][nowhere]` in a note.',
      ].join('\n');
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
    });

    it('lets the file system decide about case: a case-sensitive one reports `readme.md` for `README.md`, a case-insensitive one does not', async () => {
      const files = { 'README.md': '# Read me\n', 'note.md': '[r](readme.md)\n' };
      assert.deepEqual(await problemsIn(files), ['link.file-not-found readme.md']);
      class CaseInsensitiveWorkspace extends MemoryWorkspace {
        override async exists(uri: string): Promise<boolean> {
          return (await this.listNotes()).some((note) => note.uri.toLowerCase() === uri.toLowerCase()) || super.exists(uri);
        }
      }
      const workspace = new CaseInsensitiveWorkspace(
        Object.fromEntries(Object.entries(files).map(([name, text]) => [noteUri(name), text])),
      );
      const index = new NotesIndex(workspace, new InProcessParser(), DEFAULT_CONFIG, new RecordingLogger());
      await index.indexWorkspace();
      await index.linkGraph.prepare(index.noteUris());
      assert.deepEqual(finish(noteDiagnosticSteps(index, noteUri('note.md'), DEFAULT_CONFIG.links)), []);
    });
  });

  describe('link.anchor-not-found', () => {
    const headings = '# Intro\n\n## 目录\n\n## Setup\n\n## Setup\n\n### Getting Started {#start}\n\n<a id="custom-anchor"></a>\n';

    it('checks fragments of the same note against GitHub slugs, CJK and duplicate suffixes included', async () => {
      const text = `${headings}\n[a](#intro) [b](#目录) [c](#setup) [d](#setup-1) [e](#setup-2) [f](#%E7%9B%AE%E5%BD%95) [g](#nowhere)\n`;
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const diagnostics = diagnosticsOf('note.md');
      assert.deepEqual(
        diagnostics.map((diagnostic) => [diagnostic.code, sourceAt(text, diagnostic.range)]),
        [
          ['link.anchor-not-found', '#setup-2'],
          ['link.anchor-not-found', '#nowhere'],
        ],
      );
      assert.match(diagnostics[1].message, /#nowhere.*this note/);
    });

    it('checks fragments of another note against that note, and names it', async () => {
      const { diagnosticsOf } = await checked({ 'other.md': headings, 'note.md': '[a](other.md#目录) [b](./other.md#gone)\n' });
      const [diagnostic, ...rest] = diagnosticsOf('note.md');
      assert.equal(rest.length, 0);
      assert.equal(diagnostic.code, 'link.anchor-not-found');
      assert.match(diagnostic.message, /#gone.*other\.md/);
    });

    it('accepts HTML anchors, {#id} heading ids, any letter case, GitHub user-content- ids and #top', async () => {
      const text = `${headings}\n[a](#custom-anchor) [b](#start) [c](#Intro) [d](#user-content-intro) [e](#top) [f](#L12)\n`;
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
    });

    describe('fragments written as heading text rather than as the exact anchor', () => {
      const tree = '## 8. 在二叉查找树中寻找两个节点，使它们的和为一个给定值\n\n## Getting Started\n';
      const links = '[8](tree.md#8-在二叉查找树中寻找两个节点，使它们的和为一个给定值) [g](<tree.md#Getting Started>)\n';

      it('are dead links on GitHub: reported with the exact anchor, which stays silent', async () => {
        const { diagnosticsOf } = await checked({ 'tree.md': tree, 'note.md': links });
        assert.deepEqual(
          diagnosticsOf('note.md').map((diagnostic) => [diagnostic.code, diagnostic.message]),
          [
            [
              'link.anchor-not-found',
              "No anchor '#8-在二叉查找树中寻找两个节点，使它们的和为一个给定值' in tree.md: GitHub links to a heading by its exact anchor, #8-在二叉查找树中寻找两个节点使它们的和为一个给定值",
            ],
            [
              'link.anchor-not-found',
              "No anchor '#Getting Started' in tree.md: GitHub links to a heading by its exact anchor, #getting-started (for notes written for a renderer that links by heading text, set marginalia.links.anchors to loose)",
            ],
          ],
        );
        const exact =
          '[8](tree.md#8-在二叉查找树中寻找两个节点使它们的和为一个给定值) [g](tree.md#Getting-Started) [e](tree.md#getting-started)\n';
        assert.deepEqual(await problemsIn({ 'tree.md': tree, 'note.md': exact }), []);
      });

      it('are accepted with marginalia.links.anchors: loose, for notes written for renderers that match heading text', async () => {
        const loose = { ...DEFAULT_CONFIG.links, anchors: 'loose' as const };
        assert.deepEqual(await problemsIn({ 'tree.md': tree, 'note.md': `${links}[x](tree.md#nowhere)\n` }, 'note.md', loose), [
          'link.anchor-not-found tree.md#nowhere',
        ]);
      });
    });

    it('says why a line written as the heading is not one: swallowed by HTML or a paragraph, commented out, no space after #', async () => {
      const guide =
        '<details>\n<summary>Install</summary>\n## Setup\n</details>\n\nSome text\n    ## Lazy Part\n\n#NoSpace\n\n<!--\n## Old Plan\n-->\n';
      const { diagnosticsOf } = await checked({
        'guide.md': guide,
        'note.md': '[a](guide.md#setup) [b](guide.md#lazy-part) [c](guide.md#nospace) [d](guide.md#old-plan)\n',
      });
      assert.deepEqual(
        diagnosticsOf('note.md').map((diagnostic) => diagnostic.message),
        [
          "No heading '#setup' in guide.md: line 3 is written as that heading, but the HTML block above it takes it in as HTML (end the HTML with a blank line)",
          "No heading '#lazy-part' in guide.md: line 7 is written as that heading, but indented under a paragraph, it is read as more of that paragraph (remove the indentation)",
          "No heading '#nospace' in guide.md: line 9 is written as that heading, but without a space after its #, it is plain text",
          "No heading '#old-plan' in guide.md: line 12 is written as that heading, but it stands inside an HTML comment (<!-- … -->)",
        ],
      );
    });

    it('does not check fragments into files that are not notes (PDF pages, HTML ids)', async () => {
      assert.deepEqual(
        await problemsIn({ 'paper.pdf': PNG, 'page.html': '<h1 id="x">', 'note.md': '[p](paper.pdf#page=3) [h](page.html#y)\n' }),
        [],
      );
    });
  });

  describe('link.empty', () => {
    it('reports [](), [text]() and [](url) on the whole link, as seed 004 writes them in its Reference list', async () => {
      const seedLines = [3, 4].map((line) => seedLine(SEED.learnAi, line));
      assert.deepEqual(seedLines, ['- []()', '- []()']);
      const text = `${seedLines.join('\n')}\n\n[text]() and [](https://example.com) and ![]()\n`;
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const diagnostics = diagnosticsOf('note.md');
      assert.deepEqual(
        diagnostics.map((diagnostic) => [diagnostic.code, sourceAt(text, diagnostic.range)]),
        [
          ['link.empty', '[]()'],
          ['link.empty', '[]()'],
          ['link.empty', '[text]()'],
          ['link.empty', '[](https://example.com)'],
          ['link.empty', '![]()'],
        ],
      );
      assert.match(diagnostics[3].message, /https:\/\/example\.com/);
    });

    it('reports a [text](#) placeholder as an info, but not a back-to-top link', async () => {
      const text = '- [Paper](#) · [Code](#)\n\n[⬆ back to top](#) [返回顶部](#)\n';
      const { diagnosticsOf } = await checked({ 'note.md': text });
      assert.deepEqual(
        diagnosticsOf('note.md').map((diagnostic) => [diagnostic.severity, sourceAt(text, diagnostic.range), diagnostic.message]),
        [
          ['info', '[Paper](#)', "Link 'Paper' points at '#', a placeholder: it only goes to the top of the page"],
          ['info', '[Code](#)', "Link 'Code' points at '#', a placeholder: it only goes to the top of the page"],
        ],
      );
      const raised = { ...DEFAULT_CONFIG.links, severity: { 'link.empty': 'warning' as const } };
      assert.deepEqual(
        (await checked({ 'note.md': text }, raised)).diagnosticsOf('note.md').map((diagnostic) => diagnostic.severity),
        ['warning', 'warning'],
      );
    });

    it('does not report an image without alt text, nor a link whose text is an image', async () => {
      const files = { 'x.png': PNG, 'note.md': '![](x.png)\n\n[![](x.png)](https://example.com)\n' };
      assert.deepEqual(await problemsIn(files), []);
    });
  });

  describe('link.missing-scheme', () => {
    it('reports seed 003 line 36 as a web address without a scheme, not as a missing file', async () => {
      const line = seedLine(SEED.weekly, 36);
      const { diagnosticsOf } = await checked({ 'note.md': `${line}\n` });
      const [diagnostic] = diagnosticsOf('note.md');
      assert.equal(diagnostic.code, 'link.missing-scheme');
      assert.match(diagnostic.message, /www\.coursera\.org\/learn\/algorithmic-toolbox.*https:\/\//);
    });

    it('recognises bare domains with a path, but not file names whose extension is also a domain', async () => {
      const text = '[a](github.com/vllm-project/vllm) [b](arxiv.org/abs/2401.00001) [c](setup.py) [d](notes.md)\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), [
        'link.missing-scheme github.com/vllm-project/vllm',
        'link.missing-scheme arxiv.org/abs/2401.00001',
        'link.file-not-found setup.py',
        'link.file-not-found notes.md',
      ]);
    });

    it('says nothing when a file of that name exists', async () => {
      assert.deepEqual(await problemsIn({ 'example.com/index.md': '# x\n', 'note.md': '[a](example.com/index.md)\n' }), []);
    });
  });

  describe('link.reversed', () => {
    it('reports a link typed with its brackets reversed, on the whole of it, naming its text', async () => {
      const text = '- (vLLM)[https://github.com/vllm-project/vllm] - a fast LLM serving engine.\n';
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const [diagnostic] = diagnosticsOf('note.md');
      assert.equal(diagnostic.code, 'link.reversed');
      assert.equal(diagnostic.severity, 'warning');
      assert.match(diagnostic.message, /'vLLM' has its brackets reversed/);
      assert.equal(sourceAt(text, diagnostic.range), '(vLLM)[https://github.com/vllm-project/vllm]');
    });

    it('reads one wrapped onto a second line, and leaves alone parentheses and brackets that are no link', async () => {
      const wrapped = '* (Histogram calculation in\nCUDA)[https://example.org/histogram.pdf]\n';
      assert.deepEqual(await problemsIn({ 'note.md': wrapped }), [
        'link.reversed (Histogram calculation in\nCUDA)[https://example.org/histogram.pdf]',
      ]);
      const notLinks =
        'A list (x)[1] and (see)[https://example.org and more] and [(a)](https://example.org) and (b) [c](https://example.org).\n';
      assert.deepEqual(await problemsIn({ 'note.md': notLinks }), []);
    });
  });

  describe('link.malformed-url', () => {
    it('reports addresses with spaces, unbalanced brackets, no host or an empty host label', async () => {
      const text = '<a href="https://exa mple.com/">a</a> [b](<https://example.com/a)>) [c](https://) [d](http://foo..com/x)\n';
      const problems = await problemsIn({ 'note.md': text });
      assert.deepEqual(problems, [
        'link.malformed-url https://exa mple.com/',
        'link.malformed-url https://example.com/a)',
        'link.malformed-url https://',
        'link.malformed-url http://foo..com/x',
      ]);
    });

    it('accepts balanced parentheses, IPv6 hosts, ports, queries and CJK paths', async () => {
      const text =
        '[a](https://en.wikipedia.org/wiki/Rust_(programming_language)) [b](http://[::1]:8080/x) [c](https://example.com:8443/a?b=c&d#e) [d](https://zh.wikipedia.org/wiki/深度学习) <https://example.com/x>\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
    });
  });

  it('reports nothing for bare URLs that GFM ends early or does not link: `[https://…]`, `http://...`', async () => {
    const text = 'See [docs][https://example.com/docs] and [https://example.com/a]; a placeholder http://... stays text.\n';
    assert.deepEqual(await problemsIn({ 'note.md': text }), []);
  });

  it('finds exactly the planted problems in a note that mixes every kind of link', async () => {
    const files = {
      'other.md': '# Other\n\n## Details\n',
      'img/fig.png': PNG,
      'note.md': [
        '# Mixed',
        '',
        '[ok](other.md#details) ![ok](img/fig.png) <https://example.com> [ok](#mixed)',
        '[dead](gone.md) [anchor](other.md#nope) [empty]() [scheme](www.example.com/x) [bad](https://)',
      ].join('\n'),
    };
    assert.deepEqual(await problemsIn(files), [
      'link.file-not-found gone.md',
      'link.anchor-not-found other.md#nope',
      'link.empty [empty]()',
      'link.missing-scheme www.example.com/x',
      'link.malformed-url https://',
    ]);
  });

  it('checks notes from their facts alone, never asking the index for a text, so closed notes need none kept', async () => {
    const files = {
      'other.md': '# Other\n\n<a id="Legacy"></a>\n',
      'note.md': [
        '[ok](other.md#legacy) [anchor](other.md#nope) [ref][nowhere] [web](https://example.com/a)',
        '[dead](gone.md) [web](https://example.com/b) <!-- marginalia-ignore -->',
      ].join('\n'),
    };
    const { index, diagnosticsOf } = await checked(files);
    index.text = () => assert.fail('index.text() was asked for');
    index.lineMap = () => assert.fail('index.lineMap() was asked for');
    const text = files['note.md'];
    assert.deepEqual(
      diagnosticsOf('note.md').map((diagnostic) => `${diagnostic.code} ${sourceAt(text, diagnostic.range)}`),
      ['link.anchor-not-found other.md#nope', 'link.reference-undefined [nowhere]'],
    );
    assert.deepEqual(webUrlsToCheck(index, index.noteUris(), DEFAULT_CONFIG.links), ['https://example.com/a']);
  });
});
