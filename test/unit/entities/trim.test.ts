// Trimming the ends of names and descriptions read from any note, in linear time.
import assert from 'node:assert/strict';
import { withoutQuoteMarks } from '../../../server/src/entities/trim';

describe('trimming quotation marks and stars around a description', () => {
  it('drops the quotes and emphasis around a quoted description, and keeps those inside', () => {
    assert.equal(withoutQuoteMarks('"*EBMC is a Model Checker for hardware designs.*"'), 'EBMC is a Model Checker for hardware designs.');
    assert.equal(withoutQuoteMarks('“一个 "快速" 的推理引擎”'), '一个 "快速" 的推理引擎');
    assert.equal(withoutQuoteMarks('**vLLM** is fast'), 'vLLM** is fast');
  });

  it('reads a paragraph with a long run of stars inside it once, instead of once from every star', () => {
    // The regular expression this replaces took seconds here; a linear trim leaves the run where it is.
    const text = `a${'*'.repeat(200_000)}x`;
    assert.equal(withoutQuoteMarks(text), text);
  });
});
