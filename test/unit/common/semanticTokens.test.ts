import assert from 'node:assert/strict';
import { decodeMarkedNames, encodeMarkedNames, type MarkedName } from '../../../common/semanticTokens';

describe('marked names as semantic tokens', () => {
  const names: MarkedName[] = [
    { line: 2, character: 2, length: 7, modifiers: ['project'] },
    { line: 2, character: 20, length: 3, modifiers: ['paper', 'shared'] },
    { line: 9, character: 0, length: 4, modifiers: ['project', 'definition'] },
  ];

  it('are five numbers each, positions relative to the name before, modifiers as bits of the legend', () => {
    assert.deepEqual(encodeMarkedNames(names), [2, 2, 7, 0, 0b00001, 0, 18, 3, 0, 0b01010, 7, 0, 4, 0, 0b10001]);
  });

  it('decode back to the same names, skipping tokens of other types', () => {
    assert.deepEqual(decodeMarkedNames(encodeMarkedNames(names)), names);
    const withOther = [1, 4, 2, 3, 0, 0, 5, 7, 0, 1];
    assert.deepEqual(decodeMarkedNames(withOther), [{ line: 1, character: 9, length: 7, modifiers: ['project'] }]);
  });
});
