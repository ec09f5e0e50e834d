import * as assert from 'node:assert/strict';
import { NoteMentions, type MentionOwners } from '../../../server/src/index/noteMentions';

describe("a note's packed mentions", () => {
  const vllm: MentionOwners = { entityIds: ['github:vllm-project/vllm'] };
  const deepSpeed: MentionOwners = { entityIds: ['deepspeed', 'cntk'], exactCount: 1 };
  // "vLLM and DeepSpeed, then vLLM": three mentions, two sets of owners.
  const mentions = new NoteMentions(Int32Array.from([0, 4, 0, 9, 18, 1, 25, 29, 0]), [vllm, deepSpeed]);

  it('reads back each mention with its owners, the exact-name count only where some names are exact', () => {
    assert.deepEqual(
      [...mentions],
      [
        { start: 0, end: 4, entityIds: vllm.entityIds },
        { start: 9, end: 18, entityIds: deepSpeed.entityIds, exactCount: 1 },
        { start: 25, end: 29, entityIds: vllm.entityIds },
      ],
    );
    assert.equal(mentions.length, 3);
  });

  it('finds the mention at an offset, both ends included, and none between mentions', () => {
    assert.equal(mentions.covering(0)?.start, 0);
    assert.equal(mentions.covering(4)?.start, 0);
    assert.equal(mentions.covering(18)?.start, 9);
    assert.equal(mentions.covering(27)?.start, 25);
    assert.equal(mentions.covering(6), undefined);
    assert.equal(mentions.covering(30), undefined);
    assert.equal(NoteMentions.none.covering(0), undefined);
  });

  it('lists each set of owners once, however often the note names it', () => {
    assert.deepEqual([...mentions.ownerSets()], [vllm, deepSpeed]);
    assert.equal(NoteMentions.none.ownerSets().size, 0);
  });

  it('lists each entity it names once, whichever mentions name it', () => {
    const cntk: MentionOwners = { entityIds: ['cntk'] };
    const both = new NoteMentions(Int32Array.from([0, 4, 0, 9, 18, 1, 20, 24, 2]), [vllm, deepSpeed, cntk]);
    assert.deepEqual([...both.entityIds()], ['github:vllm-project/vllm', 'deepspeed', 'cntk']);
  });
});
