// The question VS Code asks before links follow a moved file (marginalia.links.updateOnFileMove: "ask").
import assert from 'node:assert/strict';
import { fileMoveQuestion } from '../../../client/src/fileMoveQuestion';

describe('the client: the question before links follow a moved file', () => {
  it('says how many links in how many notes change, and what moves', () => {
    assert.deepEqual(fileMoveQuestion(3, 2, ['papers/mooncake.md']), {
      message: 'Update 3 links in 2 notes?',
      detail:
        'papers/mooncake.md is moving. Updating keeps the links to it and in it pointing at the same files; marginalia.links.updateOnFileMove chooses whether to ask.',
    });
  });

  it('counts in the singular, and names several moves by their number', () => {
    assert.equal(fileMoveQuestion(1, 1, ['a.md']).message, 'Update 1 link in 1 note?');
    assert.match(fileMoveQuestion(4, 3, ['a.md', 'img']).detail, /^2 files and folders are moving/);
  });
});
