// Local links made clickable: to the file, and to the line of the heading a #fragment names.
import assert from 'node:assert/strict';
import { noteLinks } from '../../../../server/src/features/structure/documentLinks';
import { indexOf, noteUri } from '../../helpers';
import { sourceAt } from '../links/helpers';

/** `written text → target` for each link of note.md, the target relative to the notes folder. */
async function linksOf(files: Record<string, string>): Promise<string[]> {
  const { index } = await indexOf(files);
  await index.linkGraph.prepare([noteUri('note.md')]);
  const root = noteUri('');
  return noteLinks(index, noteUri('note.md')).map(
    (link) => `${sourceAt(files['note.md'], link.range)} → ${decodeURIComponent(link.target.slice(root.length))}`,
  );
}

describe('clickable local links', () => {
  it('open the file, at the line of the heading an anchor names (CJK and duplicate headings included)', async () => {
    const gpu = '# GPU\n\n## Usage\n\n## 驱动\n\n## Usage\n';
    const note = '[a](gpu.md) [b](gpu.md#%E9%A9%B1%E5%8A%A8) [c](gpu.md#usage-1) [d](gpu.md#L2) [e](#here)\n\n## Here\n';
    assert.deepEqual(await linksOf({ 'gpu.md': gpu, 'note.md': note }), [
      'gpu.md → gpu.md',
      'gpu.md#%E9%A9%B1%E5%8A%A8 → gpu.md#L5',
      'gpu.md#usage-1 → gpu.md#L7',
      'gpu.md#L2 → gpu.md#L2',
      '#here → note.md#L3',
    ]);
  });

  it('open images, HTML links, reference definitions and their uses; not missing files nor web links', async () => {
    const note = '![fig](img/a%20b.png) <a href="gpu.md">g</a> [ref][r] [gone](gone.md) [web](https://vllm.ai)\n\n[r]: gpu.md\n';
    assert.deepEqual(await linksOf({ 'gpu.md': '# GPU\n', 'img/a b.png': '', 'note.md': note }), [
      'img/a%20b.png → img/a b.png',
      'gpu.md → gpu.md',
      '[ref][r] → gpu.md',
      'gpu.md → gpu.md',
    ]);
  });
});
