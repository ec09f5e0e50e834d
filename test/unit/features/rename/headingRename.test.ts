// Renaming a heading: the heading and every #anchor naming it, in its note and in the notes linking to it.
import assert from 'node:assert/strict';
import { renamedAt } from './helpers';

describe('renaming a heading', () => {
  it('renames the heading and the anchors pointing at it, in its note and in another note', async () => {
    const files = {
      'gpu.md': '# GPUs\n\n## CUDA setup\n\nSee [setup](#cuda-setup).\n',
      'notes/weekly.md': 'Done: [CUDA](../gpu.md#cuda-setup), [top](../gpu.md#gpus).\n',
    };
    assert.deepEqual(await renamedAt(files, 'gpu.md', '## CUDA', 'Installing CUDA 12', 4), {
      'gpu.md': '# GPUs\n\n## Installing CUDA 12\n\nSee [setup](#installing-cuda-12).\n',
      'notes/weekly.md': 'Done: [CUDA](../gpu.md#installing-cuda-12), [top](../gpu.md#gpus).\n',
    });
  });

  it('gives a CJK heading its GitHub slug, and keeps an anchor written percent-encoded encoded', async () => {
    const files = {
      'frameworks.md': '## 简介\n\nMXNet 的[简介](#简介)。\n',
      'index.md': '- [框架简介](frameworks.md#%E7%AE%80%E4%BB%8B)\n',
    };
    assert.deepEqual(await renamedAt(files, 'frameworks.md', '简介', '项目 简介'), {
      'frameworks.md': '## 项目 简介\n\nMXNet 的[简介](#项目-简介)。\n',
      'index.md': '- [框架简介](frameworks.md#%E9%A1%B9%E7%9B%AE-%E7%AE%80%E4%BB%8B)\n',
    });
  });

  it('keeps every anchor on its heading when the rename renumbers duplicate headings', async () => {
    // Before: Usage (#usage), Install, Usage (#usage-1). Renaming the first Usage makes the second plain #usage.
    const files = {
      'tool.md': '## Usage\n\nold\n\n## Install\n\n## Usage\n\nnew\n',
      'links.md': '[old usage](tool.md#usage) [new usage](tool.md#usage-1) [install](tool.md#install)\n',
    };
    assert.deepEqual(await renamedAt(files, 'tool.md', '## Usage', 'Old usage', 4), {
      'tool.md': '## Old usage\n\nold\n\n## Install\n\n## Usage\n\nnew\n',
      'links.md': '[old usage](tool.md#old-usage) [new usage](tool.md#usage) [install](tool.md#install)\n',
    });
  });

  it('renumbers the other way when a heading is renamed into a duplicate', async () => {
    const files = {
      'tool.md': '## Install\n\n## Usage\n\n## Usage\n',
      'links.md': '[first](tool.md#usage) [second](tool.md#usage-1) [install](tool.md#install)\n',
    };
    assert.deepEqual(await renamedAt(files, 'tool.md', '## Install', 'Usage', 4), {
      'tool.md': '## Usage\n\n## Usage\n\n## Usage\n',
      'links.md': '[first](tool.md#usage-1) [second](tool.md#usage-2) [install](tool.md#usage)\n',
    });
  });

  it('follows reference definitions, HTML links and links in angle brackets, and keeps GitHub’s user-content- prefix', async () => {
    const files = {
      'my notes/gpu.md': '# GPU\n\n## Drivers\n',
      'index.md': [
        '[drivers][d] <a href="my%20notes/gpu.md#drivers">HTML</a> [angle](<my notes/gpu.md#drivers>)',
        '[gh](my%20notes/gpu.md#user-content-drivers)',
        '',
        '[d]: <my notes/gpu.md#drivers> "Drivers"',
        '',
      ].join('\n'),
    };
    const renamed = await renamedAt(files, 'my notes/gpu.md', 'Drivers', 'NVIDIA drivers');
    assert.deepEqual(renamed, {
      'my notes/gpu.md': '# GPU\n\n## NVIDIA drivers\n',
      'index.md': [
        '[drivers][d] <a href="my%20notes/gpu.md#nvidia-drivers">HTML</a> [angle](<my notes/gpu.md#nvidia-drivers>)',
        '[gh](my%20notes/gpu.md#user-content-nvidia-drivers)',
        '',
        '[d]: <my notes/gpu.md#nvidia-drivers> "Drivers"',
        '',
      ].join('\n'),
    });
  });

  it('leaves links to other notes with the same heading alone', async () => {
    const files = {
      'a.md': '## Setup\n',
      'b.md': '## Setup\n',
      'index.md': '[a](a.md#setup) [b](b.md#setup)\n',
    };
    assert.deepEqual(await renamedAt(files, 'a.md', 'Setup', 'Install'), {
      'a.md': '## Install\n',
      'index.md': '[a](a.md#install) [b](b.md#setup)\n',
    });
  });

  it('renames from the #anchor of a link, in another note, taking the new heading text', async () => {
    const files = {
      'gpu.md': '## CUDA setup\n',
      'weekly.md': 'Done: [CUDA](gpu.md#cuda-setup).\n',
    };
    assert.deepEqual(await renamedAt(files, 'weekly.md', '#cuda-setup', 'CUDA 12 setup', 2), {
      'gpu.md': '## CUDA 12 setup\n',
      'weekly.md': 'Done: [CUDA](gpu.md#cuda-12-setup).\n',
    });
  });

  it('keeps a closing ## and the inline markup the new name is written with', async () => {
    const files = { 'note.md': '## Serving ##\n\n[s](#serving)\n' };
    assert.deepEqual(await renamedAt(files, 'note.md', 'Serving', '**vLLM** serving'), {
      'note.md': '## **vLLM** serving ##\n\n[s](#vllm-serving)\n',
    });
  });

  it('renames a setext heading on its text line', async () => {
    const files = { 'note.md': 'Papers\n======\n\n[p](#papers)\n' };
    assert.deepEqual(await renamedAt(files, 'note.md', 'Papers', 'Reading list'), {
      'note.md': 'Reading list\n======\n\n[p](#reading-list)\n',
    });
  });

  it('refuses a new name of several lines', async () => {
    assert.match(String(await renamedAt({ 'note.md': '## A\n' }, 'note.md', 'A', 'B\nC', 0)), /one line/);
  });
});
