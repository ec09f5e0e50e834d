import assert from 'node:assert/strict';
import { readConfig } from '../../../../server/src/config';

describe('marginalia.completion.entityLinks', () => {
  it('inserts plain names unless set to link or both', () => {
    assert.equal(readConfig({}).completion.entityLinks, 'name');
    assert.equal(readConfig({ completion: { entityLinks: 'link' } }).completion.entityLinks, 'link');
    assert.equal(readConfig({ completion: { entityLinks: 'both' } }).completion.entityLinks, 'both');
  });

  it('falls back to name, and says so, for any other value', () => {
    const problems: string[] = [];
    const config = readConfig({ completion: { entityLinks: 'url' } }, (problem) => problems.push(problem));
    assert.equal(config.completion.entityLinks, 'name');
    assert.deepEqual(problems, ['marginalia.completion.entityLinks must be name, link or both; using name']);
  });
});
