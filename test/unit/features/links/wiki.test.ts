import assert from 'node:assert/strict';
import { checked, problemsIn, sourceAt } from './helpers';

const files = {
  'projects/Serving Notes.md': '# Serving\n\n## Batching 策略\n\nTriton: https://github.com/triton-lang/triton\n',
  'papers/attention.md': '# Attention Is All You Need\n',
};

describe('link.wiki-unresolved', () => {
  it('resolves wiki links to notes by name or path, to headings and to entities', async () => {
    const text = [
      '[[Serving Notes]] [[serving notes|the serving note]] [[projects/Serving Notes]] [[attention.md]]',
      '[[Serving Notes#Batching 策略]] [[Serving Notes#batching-策略]] [[#Local heading]] [[Batching 策略]]',
      '[[Triton]] [[Serving Notes#^block-1]]',
      '',
      '## Local heading',
    ].join('\n');
    assert.deepEqual(await problemsIn({ ...files, 'note.md': text }), []);
  });

  it('reports a wiki link that matches no note, heading or entity, and a missing heading in a known note', async () => {
    const text = '[[Nowhere]] and [[Serving Notes#Gone]] and [[Nobody#x]] and [[#nope]]\n';
    const { diagnosticsOf } = await checked({ ...files, 'note.md': text });
    const diagnostics = diagnosticsOf('note.md');
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, sourceAt(text, diagnostic.range)]),
      [
        ['link.wiki-unresolved', 'Nowhere'],
        ['link.wiki-unresolved', 'Serving Notes#Gone'],
        ['link.wiki-unresolved', 'Nobody#x'],
        ['link.wiki-unresolved', '#nope'],
      ],
    );
    assert.match(diagnostics[0].message, /\[\[Nowhere\]\].*no note, heading or entity/);
    assert.match(diagnostics[1].message, /no heading 'Gone' in Serving Notes/);
  });

  it('resolves an embed or link of an image or PDF by its file name or a trailing part of its path, and reports a missing one', async () => {
    const text = '![[arch.png]] ![[img/arch.png|300]] [[paper.pdf]] ![[missing.png]] [[Node.js]] [[v1.2]]\n';
    const attachments = { 'img/arch.png': 'png', 'papers/paper.pdf': 'pdf', 'tools.md': '- [Node.js](https://github.com/nodejs/node)\n' };
    const { diagnosticsOf } = await checked({ ...attachments, 'note.md': text });
    const diagnostics = diagnosticsOf('note.md');
    assert.deepEqual(
      diagnostics.map((diagnostic) => sourceAt(text, diagnostic.range)),
      ['missing.png', 'v1.2'],
    );
    assert.match(diagnostics[0].message, /\[\[missing\.png\]\].*no file, note, heading or entity/);
  });

  it('notices when an image appears on disk that an embed was waiting for', async () => {
    const { index, workspace, diagnosticsOf, uri } = await checked({ 'note.md': '![[later.png]]\n' });
    assert.equal(diagnosticsOf('note.md').length, 1);
    workspace.write(uri('img/later.png'), 'png');
    await index.applyFileChanges([{ uri: uri('img/later.png'), deleted: false }]);
    assert.deepEqual(diagnosticsOf('note.md'), []);
  });

  it('notices when a note appears that a wiki link was waiting for', async () => {
    const before = await checked({ 'note.md': 'See [[Later]].\n' });
    assert.equal(before.diagnosticsOf('note.md').length, 1);
    const after = await checked({ 'note.md': 'See [[Later]].\n', 'Later.md': '# Later\n' });
    assert.equal(after.diagnosticsOf('note.md').length, 0);
  });
});
