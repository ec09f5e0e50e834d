import assert from 'node:assert/strict';
import { accepted, completeIn, labels } from './helpers';

const DEFINITIONS = [
  '[Flash Attention]: https://arxiv.org/abs/2205.14135',
  '[vllm-repo]: https://github.com/vllm-project/vllm',
  '[官网]: ./home.md',
  '',
].join('\n');

describe('completing reference labels', () => {
  it('lists the labels the note defines after `][`, as their definitions write them, with their targets', async () => {
    const answer = await completeIn({ 'note.md': `Read [the paper][‸\n\n${DEFINITIONS}` }, 'note.md');
    assert.deepEqual(labels(answer), ['Flash Attention', 'vllm-repo', '官网']);
    assert.deepEqual(
      answer.items.map((item) => item.detail),
      ['https://arxiv.org/abs/2205.14135', 'https://github.com/vllm-project/vllm', './home.md'],
    );
  });

  it('filters by the label typed so far, ignoring case', async () => {
    const answer = await completeIn({ 'note.md': `Read [the paper][fla‸]\n\n${DEFINITIONS}` }, 'note.md');
    assert.deepEqual(labels(answer), ['Flash Attention']);
    assert.equal(accepted(answer.text, answer.items[0]), 'Read [the paper][Flash Attention]');
  });

  it('offers no labels of other notes', async () => {
    const answer = await completeIn({ 'other.md': DEFINITIONS, 'note.md': 'Read [the paper][‸\n' }, 'note.md');
    assert.deepEqual(labels(answer), []);
  });
});
