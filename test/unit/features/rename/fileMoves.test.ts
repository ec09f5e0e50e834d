// Moving or renaming notes, images and folders: every relative link keeps pointing at the same file,
// spelled the way its note spells links.
import assert from 'node:assert/strict';
import { readConfig } from '../../../../server/src/config';
import { afterMoves } from './helpers';

describe('links when files move', () => {
  it('follows a renamed note from notes in other folders, and from its own link to itself', async () => {
    const files = {
      'gpu.md': '# GPU\n\n[top](gpu.md#gpu)\n',
      'index.md': '- [GPU](gpu.md) and [its setup](./gpu.md#setup)\n',
      'weekly/w1.md': 'See [GPU](../gpu.md).\n',
      'other.md': 'Nothing links to gpu here: [x](index.md)\n',
    };
    assert.deepEqual(await afterMoves(files, { 'gpu.md': 'hardware/gpu-notes.md' }), {
      'gpu.md': '# GPU\n\n[top](gpu-notes.md#gpu)\n',
      'index.md': '- [GPU](hardware/gpu-notes.md) and [its setup](./hardware/gpu-notes.md#setup)\n',
      'weekly/w1.md': 'See [GPU](../hardware/gpu-notes.md).\n',
    });
  });

  it('rewrites the relative links inside a note moved to another folder, keeping ./, queries and anchors', async () => {
    const files = {
      'notes/cuda.md': '![card](./img/card.png) [guide](../guide.md?plain=1#install) [web](https://nvidia.com) [self](#top)\n',
      'notes/img/card.png': '',
      'guide.md': '# Guide\n',
    };
    assert.deepEqual(await afterMoves(files, { 'notes/cuda.md': 'archive/2024/cuda.md' }), {
      'notes/cuda.md': '![card](../../notes/img/card.png) [guide](../../guide.md?plain=1#install) [web](https://nvidia.com) [self](#top)\n',
    });
  });

  it('spells new names as the note spells paths: percent-encoded, raw CJK, or in angle brackets', async () => {
    const files = {
      'a.md': '[encoded](%E7%AC%94%E8%AE%B0/gpu%20notes.md) [raw](笔记/gpu%20notes.md) [angle](<笔记/gpu notes.md>)\n',
      '笔记/gpu notes.md': '# GPU\n',
    };
    assert.deepEqual(await afterMoves(files, { '笔记/gpu notes.md': '笔记/显卡 驱动.md' }), {
      'a.md':
        '[encoded](%E7%AC%94%E8%AE%B0/%E6%98%BE%E5%8D%A1%20%E9%A9%B1%E5%8A%A8.md) [raw](笔记/显卡%20驱动.md) [angle](<笔记/显卡 驱动.md>)\n',
    });
  });

  it('follows a moved folder: links into it from outside and out of it from inside; links within it stay', async () => {
    const files = {
      'papers/llm/mooncake.md': '![arch](img/arch.png) [vLLM](../../projects/vllm.md) [sibling](./serving.md)\n',
      'papers/llm/serving.md': '[Mooncake](mooncake.md)\n',
      'papers/llm/img/arch.png': '',
      'projects/vllm.md': 'Paper: [Mooncake](../papers/llm/mooncake.md), figure ![arch](../papers/llm/img/arch.png)\n',
      'index.md': '[LLM papers](papers/llm/) [reading list](<papers/llm/serving.md>)\n',
    };
    assert.deepEqual(await afterMoves(files, { 'papers/llm': 'reading/2024/llm papers' }), {
      'papers/llm/mooncake.md': '![arch](img/arch.png) [vLLM](../../../projects/vllm.md) [sibling](./serving.md)\n',
      'projects/vllm.md':
        'Paper: [Mooncake](../reading/2024/llm%20papers/mooncake.md), figure ![arch](../reading/2024/llm%20papers/img/arch.png)\n',
      'index.md': '[LLM papers](reading/2024/llm%20papers/) [reading list](<reading/2024/llm papers/serving.md>)\n',
    });
  });

  it('keeps /-rooted links rooted at the workspace folder, and updates reference definitions and HTML', async () => {
    const files = {
      'docs/setup.md': '# Setup\n',
      'index.md': '[setup][s] <img src="docs/logo.png"> [rooted](/docs/setup.md)\n\n[s]: docs/setup.md "Setup"\n',
      'docs/logo.png': '',
    };
    assert.deepEqual(await afterMoves(files, { docs: 'guide' }), {
      'index.md': '[setup][s] <img src="guide/logo.png"> [rooted](/guide/setup.md)\n\n[s]: guide/setup.md "Setup"\n',
    });
  });

  it('renames wiki links to a renamed note, keeping #heading, |alias, the extension and the spelling', async () => {
    const files = {
      'gpu.md': '# GPU\n\n## Setup\n',
      'index.md': '[[gpu]] [[GPU#Setup|set-up]] [[ gpu.md ]] [[#Local]] [[gpu-old]]\n\n## Local\n',
      'gpu-old.md': '[[gpu|the new one]]\n',
    };
    assert.deepEqual(await afterMoves(files, { 'gpu.md': 'cuda.md' }), {
      'index.md': '[[cuda]] [[cuda#Setup|set-up]] [[ cuda.md ]] [[#Local]] [[gpu-old]]\n\n## Local\n',
      'gpu-old.md': '[[cuda|the new one]]\n',
    });
  });

  it('leaves name-only wiki links alone when a note moves to another folder, and updates the path-form ones', async () => {
    const files = {
      'papers/llm/mooncake.md': '# Mooncake\n',
      'index.md': '[[mooncake]] [[llm/mooncake#Mooncake]] [[papers/llm/mooncake|paper]] [[Papers/LLM/Mooncake.md]]\n',
    };
    assert.deepEqual(await afterMoves(files, { 'papers/llm/mooncake.md': 'reading/mooncake.md' }), {
      'index.md': '[[mooncake]] [[reading/mooncake#Mooncake]] [[reading/mooncake|paper]] [[reading/Mooncake.md]]\n',
    });
  });

  it('updates path-form wiki links through a renamed folder, only where the path they write changes', async () => {
    const files = {
      'papers/llm/mooncake.md': '# Mooncake\n',
      'index.md': '[[mooncake]] [[llm/mooncake]] [[papers/llm/mooncake]]\n',
    };
    assert.deepEqual(await afterMoves(files, { papers: 'reading list' }), {
      'index.md': '[[mooncake]] [[llm/mooncake]] [[reading list/llm/mooncake]]\n',
    });
    // Moved into a folder, papers/llm/mooncake is still the end of its path: the resolver still finds it.
    assert.deepEqual(await afterMoves(files, { papers: 'archive/papers' }), {});
  });

  it('writes the shortest path that names a renamed note alone when its new name is another note’s too', async () => {
    const files = {
      'a/gpu.md': '# GPU\n',
      'b/cuda.md': '# CUDA\n',
      'index.md': '[[gpu]] [[a/gpu#GPU]]\n',
    };
    assert.deepEqual(await afterMoves(files, { 'a/gpu.md': 'a/cuda.md' }), {
      'index.md': '[[a/cuda]] [[a/cuda#GPU]]\n',
    });
  });

  it('renames wiki embeds of a renamed image, keeping |size; a move to another folder leaves a name-only embed alone', async () => {
    const files = {
      'img/arch.png': 'png',
      'note.md': '![[arch.png]] ![[img/arch.png|300]] [[arch.png|the diagram]]\n',
    };
    assert.deepEqual(await afterMoves(files, { 'img/arch.png': 'img/架构.png' }), {
      'note.md': '![[架构.png]] ![[img/架构.png|300]] [[架构.png|the diagram]]\n',
    });
    assert.deepEqual(await afterMoves(files, { 'img/arch.png': 'assets/arch.png' }), {
      'note.md': '![[arch.png]] ![[assets/arch.png|300]] [[arch.png|the diagram]]\n',
    });
  });

  it('renames CJK wiki links, and follows the note a heading picks among notes of one name', async () => {
    const files = {
      '笔记.md': '## 使用方法\n',
      'old/笔记.md': '## 旧的\n',
      'index.md': '[[笔记#使用方法]] [[笔记#旧的]] [[笔记]]\n',
    };
    assert.deepEqual(await afterMoves(files, { '笔记.md': '工具笔记.md' }), {
      'index.md': '[[工具笔记#使用方法]] [[笔记#旧的]] [[笔记]]\n',
    });
  });

  it('leaves a wiki link alone when the new name cannot stand in one', async () => {
    const files = { 'c.md': '# C\n', 'index.md': '[[c]]\n' };
    assert.deepEqual(await afterMoves(files, { 'c.md': 'c#.md' }), {});
  });

  it('changes nothing when nothing links across the move', async () => {
    const files = { 'a.md': '[b](b.md)\n', 'b.md': '# B\n', 'c.md': '# C\n' };
    assert.deepEqual(await afterMoves(files, { 'c.md': 'd.md' }), {});
  });

  it('are updated as marginalia.links.updateOnFileMove says: "ask" unless set, a wrong value reported', () => {
    const problems: string[] = [];
    assert.equal(readConfig({}).links.updateOnFileMove, 'ask');
    assert.equal(readConfig({ links: { updateOnFileMove: 'always' } }).links.updateOnFileMove, 'always');
    assert.equal(
      readConfig({ links: { updateOnFileMove: 'sometimes' } }, (problem) => problems.push(problem)).links.updateOnFileMove,
      'ask',
    );
    assert.deepEqual(problems, ['marginalia.links.updateOnFileMove must be one of always, ask, never; using ask']);
  });
});
