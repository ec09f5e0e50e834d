import assert from 'node:assert/strict';
import { LineColumns, negotiateEncoding, type PositionEncoding } from '../../../../server/src/lsp/encoding/positionEncoding';

const toUtf16Column = (line: string, character: number, encoding: PositionEncoding) => new LineColumns(line, encoding).toUtf16(character);
const fromUtf16Column = (line: string, column: number, encoding: PositionEncoding) => new LineColumns(line, encoding).fromUtf16(column);

// 'a' is one unit everywhere; 中 is 3 UTF-8 bytes, 1 UTF-16 unit, 1 code point; 😀 is 4 bytes, 2 units, 1 code point.
const LINE = 'a中😀b';

describe('position encodings', () => {
  it('counts the columns before each character in each encoding', () => {
    const utf16 = [0, 1, 2, 4, 5];
    const utf8 = [0, 1, 4, 8, 9];
    const utf32 = [0, 1, 2, 3, 4];
    utf16.forEach((column, n) => {
      assert.equal(fromUtf16Column(LINE, column, 'utf-8'), utf8[n]);
      assert.equal(fromUtf16Column(LINE, column, 'utf-32'), utf32[n]);
      assert.equal(fromUtf16Column(LINE, column, 'utf-16'), column);
      assert.equal(toUtf16Column(LINE, utf8[n], 'utf-8'), column);
      assert.equal(toUtf16Column(LINE, utf32[n], 'utf-32'), column);
    });
  });

  it('keeps a byte count that stops inside a character before that character', () => {
    assert.equal(toUtf16Column(LINE, 2, 'utf-8'), 1);
    assert.equal(toUtf16Column(LINE, 3, 'utf-8'), 1);
    assert.equal(toUtf16Column(LINE, 6, 'utf-8'), 2);
  });

  it('counts a UTF-16 column inside an emoji as after the emoji', () => {
    assert.equal(fromUtf16Column(LINE, 3, 'utf-8'), 8);
    assert.equal(fromUtf16Column(LINE, 3, 'utf-32'), 3);
  });

  it('carries a column past the end of the line over unit for unit', () => {
    assert.equal(toUtf16Column(LINE, 12, 'utf-8'), 8);
    assert.equal(fromUtf16Column(LINE, 8, 'utf-8'), 12);
  });

  it('walks a line once for columns in increasing order, and again from its start for a lower one', () => {
    const columns = new LineColumns(LINE, 'utf-8');
    assert.deepEqual(
      [0, 1, 2, 4, 5, 2, 1].map((column) => columns.fromUtf16(column)),
      [0, 1, 4, 8, 9, 4, 1],
    );
    const back = new LineColumns(LINE, 'utf-8');
    assert.deepEqual(
      [9, 8, 4, 1, 0, 4].map((character) => back.toUtf16(character)),
      [5, 4, 2, 1, 0, 2],
    );
  });

  it('leaves a line of ASCII as it is, however long', () => {
    const line = 'x'.repeat(100_000);
    assert.equal(new LineColumns(line, 'utf-8').fromUtf16(99_999), 99_999);
    assert.equal(new LineColumns(line, 'utf-32').toUtf16(150_000), 150_000);
  });

  it('takes the first encoding the client lists that it supports, and UTF-16 otherwise', () => {
    assert.equal(negotiateEncoding({ positionEncodings: ['utf-8', 'utf-16'] }), 'utf-8');
    assert.equal(negotiateEncoding({ positionEncodings: ['utf-16', 'utf-8'] }), 'utf-16');
    assert.equal(negotiateEncoding({ positionEncodings: ['ebcdic', 'utf-32'] }), 'utf-32');
    assert.equal(negotiateEncoding({ offsetEncoding: ['utf-8'] }), 'utf-8');
    assert.equal(negotiateEncoding({ positionEncodings: 'utf-8' }), 'utf-16');
    assert.equal(negotiateEncoding({}), 'utf-16');
  });
});
