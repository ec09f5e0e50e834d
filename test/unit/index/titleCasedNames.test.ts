import assert from 'node:assert/strict';
import type { Entity } from '../../../server/src/index/entityTable';
import { MentionMatcher } from '../../../server/src/index/mentionMatcher';
import { finish } from '../../../server/src/parse/steps';
import { factsOf } from '../helpers';

function entity(id: string, name: string): Entity {
  return { id, identities: [id], name, kind: 'project', aliases: [], summary: '', links: {}, fields: {}, sites: [] };
}

function mentioned(matcher: MentionMatcher, text: string): string[] {
  return [...finish(matcher.mentionSteps(text, factsOf(text).opaqueRanges))].map((mention) => text.slice(mention.start, mention.end));
}

// awesome-open-hardware-verification names a cocotb package `AXI Bus` in a table, and its prose speaks of
// "an AXI bus", the bus itself; cnrv-home cites a paper in sentence case and writes its title in title case.
describe('short names that capitalise an ordinary word', () => {
  const matcher = new MentionMatcher([
    entity('github:alexforencich/cocotbext-axi', 'AXI Bus'),
    entity('url:carrv.github.io/cook', 'Diplomatic design patterns: A TileLink case study'),
    entity('github:nvidia/dcgm-exporter', 'DCGM Exporter'),
  ]);

  it('match prose only as written: `AXI Bus`, not `an AXI bus`', () => {
    assert.deepEqual(mentioned(matcher, 'for checking for correct protocol behaviour in an AXI bus. See AXI Bus for the VIP.'), [
      'AXI Bus',
    ]);
    assert.deepEqual(mentioned(matcher, 'the DCGM exporter, or DCGM Exporter'), ['DCGM Exporter']);
  });

  it("leave a paper's title matched however its words are capitalised", () => {
    assert.deepEqual(mentioned(matcher, '《Diplomatic Design Patterns: A TileLink Case Study》用来介绍其设计理念'), [
      'Diplomatic Design Patterns: A TileLink Case Study',
    ]);
  });
});
