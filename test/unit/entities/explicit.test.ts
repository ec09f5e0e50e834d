import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

describe('entities the user declares', () => {
  it('makes a note with front-matter aliases an entity', () => {
    const facts = factsOf(
      '---\ntitle: Triton\naliases: [OpenAI Triton, triton-lang]\ngithub: triton-lang/triton\n---\n\n# Triton\n\nA language for GPU kernels.\n',
    );
    const [triton] = facts.entities;
    assert.equal(triton.name, 'Triton');
    assert.equal(triton.shape, 'explicit');
    assert.ok(triton.aliases.includes('OpenAI Triton'));
    assert.equal(triton.links.github, 'triton-lang/triton');
    assert.equal(triton.summary, 'A language for GPU kernels.');
  });

  it('reads a heading marked `<!-- entity -->` with kind and aliases', () => {
    const facts = factsOf('## FlashAttention <!-- entity kind=paper aliases="FA, FA2" -->\n\nFast exact attention.\n');
    const [entity] = facts.entities;
    assert.equal(entity.name, 'FlashAttention');
    assert.equal(entity.kind, 'paper');
    assert.deepEqual(entity.aliases.slice(0, 2), ['FA', 'FA2']);
    assert.equal(entity.summary, 'Fast exact attention.');
  });

  it('reads a list item marked `<!-- entity -->`', () => {
    const facts = factsOf('- Verilator: the fastest Verilog simulator <!-- entity -->\n');
    assert.equal(facts.entities[0].name, 'Verilator');
    assert.equal(facts.entities[0].summary, 'the fastest Verilog simulator');
  });

  it('drops a heuristic entity on a line marked `<!-- not-entity -->`', () => {
    const facts = factsOf('JAX: https://github.com/google/jax <!-- not-entity -->\nFlax: https://github.com/google/flax\n');
    assert.deepEqual(
      facts.entities.map((entity) => entity.name),
      ['Flax'],
    );
  });
});
