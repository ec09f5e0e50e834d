import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

// Runs of blanks inside a paragraph, a label or a heading once made the name patterns take quadratic
// time (36 s for 100,000 spaces): these notes must be read at once, with the names still found.
describe('entities from notes with long runs of blanks', () => {
  const blanks = ' '.repeat(200_000);

  it('reads a list item whose description holds a long run of blanks', () => {
    const facts = factsOf(`- [Kvpipe](https://github.com/someone/kvpipe) - a pipe${blanks}for keys\n- Note${blanks}: x\n`);
    assert.deepEqual(
      facts.entities.map((entity) => entity.name),
      ['Kvpipe'],
    );
  });

  it('reads a link label, a bold lead and a heading made of blanks without naming anything after them', () => {
    const note = `[a${blanks}b](https://github.com/someone/blank)\n\n**x${blanks}y**: [GitHub](https://github.com/someone/bold)\n\n## a${blanks}b\n\n- Link: https://example.org/z\n\na)${blanks}z\n`;
    const names = factsOf(note).entities.map((entity) => entity.name);
    assert.ok(
      names.every((name) => name.length < 1000),
      `${names.length} names, one of ${Math.max(...names.map((name) => name.length))} characters`,
    );
  });
});

// A trailing-slash pattern tried from every slash of a long run took 15 s on one address.
describe('entities from links with long runs of slashes', () => {
  const slashes = '/'.repeat(100_000);

  it('reads a link into a repository whose path is a long run of slashes at once', () => {
    const started = Date.now();
    const facts = factsOf(`- [Kvpipe](https://github.com/someone/kvpipe/blob/${slashes}x) - a pipe for keys\n`);
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    assert.ok(facts.entities.length <= 1);
  });
});
