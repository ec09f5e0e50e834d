import assert from 'node:assert/strict';
import { capNesting, MAX_NESTING } from '../../../server/src/parse/nesting';

/** The markers the capped copy opens on one line, by counting what was left before the backslash. */
function openedBefore(line: string): number {
  const cut = line.indexOf('\\');
  return (cut < 0 ? line : line.slice(0, cut)).split(/[->]/).length - 1;
}

describe('capping the nesting of a note before it is parsed', () => {
  it('leaves ordinary notes alone: lists, quotes and code a few levels deep', () => {
    const note = '# Notes\n\n- a\n  - b\n    - c\n\n> quote\n> > nested\n\n```yaml\n- x\n```\n';
    assert.equal(capNesting(note), undefined);
  });

  it('opens no more than 100 containers on a line of list markers, the rest kept as text', () => {
    const note = `${'- '.repeat(10_000)}a`;
    const capped = capNesting(note);
    assert.ok(capped);
    assert.equal(capped.text.length, note.length);
    assert.equal(openedBefore(capped.text), MAX_NESTING);
    assert.ok(capped.text.endsWith('- - - a'));
    assert.deepEqual(capped.lines, [0]);
  });

  it('counts quotes and list markers together (`> - ` five thousand times)', () => {
    const capped = capNesting(`${'> - '.repeat(5_000)}a`);
    assert.ok(capped);
    assert.equal(openedBefore(capped.text), MAX_NESTING);
  });

  it('caps lists nested by indentation over many lines, from the 101st level on', () => {
    const note = Array.from({ length: 150 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n');
    const capped = capNesting(note);
    assert.ok(capped);
    assert.equal(capped.lines[0], MAX_NESTING);
    assert.equal(capped.lines.length, 50);
  });

  it('never changes a deeply indented line inside a fenced code block', () => {
    const indented = Array.from({ length: 150 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n');
    assert.equal(capNesting(`\`\`\`yaml\n${indented}\n\`\`\`\n`), undefined);
  });

  it('still caps a line that nests deeply by itself inside what looks like a fence', () => {
    const capped = capNesting(`- \`\`\`\n${'- '.repeat(1_000)}a`);
    assert.ok(capped);
    assert.deepEqual(capped.lines, [1]);
  });

  it('reads 60,000 blank lines in linear time (the pattern it replaces took seconds)', () => {
    const started = performance.now();
    assert.equal(capNesting(`# A\n${' \n'.repeat(60_000)}> b\n`), undefined);
    assert.ok(performance.now() - started < 1_000);
  });
});
