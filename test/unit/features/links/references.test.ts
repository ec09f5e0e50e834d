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

    it('reports a label that is a slip of a defined one, saying which, however the reference is written', async () => {
      const text = [
        'Filed as [a request][feature-enhancemment], see [papers] and [Feature_Enhancement][].',
        '',
        '[feature-enhancement]: https://github.com/vllm-project/vllm/labels/feature-enhancement',
        '[paper]: https://arxiv.org/abs/2309.06180',
      ].join('\n');
      const { diagnosticsOf } = await checked({ 'note.md': text });
      const undefinedOnes = diagnosticsOf('note.md').filter((diagnostic) => diagnostic.code === 'link.reference-undefined');
      assert.deepEqual(
        undefinedOnes.map((diagnostic) => [sourceAt(text, diagnostic.range), diagnostic.message]),
        [
          ['[feature-enhancemment]', 'Reference [feature-enhancemment] is not defined; did you mean [feature-enhancement]?'],
          ['[papers]', 'Reference [papers] is not defined; did you mean [paper]?'],
          ['[Feature_Enhancement]', 'Reference [Feature_Enhancement] is not defined; did you mean [feature-enhancement]?'],
        ],
      );
    });

    it('checks word[x][label] when the label reads as one and the note defines labels, never a[i][j]-style indexes', async () => {
      const definitions = '\n\n[used]: https://example.com/used\n';
      const text = 'Read vLLM[docs][serving-guide] and [u][used]. dp[i-1][j+1], grid[row][col], m[i][j], arr[0][1].';
      assert.deepEqual(await problemsIn({ 'note.md': text + definitions }), ['link.reference-undefined [serving-guide]']);
      assert.deepEqual(await problemsIn({ 'note.md': text.replace(' and [u][used]', '') }), []);
    });

    it('leaves meeting-note speaker tags alone, [Tim][design] starting a line in a note that defines no label', async () => {
      const text = '# Weekly sync\n\n- [Tim][design] ships the new layout.\n- [Ana][ops]: the cluster is back.\n\n> [Bob][infra] agreed.\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), []);
      assert.deepEqual(await problemsIn({ 'note.md': `${text}\nSee [the notes][minutes].\n` }), ['link.reference-undefined [minutes]']);
    });

    it('stays quiet on bracketed prose near no definition: [1] beside [2], [ref3] beside [ref2], [TODO]', async () => {
      const text = 'Cited [1] and [ref3]; [TODO] later; [x] done.\n\n[2]: https://example.com/2\n[ref2]: https://example.com/r\n';
      assert.deepEqual(await problemsIn({ 'note.md': text }), [
        'link.reference-unused [2]: https://example.com/2',
        'link.reference-unused [ref2]: https://example.com/r',
      ]);
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

  it('explains a list item read as a definition: `* [Tim]: agreed.` is no text but a definition of [tim]', async () => {
    const text = '# Sync\n\n* [Tim]: agreed.\n* Ana: later\n';
    const { diagnosticsOf } = await checked({ 'note.md': text });
    const why = '(a list item that starts with [tim]: is read as a reference definition, not as text; write \\[tim]: to keep it text)';
    assert.deepEqual(
      diagnosticsOf('note.md').map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`),
      [
        `link.reference-unused Reference definition [tim] (agreed.) is never used ${why}`,
        `link.file-not-found File not found: agreed. ${why}`,
      ],
    );
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
