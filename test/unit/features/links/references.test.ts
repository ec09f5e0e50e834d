import assert from 'node:assert/strict';
import { checked, problemsIn, sourceAt } from './helpers';

describe('reference-style links', () => {
  describe('link.reference-undefined', () => {
    it('reports [text][label] and [text][] whose label has no definition, pointing at the label', async () => {
      const text = 'See [the docs][docs] and [Guide][] and ![logo][img].\n';
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const diagnostics = diagnosticsOf('note.md');
      assert.deepEqual(
        diagnostics.map((diagnostic) => [diagnostic.code, sourceAt(text, diagnostic.range)]),
        [
          ['link.reference-undefined', '[docs]'],
          ['link.reference-undefined', '[Guide]'],
          ['link.reference-undefined', '[img]'],
        ],
      );
      assert.match(diagnostics[0].message, /\[docs\] is not defined/);
    });

    it('is quiet where no definition is expected: [x] alone, task boxes, footnotes, a[i][j], [1][2] citations, escapes', async () => {
      const text = [
        '- [ ] todo and - [x] done, [TODO] later, see [1].',
        'A footnote[^1] and [^note][] here.',
        'Index m[i][j] or arr[0][1]; cited as [1][2].',
        'Escaped \\[a\\]\\[b\\] and \\[c][d].',
        '',
        '[^1]: The footnote.',
      ].join('\n');
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
    });

    it('matches labels as CommonMark does: ignoring case and runs of whitespace', async () => {
      const text = 'A [link][My  Label] and [another][my label].\n\n[my label]: https://example.com\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
    });
  });

  describe('link.reference-unused', () => {
    it('reports a definition no link uses, as an info, on the whole definition', async () => {
      const text = 'Uses [a][used] and [b].\n\n[used]: https://example.com/a\n[b]: https://example.com/b\n[spare]: https://example.com/c\n';
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const [diagnostic, ...rest] = diagnosticsOf('note.md');
      assert.equal(rest.length, 0);
      assert.equal(diagnostic.code, 'link.reference-unused');
      assert.equal(diagnostic.severity, 'info');
      assert.equal(sourceAt(text, diagnostic.range), '[spare]: https://example.com/c');
    });

    it('leaves the Markdown comment idioms alone: [//]: # (…) and [comment]: <> (…)', async () => {
      const text = 'Text.\n\n[//]: # (a hidden remark)\n[comment]: <> (another one)\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
    });
  });

  describe('link.reference-duplicate', () => {
    it('reports every later definition of a label, which renderers ignore, naming the line of the first', async () => {
      const text = 'A [x].\n\n[x]: https://example.com/first\n[X]: https://example.com/second\n';
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const [diagnostic, ...rest] = diagnosticsOf('note.md');
      assert.equal(rest.length, 0);
      assert.equal(diagnostic.code, 'link.reference-duplicate');
      assert.match(diagnostic.message, /already defined on line 3/);
      assert.equal(sourceAt(text, diagnostic.range), '[X]: https://example.com/second');
    });
  });

  it('checks the target of a definition once, at the definition, like any link', async () => {
    const text = 'Read [a][setup] and [b][setup] and [c][web].\n\n[setup]: ./guides/setup.md\n[web]: www.example.com/page\n';
    assert.deepEqual(await problemsIn({ 'note.md': text }), [
      'link.file-not-found ./guides/setup.md',
      'link.missing-scheme www.example.com/page',
    ]);
  });

  it('resolves a label to its first definition, as CommonMark does', async () => {
    const text = 'See [a].\n\n[a]: exists.md\n[a]: missing.md\n';
    assert.deepEqual(await problemsIn({ 'note.md': text, 'exists.md': '# E\n' }), ['link.reference-duplicate [a]: missing.md']);
  });
});
