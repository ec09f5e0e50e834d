import assert from 'node:assert/strict';
import type { NoteFacts } from '../../../server/src/parse/facts';
import { parseNote } from '../../../server/src/pipeline/noteFacts';
import { pieceEnd } from '../../../server/src/parse/pieces';
import { noteUri, SEED, seedText } from '../helpers';

/** Parses the text once whole and once in pieces of about `pieceChars` characters. */
function bothWays(text: string, pieceChars: number): { whole: NoteFacts; pieces: NoteFacts } {
  return {
    whole: parseNote(noteUri('large.md'), text, undefined, Infinity),
    pieces: parseNote(noteUri('large.md'), text, undefined, pieceChars),
  };
}

/** What a parse in pieces must give exactly as one parse does; the entity candidates in any order. */
function assertSameFacts(pieces: NoteFacts, whole: NoteFacts): void {
  for (const key of [
    'headings',
    'links',
    'referenceDefinitions',
    'codeBlocks',
    'blocks',
    'opaqueRanges',
    'frontMatter',
    'title',
    'problems',
    'silencedLines',
    'htmlAnchors',
    'undefinedReferences',
  ] as const) {
    assert.deepEqual(pieces[key], whole[key], `${key} differ`);
  }
  const sorted = (facts: NoteFacts) => facts.entities.map((entity) => JSON.stringify(entity)).sort();
  assert.deepEqual(sorted(pieces), sorted(whole), 'entity candidates differ');
}

describe('parsing a large note a piece at a time', () => {
  it('gives the facts one parse of the whole note gives, on all five seed notes in one (tables, cards, lists, code, front matter)', () => {
    const text = Object.values(SEED).map(seedText).join('\n\n');
    const { whole, pieces } = bothWays(text, 4000);
    assert.ok(whole.entities.length > 150 && whole.links.length > 300, 'the seeds make a note with many entities and links');
    assertSameFacts(pieces, whole);
  });

  it('runs a piece on to the end of a fenced code block left open at its boundary', () => {
    const prose = 'Some prose about vLLM.\n\n'.repeat(40);
    const code = '```bash\necho start\n\n# not a heading\n\nnvidia-smi\n```\n\n';
    const text = `${prose}${code}# After the code\n\n${prose}`;
    const { whole, pieces } = bothWays(text, 500);
    assert.deepEqual(
      whole.headings.map((heading) => heading.text),
      ['After the code'],
    );
    assertSameFacts(pieces, whole);
  });

  it('runs a piece on past an HTML comment that spans blank lines', () => {
    const prose = 'Notes on [Gemmini](https://github.com/ucb-bar/gemmini) and its SoC.\n\n'.repeat(30);
    const text = `${prose}<!--\nA draft\n\n# Hidden heading\n\n[gone](missing.md)\n-->\n\n${prose}# Shown heading\n`;
    const { whole, pieces } = bothWays(text, 600);
    assert.deepEqual(
      whole.headings.map((heading) => heading.text),
      ['Shown heading'],
    );
    assertSameFacts(pieces, whole);
  });

  it('resolves a reference link whose definition is in another piece, in either direction', () => {
    const prose = 'Filler prose that links nothing at all.\n\n'.repeat(40);
    const text = `See [the paper][moon] first.\n\n${prose}[moon]: https://arxiv.org/abs/2407.00079\n\n${prose}And [the paper][moon] again.\n`;
    const { whole, pieces } = bothWays(text, 500);
    const references = pieces.links.filter((link) => link.kind === 'reference');
    assert.deepEqual(
      references.map((link) => link.target),
      ['https://arxiv.org/abs/2407.00079', 'https://arxiv.org/abs/2407.00079'],
    );
    assert.deepEqual(
      pieces.referenceDefinitions.map((definition) => definition.label),
      ['moon'],
      'the definitions borrowed by other pieces are not facts',
    );
    assertSameFacts(pieces, whole);
  });

  it('runs on to the end of a code block in a piece that borrows definitions from another', () => {
    const prose = 'Filler prose with [a reference][ref] in it.\n\n'.repeat(40);
    const text = `[ref]: https://example.com/ref\n\n${prose}\`\`\`bash\necho start\n\n# inside the code\n\nnvidia-smi\n\`\`\`\n\n# After the code\n\n${prose}`;
    const { whole, pieces } = bothWays(text, 600);
    assert.deepEqual(
      pieces.headings.map((heading) => heading.text),
      ['After the code'],
    );
    assertSameFacts(pieces, whole);
  });

  it('keeps a code block left open until the end of the note, with nothing borrowed in it', () => {
    const prose = 'Filler prose with a [link][ref].\n\n'.repeat(40);
    const text = `[ref]: https://example.com/ref\n\n${prose}\`\`\`text\nnever closed [ref]\n\n${prose}`;
    const { whole, pieces } = bothWays(text, 400);
    assert.equal(pieces.codeBlocks.length, 1);
    assert.ok(!pieces.codeBlocks[0].value.includes(']: #'), 'no borrowed definition inside the code');
    assertSameFacts(pieces, whole);
  });

  it('counts positions in the whole note across CRLF line ends', () => {
    const text = Object.values(SEED).map(seedText).join('\n\n').replace(/\n/g, '\r\n');
    const { whole, pieces } = bothWays(text, 5000);
    assertSameFacts(pieces, whole);
  });
});

describe('where a piece of a large note may end', () => {
  it('ends before a line at column 0 after a blank line, preferring the shallowest heading within the next piece', () => {
    const text = 'intro\n\npara one\n\n### deep\n\npara two\n\n## shallow\n\nend\n';
    assert.equal(text.slice(pieceEnd(text, 1, 1)), 'para one\n\n### deep\n\npara two\n\n## shallow\n\nend\n');
    assert.equal(text.slice(pieceEnd(text, 1, 100)), '## shallow\n\nend\n');
  });

  it('never ends before an indented line or a list item, which may continue the block before it', () => {
    const text = 'intro\n\n- one\n\n- two\n\n    code\n\n1. first\n\n2) second\n\nprose\n';
    assert.equal(text.slice(pieceEnd(text, 1, 1)), 'prose\n');
  });

  it('ends at the end of the text when there is no such line', () => {
    const text = '| a | b |\n|---|---|\n| 1 | 2 |\n';
    assert.equal(pieceEnd(text, 1), text.length);
  });
});
