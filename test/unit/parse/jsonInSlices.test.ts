import assert from 'node:assert/strict';
import { parseJsonInSlices } from '../../../server/src/parse/jsonInSlices';
import { SEED, factsOf, seedText } from '../helpers';

/** Parses in slices of `sliceBytes`, counting the pauses between them. */
async function inSlices(json: string, sliceBytes?: number) {
  let pauses = 0;
  const value = await parseJsonInSlices(Buffer.from(json), async () => void pauses++, sliceBytes);
  return { value, pauses };
}

describe('parsing JSON a slice at a time', () => {
  it('gives what JSON.parse gives, for any slice size and layout', async () => {
    const values = [
      {},
      { empty: [], nested: [[], {}, [[1]]] },
      { numbers: [1, -2.5e-3, 0], literals: [true, false, null], text: 'a "quoted" ] } [ { \\ string' },
      { 'key with "quotes"': ['中文', 'tab\tand\nnewline', '\u2028', { deep: { deeper: [{ x: ']' }] } }] },
    ];
    for (const value of values) {
      for (const layout of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
        for (const slice of [1, 7, 1024]) assert.deepEqual((await inSlices(layout, slice)).value, value, `${layout} in slices of ${slice}`);
      }
    }
  });

  it("parses a note's facts exactly, pausing between slices of their arrays", async () => {
    const facts = factsOf(seedText(SEED.chips));
    const json = JSON.stringify(facts);
    const { value, pauses } = await inSlices(json, 4096);
    assert.deepEqual(value, JSON.parse(json));
    assert.ok(pauses > json.length / 4096 / 2, `${pauses} pauses for ${json.length} bytes`);
  });

  it('rejects what JSON.parse rejects, and a top level other than an object, saying where', async () => {
    await assert.rejects(
      parseJsonInSlices(Buffer.from('[1]'), async () => undefined),
      /^SyntaxError: JSON: expected '\{' at byte 0$/,
    );
    for (const bad of ['', '{', '{"a":1 "b":2}', '{"a":[1 2]}', '{"a":1,}', '{"a":[1,]}', '{"a":"x}', '{"a":1}x', '{"a":[1,2']) {
      assert.throws(() => JSON.parse(bad), SyntaxError, `JSON.parse accepts ${bad}`);
      await assert.rejects(
        parseJsonInSlices(Buffer.from(bad), async () => undefined),
        /^SyntaxError: JSON: .* at byte \d+$/,
        bad,
      );
    }
  });
});
