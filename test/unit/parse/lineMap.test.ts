import assert from 'node:assert/strict';
import { LineMap } from '../../../server/src/parse/lineMap';

describe('a line map', () => {
  const texts: Record<string, string> = {
    'LF line breaks': '# Title\n\nA line\nlast',
    'CRLF line breaks': '# Title\r\n\r\nA line\r\nlast\r\n',
    'old Mac CR line breaks': '# Title\r\rA line\rlast',
    'mixed line breaks': 'one\r\ntwo\nthree\rfour',
  };

  for (const [shape, text] of Object.entries(texts)) {
    it(`converts positions exactly as before once its text is let go (${shape})`, () => {
      const withText = new LineMap(text);
      const without = withText.withoutText();
      assert.equal(without.lineCount, withText.lineCount);
      for (let line = 0; line < withText.lineCount; line++) {
        assert.equal(without.lineEnd(line), withText.lineEnd(line), `end of line ${line}`);
        for (const character of [0, 2, 80]) assert.equal(without.offsetAt({ line, character }), withText.offsetAt({ line, character }));
      }
      for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(without.positionAt(offset), withText.positionAt(offset));
    });
  }

  it('reads lines only while it has the text', () => {
    const withText = new LineMap('first\r\nsecond');
    assert.equal(withText.lineText(1), 'second');
    assert.equal(withText.withoutText().lineText(1), '');
  });
});
