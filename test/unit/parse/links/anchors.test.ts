import assert from 'node:assert/strict';
import { lookUpAnchor, noteAnchors } from '../../../../server/src/parse/links/anchors';
import { factsOf } from '../../helpers';

/** The anchors of a note written with these headings, as the parser gives them. */
function anchorsOf(...headings: string[]): string[] {
  return noteAnchors(factsOf(headings.map((heading) => `## ${heading}\n`).join('\n')));
}

describe('how a #fragment meets the headings of a note, as GitHub resolves it', () => {
  const anchors = anchorsOf(
    'Getting Started',
    '8. 在二叉查找树中寻找两个节点，使它们的和为一个给定值',
    "Qu'est-ce qu'un LLM ?",
    '1. 설치 방법 (Linux)',
    'परिचय: मशीन लर्निंग',
  );

  it('finds the exact anchor in any letter case, with or without the user-content- prefix, and #top and line fragments', () => {
    for (const fragment of [
      'getting-started',
      'Getting-Started',
      'user-content-getting-started',
      '8-在二叉查找树中寻找两个节点使它们的和为一个给定值',
      'quest-ce-quun-llm-',
      '1-설치-방법-linux',
      'परिचय-मशीन-लर्निंग',
      'top',
      'L12',
    ]) {
      assert.deepEqual(lookUpAnchor(anchors, fragment), { kind: 'found' }, fragment);
    }
  });

  it('names the exact anchor of a fragment that matches only once slugged: punctuation or spaces left in', () => {
    const cases: Array<[string, string]> = [
      ['8-在二叉查找树中寻找两个节点，使它们的和为一个给定值', '8-在二叉查找树中寻找两个节点使它们的和为一个给定值'],
      ["qu'est-ce-qu'un-llm-", 'quest-ce-quun-llm-'],
      ['1.-설치-방법-(linux)', '1-설치-방법-linux'],
      ['परिचय:-मशीन-लर्निंग', 'परिचय-मशीन-लर्निंग'],
      ['Getting Started', 'getting-started'],
    ];
    for (const [fragment, anchor] of cases) assert.deepEqual(lookUpAnchor(anchors, fragment), { kind: 'slugged', anchor }, fragment);
  });

  it('finds nothing for a fragment no heading slugs to', () => {
    assert.deepEqual(lookUpAnchor(anchors, 'installation'), { kind: 'missing' });
  });
});
