import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

function summaries(markdown: string): Array<[string, string, string]> {
  return factsOf(markdown).entities.map((entity) => [entity.shape, entity.name, entity.summary]);
}

// A card whose first paragraph is only its link line, or a bold label, describes the thing in the next paragraph.
describe('cards past their link line', () => {
  it('reads the paragraph after a link line that names a question, not the link (awesome-transformer-nlp)', () => {
    const note = [
      '#### ChatGPT',
      '',
      '[What is ChatGPT?](https://openai.com/blog/chatgpt/)',
      '',
      "**TL;DR:** ChatGPT is a conversational web interface, backed by OpenAI's newest language model.",
      '',
      'For more, please take a look at [ChatGPT Universe](https://github.com/cedrickchee/chatgpt-universe).',
      '',
    ].join('\n');
    for (const [shape, name, summary] of summaries(note).filter(([, name]) => name === 'ChatGPT'))
      assert.match(summary, /^TL;DR: ChatGPT is a conversational web interface/, `${shape} ${name}`);
  });

  it('reads past a link line with a remark in parentheses (ml-engineering)', () => {
    const note = [
      '### TensorRT-LLM',
      '',
      '[TensorRT-LLM](https://github.com/NVIDIA/TensorRT-LLM) (also integrated what used to be `FasterTransformer`)',
      '',
      'Supports only NVIDIA gpus.',
      '',
    ].join('\n');
    assert.deepEqual(summaries(note)[0], ['project-card', 'TensorRT-LLM', 'Supports only NVIDIA gpus.']);
  });

  it('reads past a bold label standing alone over the description (awesome-open-hardware-verification)', () => {
    const note = [
      '### EBMC',
      '',
      '**EBMC:**',
      '',
      '"*EBMC is a Model Checker for hardware designs.*"',
      '',
      '- Link: http://www.cprover.org/ebmc/',
      '',
    ].join('\n');
    assert.deepEqual(summaries(note)[0], ['linked-heading', 'EBMC', 'EBMC is a Model Checker for hardware designs.']);
  });

  it('keeps a first paragraph that says something after its link (ml-engineering, storage)', () => {
    const note = [
      '### fio',
      '',
      '[fio - Flexible I/O tester](https://github.com/axboe/fio) is a commonly used IO benchmarking tool.',
      '',
      'First install `fio`.',
      '',
    ].join('\n');
    assert.match(summaries(note)[0][2], /is a commonly used IO benchmarking tool/);
  });

  it("does not take a list's call for contributions after the last card's link line (ml-engineering)", () => {
    const note = [
      '### MLC-LLM',
      '',
      '[MLC-LLM](https://github.com/mlc-ai/mlc-llm)',
      '',
      "If your favourite inference framework isn't listed please make a PR and add it.",
      '',
    ].join('\n');
    for (const [, , summary] of summaries(note)) assert.doesNotMatch(summary, /please make a PR/);
  });
});
