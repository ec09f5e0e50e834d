import assert from 'node:assert/strict';
import { parseDurationSeconds, parseInfoString, tokenizeAttributes } from '../../../../common/runner/infoString';

describe('snippets: info-string options', () => {
  it('reads the braced form', () => {
    const parsed = parseInfoString('bash', '{cwd=. timeout=120 name=gpu-check}');
    assert.equal(parsed.lang, 'bash');
    assert.deepEqual(parsed.options, { cwd: '.', timeoutSec: 120, name: 'gpu-check' });
    assert.deepEqual(parsed.errors, []);
  });

  it('reads files= as a list of names and keep-going as a flag', () => {
    assert.deepEqual(parseInfoString('bash', '{files=AluTop.v,tb.cpp keep-going}').options, {
      files: ['AluTop.v', 'tb.cpp'],
      keepGoing: true,
    });
    assert.deepEqual(parseInfoString('bash', '{keep-going} name=x').options, { keepGoing: true, name: 'x' });
    assert.deepEqual(parseInfoString('bash', 'keep-going=false').options, {});
    assert.deepEqual(parseInfoString('bash', '{keep-going=maybe}').errors, [
      'option keep-going=maybe: expected keep-going alone, or true or false',
    ]);
    assert.deepEqual(parseInfoString('bash', '{files=,}').errors, [
      'option files is empty; name the file blocks, e.g. files=AluTop.v,tb.cpp',
    ]);
  });

  it('reads bare key=value words', () => {
    const parsed = parseInfoString('verilog', 'file=AluTop.v');
    assert.deepEqual(parsed.options, { file: 'AluTop.v' });
    assert.deepEqual(parseInfoString('bash', 'cwd=build timeout=5').options, { cwd: 'build', timeoutSec: 5 });
  });

  it('reads quoted values with spaces and escaped quotes', () => {
    const parsed = parseInfoString('bash', `{name="gpu check" cwd='my dir' file="say \\"hi\\".txt"}`);
    assert.deepEqual(parsed.options, { name: 'gpu check', cwd: 'my dir', file: 'say "hi".txt' });
  });

  it('keeps backslashes that do not escape a quote', () => {
    assert.equal(parseInfoString('bash', 'cwd="C:\\work"').options.cwd, 'C:\\work');
  });

  it('splits options glued to the language word', () => {
    const parsed = parseInfoString('bash{cwd=.', 'timeout=3}');
    assert.equal(parsed.lang, 'bash');
    assert.deepEqual(parsed.options, { cwd: '.', timeoutSec: 3 });
  });

  it('lower-cases the language', () => {
    assert.equal(parseInfoString('Bash', '').lang, 'bash');
  });

  it('accepts commas between options and spaces inside the braces', () => {
    assert.deepEqual(parseInfoString('sh', '{ cwd=., timeout=10 }').options, { cwd: '.', timeoutSec: 10 });
  });

  it("keeps other tools' attributes apart and skips words without =", () => {
    const parsed = parseInfoString('bash', '{.numberLineNumbers #setup interactive=false cwd=.}');
    assert.deepEqual(parsed.options, { cwd: '.' });
    assert.deepEqual(parsed.otherAttributes, { interactive: 'false' });
    assert.deepEqual(parsed.errors, []);
  });

  it('reports a timeout that is not a duration', () => {
    const parsed = parseInfoString('bash', 'timeout=soon');
    assert.equal(parsed.options.timeoutSec, undefined);
    assert.match(parsed.errors[0], /timeout=soon: expected seconds/);
    assert.match(parseInfoString('bash', 'timeout=0').errors[0], /timeout=0/);
  });

  it('reports an unclosed quote', () => {
    const parsed = parseInfoString('bash', 'name="half');
    assert.equal(parsed.options.name, 'half');
    assert.match(parsed.errors[0], /name: missing closing "/);
  });

  it('reports empty names and working directories', () => {
    assert.match(parseInfoString('bash', 'name=""').errors[0], /name is empty/);
    assert.match(parseInfoString('bash', 'cwd=').errors[0], /cwd is empty/);
  });

  it('parses durations with units', () => {
    assert.equal(parseDurationSeconds('120'), 120);
    assert.equal(parseDurationSeconds('90s'), 90);
    assert.equal(parseDurationSeconds('5m'), 300);
    assert.equal(parseDurationSeconds('1.5h'), 5400);
    assert.equal(parseDurationSeconds('2 min'), 120);
    assert.equal(parseDurationSeconds('-3'), undefined);
    assert.equal(parseDurationSeconds('3x'), undefined);
  });

  it('reads long limits as they are and refuses one too large to be a number', () => {
    assert.equal(parseDurationSeconds('600h'), 2_160_000);
    assert.equal(parseDurationSeconds('9'.repeat(400)), undefined);
    assert.deepEqual(parseInfoString('bash', `timeout=${'9'.repeat(400)}`).errors, [
      `option timeout=${'9'.repeat(400)}: expected seconds, e.g. timeout=120 or timeout=5m`,
    ]);
  });

  it('tokenizes an empty or option-free meta to nothing', () => {
    assert.deepEqual(tokenizeAttributes(''), []);
    assert.deepEqual(tokenizeAttributes('{}'), []);
    assert.deepEqual(tokenizeAttributes('title'), []);
  });
});
