import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { NodeWorkspace } from '../../../server/src/workspace/nodeWorkspace';
import { RecordingLogger } from '../helpers';

describe('notes on disk', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-ws-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(relative: string, text = '# note\n'): void {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }

  async function listed(config = DEFAULT_CONFIG, logger = new RecordingLogger()): Promise<string[]> {
    const notes = await new NodeWorkspace([root], config, logger).listNotes();
    return notes.map((note) => path.relative(root, URI.parse(note.uri).fsPath)).sort();
  }

  it('lists .md and .markdown notes, skipping node_modules, .git and other files', async () => {
    write('a.md');
    write('sub/b.markdown');
    write('sub/c.txt');
    write('node_modules/pkg/readme.md');
    write('.git/notes.md');
    assert.deepEqual(await listed(), ['a.md', 'sub/b.markdown']);
  });

  it('remembers the other files it saw, such as images, for suggesting link fixes', async () => {
    write('a.md');
    write('assets/fig.png', 'png');
    write('node_modules/pkg/logo.png', 'png');
    write('.gitignore', 'build/\n');
    write('build/out.pdf', 'pdf');
    const workspace = new NodeWorkspace([root], DEFAULT_CONFIG, new RecordingLogger());
    await workspace.listNotes();
    assert.deepEqual(
      workspace
        .attachments()
        .map((uri) => path.relative(root, URI.parse(uri).fsPath))
        .sort(),
      ['.gitignore', 'assets/fig.png'],
    );
  });

  it('honours .gitignore files, nested ones included, unless told not to', async () => {
    write('.gitignore', 'drafts/\n*.tmp.md\n');
    write('drafts/x.md');
    write('keep.md');
    write('scratch.tmp.md');
    write('deep/.gitignore', 'private.md\n');
    write('deep/private.md');
    write('deep/public.md');
    assert.deepEqual(await listed(), ['deep/public.md', 'keep.md']);
    assert.equal((await listed({ ...DEFAULT_CONFIG, respectGitignore: false })).length, 5);
  });

  it("honours .ignore files and the clone's .git/info/exclude as it honours .gitignore", async () => {
    write('.git/info/exclude', 'mine/\n');
    write('mine/todo.md');
    write('notes/.ignore', 'generated.md\n');
    write('notes/generated.md');
    write('notes/kept.md');
    assert.deepEqual(await listed(), ['notes/kept.md']);
    assert.deepEqual(await listed({ ...DEFAULT_CONFIG, respectGitignore: false }), ['mine/todo.md', 'notes/generated.md', 'notes/kept.md']);
  });

  it('applies include and exclude globs from the settings', async () => {
    write('papers/p.md');
    write('projects/q.md');
    assert.deepEqual(await listed({ ...DEFAULT_CONFIG, include: ['papers/**/*.md'] }), ['papers/p.md']);
    assert.deepEqual(await listed({ ...DEFAULT_CONFIG, exclude: [...DEFAULT_CONFIG.exclude, 'projects/**'] }), ['papers/p.md']);
  });

  it('survives symbolic link loops and broken links, saying so', async () => {
    write('a/note.md');
    symlinkSync(root, path.join(root, 'a', 'loop'));
    symlinkSync(path.join(root, 'missing.md'), path.join(root, 'broken.md'));
    const logger = new RecordingLogger();
    assert.deepEqual(await listed(DEFAULT_CONFIG, logger), ['a/note.md']);
    assert.ok(
      logger.lines.some((line) => line.includes('symbolic link loop')),
      logger.lines.join('\n'),
    );
    assert.ok(logger.lines.some((line) => line.includes('broken symbolic link')));
  });

  it('says which folder it could not read instead of failing', async () => {
    const logger = new RecordingLogger();
    const notes = await new NodeWorkspace([path.join(root, 'does-not-exist')], DEFAULT_CONFIG, logger).listNotes();
    assert.deepEqual(notes, []);
    assert.ok(logger.lines.some((line) => line.includes('does-not-exist')));
  });
});

describe('notes of a folder that appears', () => {
  it('lists the notes under a new folder, honouring the .gitignore files above it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-ws-'));
    try {
      mkdirSync(path.join(root, 'moved', 'sub'), { recursive: true });
      writeFileSync(path.join(root, '.gitignore'), 'secret.md\n');
      writeFileSync(path.join(root, 'moved', 'a.md'), '# a\n');
      writeFileSync(path.join(root, 'moved', 'sub', 'secret.md'), '# s\n');
      const workspace = new NodeWorkspace([root], DEFAULT_CONFIG, new RecordingLogger());
      const notes = await workspace.listNotesUnder(URI.file(path.join(root, 'moved')).toString());
      assert.deepEqual(
        notes.map((note) => path.relative(root, URI.parse(note.uri).fsPath)),
        ['moved/a.md'],
      );
      assert.deepEqual(await workspace.listNotesUnder(URI.file(path.join(root, 'moved', 'a.md')).toString()), [], 'a file is no folder');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
