import assert from 'node:assert/strict';
import { buildEntities } from '../../../server/src/index/entityTable';
import { factsOf } from '../helpers';

// Which record's description an entity's card shows when several notes describe it.
function entitiesOf(notes: Record<string, string>) {
  return buildEntities(Object.entries(notes).map(([name, markdown]) => [`file:///notes/${name}`, factsOf(markdown, name).entities]));
}

describe('the summary of an entity described in several notes', () => {
  it('comes from the record that names it, not from a news card headed by an event about it (cnrv resource.md and bi-week reports)', () => {
    const [kestrel] = entitiesOf({
      'a-resource.md': '+ Kestrel: 某人的RV64乱序处理器实现。Chisel, BSD Licensed。\n  [[GitHub](https://github.com/example/kestrel)]\n',
      'b-report.md': [
        '## 修正Kestrel流水线的一个错误',
        '',
        '最近，某人在Kestrel的浮点流水线发现了一个问题，已在 [PR 12](https://github.com/example/kestrel/pull/12) 中修正。',
        '',
        '- [Kestrel](https://github.com/example/kestrel)',
        '',
      ].join('\n'),
    });
    assert.equal(kestrel.name, 'Kestrel');
    assert.equal(kestrel.summary, '某人的RV64乱序处理器实现。Chisel, BSD Licensed。');
  });

  it('comes from a card under another name only when no record of its own name describes it (ml-engineering shape)', () => {
    const notes = {
      'a-inference.md':
        '### Widget Serving\n\n[Widget Serving](https://github.com/example/widget/blob/master/LICENSE) from [the Widget team](https://github.com/example/widget).\n',
      'b-parallelism.md': '- [Widget](https://github.com/example/widget) - Widget also includes an even more efficient DP.\n',
    };
    const widget = entitiesOf(notes).find((entity) => entity.id === 'github:example/widget')!;
    assert.equal(widget.summary, 'Widget also includes an even more efficient DP.');
    const alone = entitiesOf({ 'a-inference.md': notes['a-inference.md'] }).find((entity) => entity.id === 'github:example/widget')!;
    assert.match(alone.summary, /the Widget team/);
  });

  it('still prefers a card headed by the maker and the name (`英伟达NVIDIA-Megatron-LM` in seed 002) over a terse list item', () => {
    const [widget] = entitiesOf({
      'a-list.md': '- [Widget](https://github.com/example/widget) - training framework\n',
      'b-card.md':
        '## 某公司Example-Widget\n\nWidget是某公司推出的一个训练框架。\n\n- [example/widget](https://github.com/example/widget)\n',
    });
    assert.equal(widget.name, 'Widget');
    assert.match(widget.summary, /^Widget是某公司推出的/);
  });

  it('counts a paper’s short name before its title’s colon as its name (transformer-nlp and ml-engineering GQA shape)', () => {
    const [paper] = entitiesOf({
      'a-list.md': '- [QZA: Training Generalized Query Models](https://arxiv.org/abs/2305.00001) - They propose grouped-query attention.\n',
      'b-notes.md': '- [QZA](https://arxiv.org/abs/2305.00001) - Grouped-Query Attention\n',
    });
    assert.equal(paper.summary, 'They propose grouped-query attention.');
  });
});
