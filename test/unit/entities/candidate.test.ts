import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

describe('candidates: the names a link implies', () => {
  it('calls a title labelled `Maker - Title` on the maker’s site by the title too, without the dash', () => {
    const note = '- [Acme - Exploring Event Sourcing](https://www.acme.com/download/details?id=34)\n';
    const [book] = factsOf(note).entities;
    assert.equal(book.name, 'Acme - Exploring Event Sourcing');
    assert.deepEqual(book.aliases, ['Exploring Event Sourcing']);
  });
});
