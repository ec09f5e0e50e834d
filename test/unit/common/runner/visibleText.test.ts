import assert from 'node:assert/strict';
import { visibleControls } from '../../../../common/runner/visibleText';

describe('snippets: control characters made visible', () => {
  it('writes out escape sequences, carriage returns and bidi controls, keeping lines and tabs', () => {
    assert.equal(visibleControls('echo hi\x1b]0;title\x07\rrm -rf ~'), 'echo hi\\e]0;title\\a\\rrm -rf ~');
    assert.equal(visibleControls('echo "\u202Egnp.exe"'), 'echo "<U+202E>gnp.exe"');
    assert.equal(visibleControls('a\u2066b\u200bc\u009bd'), 'a<U+2066>b<U+200B>c\\x9bd');
    assert.equal(visibleControls('line one\n\tline two'), 'line one\n\tline two');
  });
});
