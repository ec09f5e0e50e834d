import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

function summaries(markdown: string): Record<string, string> {
  return Object.fromEntries(factsOf(markdown).entities.map((entity) => [entity.name, entity.summary]));
}

// ml-engineering (inference/README.md) lists accelerator stacks as bold labels over several links, each
// link described by the clause that follows it.
describe('links under a bold label, each described by its clause', () => {
  it('reads the clause after each link up to `;` or the end of the sentence', () => {
    const note = [
      '- **Google TPU**: [tpu-inference](https://github.com/vllm-project/tpu-inference) - the vLLM TPU plugin unifying JAX and PyTorch; [MaxText](https://github.com/AI-Hypercomputer/maxtext) is the JAX-native alternative.',
      '',
    ].join('\n');
    assert.deepEqual(summaries(note), {
      'tpu-inference': 'the vLLM TPU plugin unifying JAX and PyTorch',
      MaxText: 'the JAX-native alternative',
    });
  });

  it('reads a relative clause after a comma, the links inside it kept as text', () => {
    const note =
      '- **AWS Trainium/Inferentia**: the [AWS Neuron SDK](https://github.com/aws-neuron/aws-neuron-sdk), which serves through standard vLLM APIs and [Optimum Neuron](https://github.com/huggingface/optimum-neuron).\n';
    assert.equal(summaries(note)['AWS Neuron SDK'], 'which serves through standard vLLM APIs and Optimum Neuron');
  });

  it('gives no summary where the text after a link goes on naming things', () => {
    const note = [
      '- **Apple Silicon**: [MLX](https://github.com/ml-explore/mlx) / [mlx-lm](https://github.com/ml-explore/mlx-lm), plus llama.cpp’s Metal backend.',
      '- **Intel Gaudi (HPU)**: the [vllm-gaudi](https://github.com/vllm-project/vllm-gaudi) plugin, plus [Optimum for Intel Gaudi](https://github.com/huggingface/optimum-habana) for the HF ecosystem.',
      '',
    ].join('\n');
    assert.deepEqual(summaries(note), { MLX: '', 'mlx-lm': '', 'vllm-gaudi': '', 'Optimum for Intel Gaudi': '' });
  });

  it('describes no link in a sentence that has no label heading it', () => {
    const note =
      'We compared [vLLM](https://github.com/vllm-project/vllm) - the fast one - with [SGLang](https://github.com/sgl-project/sglang) on one node, and the results differ a lot across batch sizes.\n';
    for (const summary of Object.values(summaries(note))) assert.equal(summary, '');
  });
});

// awesome-hwd-tools (`Inspired by [awesome-python](…).`) and weekly issues (`作者使用软件 [x](…) 将…`) describe a
// link by the sentence it stands in.
describe('a sentence holding one link', () => {
  it('keeps the text of a link standing within the sentence, and drops one ending it as a label', () => {
    const note = [
      'Inspired by [awesome-kiwi](https://github.com/example/awesome-kiwi).',
      '',
      '一篇教程，作者使用软件 [podscribe](https://github.com/example/podscribe) 将播客转成可用的文本。',
      '',
      'SystemK standards [KStd 1666-2011](https://github.com/example/kstd)',
      '',
    ].join('\n');
    assert.deepEqual(summaries(note), {
      'awesome-kiwi': 'Inspired by awesome-kiwi.',
      podscribe: '一篇教程，作者使用软件 podscribe 将播客转成可用的文本。',
      'KStd 1666-2011': 'SystemK standards',
    });
  });
});
