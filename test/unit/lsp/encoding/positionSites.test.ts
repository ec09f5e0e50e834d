import assert from 'node:assert/strict';
import {
  mayHoldPositions,
  outgoingSites,
  paramsSites,
  resultSites,
  type Position,
  type PositionSink,
} from '../../../../server/src/lsp/encoding/positionSites';

/** Every position found, as `uri line:character`, after adding 100 to each character (as a conversion would change it). */
function shifted(find: (sink: PositionSink) => void): string[] {
  const found: string[] = [];
  const finishing: Array<() => void> = [];
  const positions: Position[] = [];
  find({
    add: (uri, position) => {
      found.push(`${uri} ${position.line}:${position.character}`);
      positions.push(position);
    },
    then: (finish) => finishing.push(finish),
  });
  for (const position of positions) position.character += 100;
  for (const finish of finishing) finish();
  return found;
}

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

describe('where positions lie in messages', () => {
  it('finds a request position and a code action context in the note asked about', () => {
    const params = {
      textDocument: { uri: 'a' },
      range: range(1, 2, 3),
      context: { diagnostics: [{ range: range(4, 5, 6), message: 'm' }] },
    };
    assert.deepEqual(
      shifted((sink) => paramsSites(params, sink)),
      ['a 1:2', 'a 1:3', 'a 4:5', 'a 4:6'],
    );
    assert.equal(params.context.diagnostics[0].range.start.character, 105);
  });

  it('finds location links in both notes: the origin in the note asked about, the target in its own', () => {
    const links = [
      { originSelectionRange: range(0, 1, 2), targetUri: 'b', targetRange: range(3, 0, 9), targetSelectionRange: range(3, 4, 5) },
    ];
    assert.deepEqual(
      shifted((sink) => resultSites('textDocument/definition', links, 'a', sink)),
      ['a 0:1', 'a 0:2', 'b 3:0', 'b 3:9', 'b 3:4', 'b 3:5'],
    );
  });

  it('finds the edits of a workspace edit in each note, in both of its forms', () => {
    const edit = {
      changes: { x: [{ range: range(0, 1, 1), newText: '' }] },
      documentChanges: [
        { textDocument: { uri: 'y', version: 1 }, edits: [{ range: range(2, 3, 4), newText: '' }] },
        { kind: 'rename', oldUri: 'p', newUri: 'q' },
      ],
    };
    assert.deepEqual(
      shifted((sink) => resultSites('textDocument/rename', edit, 'a', sink)),
      ['x 0:1', 'x 0:1', 'y 2:3', 'y 2:4'],
    );
  });

  it('rewrites semantic tokens in their relative form once the positions are converted', () => {
    // Two tokens on line 2 (at 3 and 10) and one on line 4 (at 1).
    const tokens = { data: [2, 3, 4, 0, 0, 0, 7, 2, 0, 1, 2, 1, 5, 0, 0] };
    assert.deepEqual(
      shifted((sink) => resultSites('textDocument/semanticTokens/full', tokens, 'a', sink)),
      ['a 2:3', 'a 2:7', 'a 2:10', 'a 2:12', 'a 4:1', 'a 4:6'],
    );
    // Each start and end moved by 100: lengths kept, the second token's delta kept, the third's start absolute.
    assert.deepEqual(tokens.data, [2, 103, 4, 0, 0, 0, 7, 2, 0, 1, 2, 101, 5, 0, 0]);
  });

  it('finds completion edits and the entity views’ places', () => {
    const list = {
      isIncomplete: false,
      items: [{ label: 'x', textEdit: { insert: range(0, 1, 2), replace: range(0, 1, 3), newText: 'x' } }],
    };
    assert.deepEqual(
      shifted((sink) => resultSites('textDocument/completion', list, 'a', sink)),
      ['a 0:1', 'a 0:2', 'a 0:1', 'a 0:3'],
    );
    const detail = {
      definitions: [{ uri: 'b', range: range(1, 2, 3), shape: 'table-row' }],
      notes: [{ uri: 'c', count: 1, ranges: [range(5, 6, 7)] }],
    };
    assert.deepEqual(
      shifted((sink) => resultSites('marginalia/entityDetail', detail, '', sink)),
      ['b 1:2', 'b 1:3', 'c 5:6', 'c 5:7'],
    );
  });

  it('finds diagnostics and their related places in what the server publishes', () => {
    const params = {
      uri: 'a',
      diagnostics: [{ range: range(0, 1, 2), relatedInformation: [{ location: { uri: 'b', range: range(3, 4, 5) }, message: '' }] }],
    };
    assert.deepEqual(
      shifted((sink) => outgoingSites('textDocument/publishDiagnostics', params, sink)),
      ['a 0:1', 'a 0:2', 'b 3:4', 'b 3:5'],
    );
  });

  it('passes over what is not shaped as the protocol says, rather than failing', () => {
    assert.deepEqual(
      shifted((sink) => paramsSites({ textDocument: { uri: 'a' }, position: { line: -1, character: 'x' } }, sink)),
      [],
    );
    assert.deepEqual(
      shifted((sink) => resultSites('textDocument/references', { not: 'a list' }, 'a', sink)),
      [],
    );
    assert.deepEqual(
      shifted((sink) => resultSites('textDocument/semanticTokens/full', { data: 'x' }, 'a', sink)),
      [],
    );
    assert.deepEqual(
      shifted((sink) => resultSites('workspace/unknown', [range(0, 1, 2)], 'a', sink)),
      [],
    );
    assert.deepEqual(
      shifted((sink) => resultSites('constructor', [range(0, 1, 2)], 'a', sink)),
      [],
    );
    assert.equal(mayHoldPositions('toString', true), false);
    assert.equal(mayHoldPositions('textDocument/hover', true), true);
    assert.equal(mayHoldPositions('window/logMessage', false), false);
  });
});
