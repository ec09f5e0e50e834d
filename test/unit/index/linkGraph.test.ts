import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { noteDiagnosticSteps } from '../../../server/src/features/links/check';
import { finish } from '../../../server/src/parse/steps';
import type { NotesIndex } from '../../../server/src/index/notesIndex';
import { indexOf, noteUri } from '../helpers';

async function codesOf(index: NotesIndex, name: string): Promise<string[]> {
  await index.linkGraph.prepare([noteUri(name)]);
  return finish(noteDiagnosticSteps(index, noteUri(name), DEFAULT_CONFIG.links)).map((diagnostic) => diagnostic.code);
}

describe('the link graph: which notes link to a file, and refreshes when files come and go', () => {
  it('knows which notes link to a file, through any spelling of the path, and to anything under a folder', async () => {
    const { index } = await indexOf({
      'a.md': '[x](img/fig%201.png) [y](docs/guide.md#intro)',
      'b.md': '![z](<./img/fig 1.png>)',
      'docs/c.md': '[up](../img/fig%201.png) [guide](guide.md)',
      'd.md': 'no links',
    });
    assert.deepEqual(index.linkGraph.notesLinkingTo(noteUri('img/fig 1.png')).sort(), [
      noteUri('a.md'),
      noteUri('b.md'),
      noteUri('docs/c.md'),
    ]);
    assert.deepEqual(index.linkGraph.notesLinkingTo(noteUri('docs/guide.md')).sort(), [noteUri('a.md'), noteUri('docs/c.md')]);
    assert.deepEqual(index.linkGraph.notesLinkingTo(noteUri('img')).sort(), [noteUri('a.md'), noteUri('b.md'), noteUri('docs/c.md')]);
  });

  it('clears a dead image once the file is created, and tells listeners which file changed', async () => {
    const { index, workspace } = await indexOf({ 'note.md': '![fig](assets/fig.png)\n' });
    assert.deepEqual(await codesOf(index, 'note.md'), ['link.file-not-found']);
    const heard: string[][] = [];
    index.onDidChange((uris) => heard.push(uris));
    workspace.write(noteUri('assets/fig.png'), new Uint8Array([1]));
    await index.refreshFromDisk(noteUri('assets/fig.png'));
    assert.deepEqual(heard, [[noteUri('assets/fig.png')]]);
    assert.deepEqual(await codesOf(index, 'note.md'), []);
  });

  it('reports links to a note once it is deleted, and clears them when it comes back under its new name', async () => {
    const { index, workspace } = await indexOf({ 'old.md': '# Old\n', 'note.md': '[o](old.md) [n](new.md)\n' });
    assert.deepEqual(await codesOf(index, 'note.md'), ['link.file-not-found']);
    workspace.delete(noteUri('old.md'));
    await index.removeNote(noteUri('old.md'));
    workspace.write(noteUri('new.md'), '# New\n');
    await index.refreshFromDisk(noteUri('new.md'));
    await index.linkGraph.prepare([noteUri('note.md')]);
    const diagnostics = finish(noteDiagnosticSteps(index, noteUri('note.md'), DEFAULT_CONFIG.links));
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      ['link.file-not-found'],
    );
    assert.match(diagnostics[0].message, /old\.md/);
  });

  it('drops the notes of a deleted folder and reports links into it', async () => {
    const { index, workspace } = await indexOf({
      'docs/a.md': '# A\n',
      'docs/img/x.png': new Uint8Array([1]),
      'note.md': '[a](docs/a.md) ![x](docs/img/x.png)\n',
    });
    assert.deepEqual(await codesOf(index, 'note.md'), []);
    const heard: string[][] = [];
    index.onDidChange((uris) => heard.push(uris));
    workspace.delete(noteUri('docs/a.md'));
    workspace.delete(noteUri('docs/img/x.png'));
    await index.removeNote(noteUri('docs'));
    assert.equal(index.facts(noteUri('docs/a.md')), undefined);
    assert.ok(heard[0].includes(noteUri('docs')));
    assert.deepEqual(await codesOf(index, 'note.md'), ['link.file-not-found', 'link.file-not-found']);
  });

  it('reports an anchor once the heading it names is renamed in the other note', async () => {
    const { index, workspace } = await indexOf({ 'other.md': '# Other\n\n## Setup\n', 'note.md': '[s](other.md#setup)\n' });
    assert.deepEqual(await codesOf(index, 'note.md'), []);
    workspace.write(noteUri('other.md'), '# Other\n\n## Installation\n');
    await index.refreshFromDisk(noteUri('other.md'));
    assert.deepEqual(index.linkGraph.notesLinkingTo(noteUri('other.md')), [noteUri('note.md')]);
    assert.deepEqual(await codesOf(index, 'note.md'), ['link.anchor-not-found']);
  });
});
