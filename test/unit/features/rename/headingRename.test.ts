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

  it('rewrites wiki links naming the heading by text, keeping aliases; [[#Heading]] in its own note too', async () => {
    const files = {
      'gpu.md': '# GPUs\n\n## CUDA setup\n\nSee [[#CUDA setup]] and [[#Other]].\n\n## Other\n',
      'weekly.md': 'Done: [[gpu#CUDA setup]], [[GPU#cuda  setup|the setup]], [[gpu#Other]], [[gpu]].\n',
      'other.md': '## CUDA setup\n\n[[other#CUDA setup]] [[#CUDA setup]]\n',
    };
    assert.deepEqual(await renamedAt(files, 'gpu.md', '## CUDA', '**CUDA 12** setup', 4), {
      'gpu.md': '# GPUs\n\n## **CUDA 12** setup\n\nSee [[#CUDA 12 setup]] and [[#Other]].\n\n## Other\n',
      'weekly.md': 'Done: [[gpu#CUDA 12 setup]], [[GPU#CUDA 12 setup|the setup]], [[gpu#Other]], [[gpu]].\n',
    });
  });

  it('renames from the #heading of a wiki link in another note, rewriting the heading, its anchors and its wiki links', async () => {
    const files = {
      'gpu.md': '## CUDA setup\n\nSee [setup](#cuda-setup).\n',
      'weekly.md': 'Done: [[gpu#CUDA setup|the setup]] and [[gpu#cuda-setup]].\n',
    };
    assert.deepEqual(await renamedAt(files, 'weekly.md', 'CUDA setup|', 'CUDA 12 setup', 2), {
      'gpu.md': '## CUDA 12 setup\n\nSee [setup](#cuda-12-setup).\n',
      'weekly.md': 'Done: [[gpu#CUDA 12 setup|the setup]] and [[gpu#cuda-12-setup]].\n',
    });
  });

  it('rewrites wiki links by path and to the last of #section#heading, and a CJK heading', async () => {
    const files = {
      '笔记/工具.md': '# 工具\n\n## 使用方法\n',
      'index.md': '[[工具#使用方法]] [[笔记/工具#工具#使用方法|用法]] [[ 工具 # 使用方法 ]]\n',
    };
    assert.deepEqual(await renamedAt(files, '笔记/工具.md', '使用方法', '安装与使用'), {
      '笔记/工具.md': '# 工具\n\n## 安装与使用\n',
      'index.md': '[[工具#安装与使用]] [[笔记/工具#工具#安装与使用|用法]] [[ 工具 # 安装与使用 ]]\n',
    });
  });

  it('keeps wiki links written as slugs on their heading when duplicates are renumbered', async () => {
    const files = {
      'tool.md': '## Usage\n\n## Usage\n',
      'links.md': '[[tool#Usage]] [[tool#usage-1]] [[tool#USAGE]]\n',
    };
    assert.deepEqual(await renamedAt(files, 'tool.md', '## Usage', 'Old usage', 4), {
      'tool.md': '## Old usage\n\n## Usage\n',
      'links.md': '[[tool#Old usage]] [[tool#usage]] [[tool#Old usage]]\n',
    });
  });

  it('writes the slug where the new text cannot stand in a wiki link, or would name an earlier duplicate', async () => {
    const files = {
      'tool.md': '## Install\n\n## Usage\n',
      'links.md': '[[tool#Install]] [[tool#Usage]]\n',
    };
    assert.deepEqual(await renamedAt(files, 'tool.md', 'Install', 'C# | F#'), {
      'tool.md': '## C# | F#\n\n## Usage\n',
      'links.md': '[[tool#c--f]] [[tool#Usage]]\n',
    });
    assert.deepEqual(await renamedAt(files, 'tool.md', 'Install', 'Usage'), {
      'tool.md': '## Usage\n\n## Usage\n',
      'links.md': '[[tool#Usage]] [[tool#usage-1]]\n',
    });
  });

  it('leaves wiki links to a note of the same name elsewhere alone when the heading decides between them', async () => {
    const files = {
      'a/notes.md': '## Setup\n',
      'b/notes.md': '## Install\n',
      'index.md': '[[notes#Setup]] [[notes#Install]] [[b/notes#Setup]]\n',
    };
    assert.deepEqual(await renamedAt(files, 'a/notes.md', 'Setup', 'Set-up'), {
      'a/notes.md': '## Set-up\n',
      'index.md': '[[notes#Set-up]] [[notes#Install]] [[b/notes#Setup]]\n',
    });
  });

  it('refuses a new name of several lines', async () => {
    assert.match(String(await renamedAt({ 'note.md': '## A\n' }, 'note.md', 'A', 'B\nC', 0)), /one line/);
  });
});
