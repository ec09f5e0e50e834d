import assert from 'node:assert/strict';
import { jsonSteps } from '../../../server/src/parse/jsonSteps';
import { finish, inSlices } from '../../../server/src/parse/steps';
import { SEED, factsOf, seedText } from '../helpers';

/** Parses in slices of `sliceBytes`, counting the pauses between them. */
async function parsedInSlices(json: string, sliceBytes?: number) {
  let pauses = 0;
  const value = await inSlices(jsonSteps(Buffer.from(json), { sliceBytes, wholeBytes: 0 }), async () => void pauses++);
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
        for (const slice of [1, 7, 1024])
          assert.deepEqual((await parsedInSlices(layout, slice)).value, value, `${layout} in slices of ${slice}`);
      }
    }
  });

  it("parses a note's facts exactly, pausing between slices of their arrays", async () => {
    const facts = factsOf(seedText(SEED.chips));
    const json = JSON.stringify(facts);
    const { value, pauses } = await parsedInSlices(json, 4096);
    assert.deepEqual(value, JSON.parse(json));
    assert.ok(pauses > json.length / 4096 / 2, `${pauses} pauses for ${json.length} bytes`);
  });

  it('parses JSON of up to a megabyte whole, with no pause, and larger JSON in slices', async () => {
    const small = JSON.stringify({ links: [1, 2, 3], title: 'x' });
    let pauses = 0;
    assert.deepEqual(await inSlices(jsonSteps(Buffer.from(small)), async () => void pauses++), JSON.parse(small));
    assert.equal(pauses, 0);
    const large = JSON.stringify({ links: Array.from({ length: 200_000 }, (_, at) => ({ at, target: `note-${at}.md` })) });
    assert.ok(large.length > 1024 * 1024);
    assert.deepEqual(await inSlices(jsonSteps(Buffer.from(large)), async () => void pauses++), JSON.parse(large));
    assert.ok(pauses >= 4, `${pauses} pauses for ${large.length} bytes`);
  });

  it('rejects what JSON.parse rejects, and a top level other than an object, saying where, parsed whole or in slices', async () => {
    for (const slicing of [{}, { sliceBytes: 1, wholeBytes: 0 }, { sliceBytes: 1024, wholeBytes: 0 }]) {
      assert.throws(() => finish(jsonSteps(Buffer.from('[1]'), slicing)), /^SyntaxError: JSON: expected '\{' at byte 0$/);
      for (const bad of ['', '{', '{"a":1 "b":2}', '{"a":[1 2]}', '{"a":1,}', '{"a":[1,]}', '{"a":"x}', '{"a":1}x', '{"a":[1,2']) {
        assert.throws(() => JSON.parse(bad), SyntaxError, `JSON.parse accepts ${bad}`);
        await assert.rejects(
          inSlices(jsonSteps(Buffer.from(bad), slicing), async () => undefined),
          /^SyntaxError: JSON: .* at byte \d+$/,
          bad,
        );
      }
    }
  });
});
