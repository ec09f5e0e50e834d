// The entity graph's picture: the entity in the middle, the notes defining and mentioning it around it,
// the entities mentioned with it further out, drawn as a page that loads nothing and runs only its own script.
import assert from 'node:assert/strict';
import { graphPage, layoutGraph, MAX_NOTES, MAX_RELATED, type GraphInput } from '../../../client/src/entityGraphSvg';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 7 } });
const note = (name: string) => `file:///notes/${name}`;
const describe_ = (uri: string) => uri.replace('file:///notes/', '');

const input: GraphInput = {
  entity: { id: 'github:ucb-bar/gemmini', name: 'Gemmini' },
  detail: {
    definitions: [
      { uri: note('cards.md'), range: at(2), shape: 'table-row' },
      { uri: note('cards.md'), range: at(9), shape: 'loose-list' },
      { uri: note('hw/tools.md'), range: at(3), shape: 'loose-list' },
    ],
    notes: [
      { uri: note('plan.md'), count: 4, ranges: [at(2), at(4)] },
      { uri: note('cards.md'), count: 1, ranges: [at(20)] },
    ],
  },
  related: [
    { id: 'github:triton-lang/triton', name: 'Triton', kind: 'project', notes: 3 },
    { id: 'arxiv:2205.14135', name: 'FlashAttention: Fast and Memory-Efficient Exact Attention', kind: 'paper', notes: 1 },
  ],
};

describe('the client: the entity graph', () => {
  it('puts the entity first, then each defining note once, the other mentioning notes, and the related entities', () => {
    const nodes = layoutGraph(input, describe_);
    assert.deepEqual(
      nodes.map((node) => [node.role, node.label]),
      [
        ['entity', 'Gemmini'],
        ['definition', 'cards.md'],
        ['definition', 'tools.md'],
        ['note', 'plan.md'],
        ['related', 'Triton'],
        ['related', 'FlashAttention: Fast an…'],
      ],
    );
    assert.equal(nodes[2].title, 'hw/tools.md: defines it');
    assert.equal(nodes[3].title, 'plan.md: mentions it 4 times');
  });

  it('opens a note where it defines or first mentions the entity, and centres on a related entity', () => {
    const nodes = layoutGraph(input, describe_);
    assert.deepEqual(nodes[1].action, { open: { uri: note('cards.md'), range: at(2) } });
    assert.deepEqual(nodes[3].action, { open: { uri: note('plan.md'), range: at(2) } });
    assert.deepEqual(nodes[4].action, { centre: { id: 'github:triton-lang/triton', name: 'Triton' } });
    assert.equal(nodes[0].action, undefined);
  });

  it('keeps the picture readable: at most 16 notes and 12 entities, none drawn on top of another', () => {
    const many: GraphInput = {
      ...input,
      detail: { definitions: [], notes: Array.from({ length: 40 }, (_, n) => ({ uri: note(`n${n}.md`), count: 1, ranges: [at(0)] })) },
      related: Array.from({ length: 30 }, (_, n) => ({ id: `name:e${n}`, name: `E${n}`, kind: 'project', notes: 1 })),
    };
    const nodes = layoutGraph(many, describe_);
    assert.equal(nodes.filter((node) => node.role === 'note').length, MAX_NOTES);
    assert.equal(nodes.filter((node) => node.role === 'related').length, MAX_RELATED);
    const spots = new Set(nodes.map((node) => `${Math.round(node.x)},${Math.round(node.y)}`));
    assert.equal(spots.size, nodes.length);
  });

  it('draws the notes to the left of the entity and the related entities to its right, each label written outwards', () => {
    const nodes = layoutGraph(input, describe_);
    const [centre] = nodes;
    assert.ok(nodes.filter((node) => node.role !== 'entity' && node.role !== 'related').every((node) => node.x < centre.x));
    assert.ok(nodes.filter((node) => node.role === 'related').every((node) => node.x > centre.x));
    const page = graphPage(nodes, 'n');
    assert.match(page, /text-anchor="end">plan\.md</);
    assert.match(page, /text-anchor="start">Triton</);
  });

  it('draws a page that loads nothing: a CSP allowing only its own nonced style and script, no address anywhere', () => {
    const page = graphPage(layoutGraph(input, describe_), 'n0nce');
    assert.match(
      page,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';">/,
    );
    assert.match(page, /<style nonce="n0nce">/);
    assert.match(page, /<script nonce="n0nce">/);
    assert.doesNotMatch(page, /https?:|src=|href=/);
  });

  it('writes names as text, never as markup, and numbers the nodes a click may choose', () => {
    const hostile: GraphInput = { ...input, entity: { id: 'name:x', name: '<img src=x onerror=alert(1)>' } };
    const page = graphPage(layoutGraph(hostile, describe_), 'n');
    assert.doesNotMatch(page, /<img/);
    assert.match(page, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.deepEqual(
      [...page.matchAll(/data-node="(\d+)"/g)].map((match) => Number(match[1])),
      [1, 2, 3, 4, 5],
    );
  });
});
