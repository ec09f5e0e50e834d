import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { executePlan, needsQuestion, previewRun, resolveRunDirectory } from '../../../../common/runner/execute';
import { formatDuration, formatOutcome, succeeded } from '../../../../common/runner/outcome';
import { planRun } from '../../../../common/runner/runnable';
import type { RunResult } from '../../../../common/runner/runner';
import {
  describeFsError,
  ensurePrivateDirectory,
  ensureScratchDirectory,
  scratchDirFor,
  SnippetError,
  writePlannedFiles,
} from '../../../../common/runner/scratch';
import { fence, removeTempDirs, tempDir } from './helpers';

after(removeTempDirs);

describe('snippets: scratch directories', () => {
  it('gives each note its own directory under the base, stable across runs', () => {
    const base = '/tmp/marginalia-runs';
    const a = scratchDirFor(base, '/home/me/notes/gpu notes.md');
    assert.equal(path.dirname(a), base);
    assert.match(path.basename(a), /^gpu_notes-[0-9a-f]{12}$/);
    assert.equal(scratchDirFor(base, '/home/me/notes/gpu notes.md'), a);
    assert.notEqual(scratchDirFor(base, '/home/me/other/gpu notes.md'), a, 'same name, other folder');
  });

  it('creates the directory on demand', () => {
    const dir = path.join(tempDir('scratch'), 'a', 'b');
    ensurePrivateDirectory(dir);
    assert.ok(fs.statSync(dir).isDirectory());
    ensurePrivateDirectory(dir); // again: already there is fine
  });

  it('explains a directory that cannot be created, without an errno name', () => {
    const file = path.join(tempDir('blocked'), 'plain-file');
    fs.writeFileSync(file, 'x');
    const dir = path.join(file, 'runs');
    assert.throws(
      () => ensurePrivateDirectory(dir),
      (error: unknown) =>
        error instanceof SnippetError && error.message === `cannot create run directory ${dir}: a file stands where a directory should go`,
    );
    assert.throws(() => ensurePrivateDirectory(file), /run directory .* is a file, not a directory|cannot create run directory/);
  });

  it('explains a directory it may not write to', () => {
    if (process.getuid?.() === 0) {
      // Permission bits do not stop root, but the kernel's sysfs refuses new entries even to root.
      const dir = `/sys/marginalia-test-${process.pid}`;
      assert.throws(() => ensurePrivateDirectory(dir), new RegExp(`^SnippetError: cannot create run directory ${dir}: permission denied$`));
      return;
    }
    const dir = tempDir('readonly');
    fs.chmodSync(dir, 0o500);
    try {
      assert.throws(() => ensurePrivateDirectory(dir), /run directory .* is not writable: permission denied/);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });

  it('writes file blocks, creating their folders, and replaces symlinks instead of following them', () => {
    const dir = tempDir('files');
    const outside = path.join(tempDir('outside'), 'target.txt');
    fs.writeFileSync(outside, 'untouched');
    fs.symlinkSync(outside, path.join(dir, 'link.txt'));
    const written = writePlannedFiles(dir, [
      { name: 'rtl/AluTop.v', content: 'module AluTop; endmodule\n', line: 0 },
      { name: 'link.txt', content: 'new\n', line: 5 },
    ]);
    assert.deepEqual(written, [path.join(dir, 'rtl/AluTop.v'), path.join(dir, 'link.txt')]);
    assert.equal(fs.readFileSync(path.join(dir, 'rtl/AluTop.v'), 'utf8'), 'module AluTop; endmodule\n');
    assert.equal(fs.readFileSync(outside, 'utf8'), 'untouched');
    assert.equal(fs.lstatSync(path.join(dir, 'link.txt')).isSymbolicLink(), false);
  });

  it('refuses to write a name that escapes, even when handed one directly', () => {
    const dir = tempDir('escape');
    assert.throws(() => writePlannedFiles(dir, [{ name: '../evil', content: '', line: 0 }]), /escapes the run's directory/);
    assert.equal(fs.existsSync(path.join(path.dirname(dir), 'evil')), false);
  });

  it('explains a file that cannot be written', () => {
    const dir = tempDir('eisdir');
    fs.mkdirSync(path.join(dir, 'AluTop.v'));
    assert.throws(
      () => writePlannedFiles(dir, [{ name: 'AluTop.v', content: 'x', line: 3 }]),
      new RegExp(`cannot write AluTop\\.v \\(block at line 4\\) into ${dir}: a directory stands where the file should go`),
    );
  });

  it('creates the base and each note directory private to the user (mode 0700)', () => {
    const base = path.join(tempDir('private'), 'marginalia-runs-test');
    const dir = scratchDirFor(base, '/notes/gpu.md');
    ensureScratchDirectory(base, dir);
    assert.equal(fs.statSync(base).mode & 0o777, 0o700);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  });

  it('refuses a base that someone planted as a symlink, and writes nothing through it', () => {
    const shared = tempDir('shared');
    const elsewhere = tempDir('attacker');
    const base = path.join(shared, 'marginalia-runs-test');
    fs.symlinkSync(elsewhere, base);
    assert.throws(
      () => ensureScratchDirectory(base, scratchDirFor(base, '/notes/gpu.md')),
      (error: unknown) =>
        error instanceof SnippetError &&
        error.message ===
          `run directory ${base} is a symbolic link; not following it, as anyone could have planted it. Remove it and run again.`,
    );
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it("refuses a note's directory planted as a symlink inside the base", () => {
    const base = path.join(tempDir('base'), 'runs');
    fs.mkdirSync(base, { mode: 0o700 });
    const dir = scratchDirFor(base, '/notes/gpu.md');
    fs.symlinkSync(tempDir('attacker'), dir);
    assert.throws(() => ensureScratchDirectory(base, dir), /is a symbolic link; not following it/);
  });

  it('refuses a base other users can write to', () => {
    const base = path.join(tempDir('loose'), 'runs');
    fs.mkdirSync(base);
    fs.chmodSync(base, 0o777);
    assert.throws(
      () => ensurePrivateDirectory(base),
      new RegExp(`^SnippetError: run directory ${base} can be written by other users; not using it`),
    );
  });

  it('refuses a base that belongs to another user', function () {
    // Only root can give a folder away; elsewhere the check is the same code as the ones above.
    if (process.getuid?.() !== 0) this.skip();
    const base = path.join(tempDir('foreign'), 'runs');
    fs.mkdirSync(base, { mode: 0o700 });
    fs.chownSync(base, 65534, 65534);
    assert.throws(
      () => ensurePrivateDirectory(base),
      new RegExp(`^SnippetError: run directory ${base} belongs to another user \\(uid 65534\\); not using it`),
    );
  });

  it('refuses file=sub/x when sub is a symlink in the run directory', () => {
    const dir = tempDir('run');
    const outside = tempDir('outside');
    fs.symlinkSync(outside, path.join(dir, 'sub'));
    assert.throws(
      () => writePlannedFiles(dir, [{ name: 'sub/x', content: 'x', line: 0 }]),
      (error: unknown) =>
        error instanceof SnippetError &&
        error.message ===
          `not writing sub/x: ${path.join(dir, 'sub')} is a symbolic link, and a file block is written only inside the run's directory`,
    );
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  it('describes file-system errors in words', () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    assert.equal(describeFsError(error('EROFS')), 'the file system is read-only');
    assert.equal(describeFsError(error('EACCES')), 'permission denied');
    assert.equal(describeFsError(error('ENOSPC')), 'no space left on the device');
  });
});

describe('snippets: executing a plan', function () {
  this.timeout(30_000);

  it('writes the file blocks into the scratch directory and runs there', async () => {
    const base = tempDir('exec');
    const note = path.join(tempDir('notes'), 'note.md');
    const data = fence('text file=data/input.txt', 'alpha\nbeta', 0);
    const run = fence('bash', 'wc -l < data/input.txt; pwd', 5);
    const execution = await executePlan(planRun([data, run], run), { notePath: note, scratchBase: base });
    const scratch = scratchDirFor(base, note);
    assert.equal(execution.error, undefined);
    assert.equal(execution.exitCode, 0);
    assert.equal(execution.cwd, scratch);
    assert.equal(execution.scratch, true);
    assert.deepEqual(execution.filesWritten, [path.join(scratch, 'data/input.txt')]);
    assert.equal(execution.output, `2\n${fs.realpathSync(scratch)}\n`);
    assert.equal(execution.summary, '2');
    assert.match(execution.outcome, /^✓ exit 0 · \d+\.\d s$/);
  });

  it('runs in the note folder with cwd=.', async () => {
    const notes = tempDir('notes');
    const note = path.join(notes, 'note.md');
    const run = fence('sh {cwd=.}', 'pwd', 0);
    const execution = await executePlan(planRun([run], run), { notePath: note, scratchBase: tempDir('unused') });
    assert.equal(execution.scratch, false);
    assert.equal(execution.output, `${fs.realpathSync(notes)}\n`);
  });

  it('does not create a folder the note names, and says it is missing', async () => {
    const notes = tempDir('notes');
    const run = fence('bash cwd=build', 'pwd', 0);
    const execution = await executePlan(planRun([run], run), { notePath: path.join(notes, 'n.md'), scratchBase: tempDir('unused') });
    assert.equal(execution.error, `working directory ${path.join(notes, 'build')} does not exist`);
    assert.equal(fs.existsSync(path.join(notes, 'build')), false);
    assert.equal(execution.summary, execution.error);
  });

  it('reports an unwritable scratch directory instead of running', async () => {
    const blocker = path.join(tempDir('blocker'), 'file');
    fs.writeFileSync(blocker, '');
    const run = fence('bash', 'echo should-not-run', 0);
    const execution = await executePlan(planRun([run], run), { notePath: '/notes/n.md', scratchBase: blocker });
    assert.equal(execution.error, `run directory ${blocker} is a file, not a directory`);
    assert.equal(execution.output, '');
    assert.match(execution.outcome, /^✗ run directory .* is a file, not a directory$/);
  });

  it('does not run a plan with errors', async () => {
    const evil = fence('sh file=/etc/motd', 'owned', 0);
    const run = fence('bash', 'echo should-not-run', 3);
    const execution = await executePlan(planRun([evil, run], run), { notePath: '/notes/n.md', scratchBase: tempDir('unused') });
    assert.match(execution.error ?? '', /file block at line 1: file name "\/etc\/motd" is absolute/);
    assert.equal(execution.exitCode, null);
  });

  it('stops at the first failing line: a missing tool then a working one is a failure', async () => {
    const run = fence('bash', 'nvidia-smi-missing-here\necho still ran', 0);
    const execution = await executePlan(planRun([run], run), { notePath: path.join(tempDir('n'), 'n.md'), scratchBase: tempDir('s') });
    assert.equal(execution.exitCode, 127);
    assert.doesNotMatch(execution.output, /still ran/);
    assert.match(execution.outcome, /^✗ exit 127 · /);
  });

  it('fails a pipeline whose first command fails (pipefail)', async () => {
    const run = fence('sh', 'false | cat\necho still ran', 0);
    const execution = await executePlan(planRun([run], run), { notePath: path.join(tempDir('n'), 'n.md'), scratchBase: tempDir('s') });
    assert.equal(execution.exitCode, 1);
    assert.equal(execution.output, '');
  });

  it('runs every line with keep-going, and reports the last exit code', async () => {
    const run = fence('bash {keep-going}', 'nvidia-smi-missing-here\necho still ran', 0);
    const execution = await executePlan(planRun([run], run), { notePath: path.join(tempDir('n'), 'n.md'), scratchBase: tempDir('s') });
    assert.equal(execution.exitCode, 0);
    // Both lines ran: the first failed and said so on stderr, the second printed on stdout. The two pipes are
    // read apart, so which of the two arrives first is the operating system's choice, not the runner's.
    assert.match(execution.output, /nvidia-smi-missing-here: command not found/);
    assert.match(execution.output, /^still ran$/m);
  });

  it("in a folder of the user's (cwd=.), never replaces an existing file unasked: precious.md stays, nothing runs", async () => {
    const notes = tempDir('notes');
    fs.writeFileSync(path.join(notes, 'precious.md'), 'my other note\n');
    const file = fence('markdown file=precious.md', 'overwritten', 0);
    const run = fence('bash {cwd=.}', 'echo hello > ran.txt', 4);
    const execution = await executePlan(planRun([file, run], run), { notePath: path.join(notes, 'n.md'), scratchBase: tempDir('s') });
    assert.equal(
      execution.error,
      `not run: ${notes} is not the run's own directory, and the file blocks would replace precious.md (file block at line 1) there; a file there is replaced only after asking`,
    );
    assert.equal(fs.readFileSync(path.join(notes, 'precious.md'), 'utf8'), 'my other note\n');
    assert.equal(fs.existsSync(path.join(notes, 'ran.txt')), false);
  });

  it('replaces a file outside the run directory once the user was asked and said yes', async () => {
    const notes = tempDir('notes');
    fs.writeFileSync(path.join(notes, 'precious.md'), 'my other note\n');
    const file = fence('markdown file=precious.md', 'new text', 0);
    const run = fence('bash {cwd=.}', 'cat precious.md', 4);
    const started: string[][] = [];
    const execution = await executePlan(planRun([file, run], run), {
      notePath: path.join(notes, 'n.md'),
      scratchBase: tempDir('s'),
      confirmed: true,
      onStart: ({ filesWritten }) => started.push(filesWritten),
    });
    assert.equal(execution.output, 'new text\n');
    assert.deepEqual(started, [[path.join(notes, 'precious.md')]]);
  });

  it('previews where a run goes, what it writes and which lines need care', () => {
    const notes = tempDir('notes');
    fs.writeFileSync(path.join(notes, 'precious.md'), 'mine\n');
    const file = fence('markdown file=precious.md', 'theirs', 0);
    const run = fence('bash {cwd=.}', 'echo ok\nsudo apt-get install -y cuda', 4);
    const preview = previewRun(planRun([file, run], run), path.join(notes, 'n.md'), tempDir('s'));
    assert.equal(preview.dir, notes);
    assert.equal(preview.scratch, false);
    assert.deepEqual(
      preview.writes.map((w) => [w.name, w.state]),
      [['precious.md', 'replaces']],
    );
    assert.deepEqual(
      preview.risky.map((r) => [r.line, r.reasons]),
      [[2, ['runs as root', 'installs or removes packages']]],
    );
    assert.equal(needsQuestion(preview), true);
  });

  it("applies the block's timeout over the default", async () => {
    const run = fence('bash timeout=0.5', 'sleep 30', 0);
    const started = Date.now();
    const execution = await executePlan(planRun([run], run), {
      notePath: path.join(tempDir('n'), 'n.md'),
      scratchBase: tempDir('t'),
      defaultTimeoutMs: 20_000,
    });
    assert.equal(execution.timedOut, true);
    assert.ok(Date.now() - started < 5000);
    assert.match(execution.outcome, /^✗ timed out · 0\.\d s$/);
  });

  it('runs a console block as its commands only', async () => {
    const transcript = fence('console', ['$ echo first', 'this line is output', '$ echo second', 'second'].join('\n'), 0);
    const execution = await executePlan(planRun([transcript], transcript), {
      notePath: path.join(tempDir('n'), 'n.md'),
      scratchBase: tempDir('c'),
    });
    assert.equal(execution.output, 'first\nsecond\n');
    assert.equal(execution.exitCode, 0);
  });

  it('resolves working directories against the note', () => {
    assert.deepEqual(resolveRunDirectory('.', '/notes/sub/n.md', '/base'), { dir: '/notes/sub', scratch: false });
    assert.deepEqual(resolveRunDirectory('../code', '/notes/sub/n.md', '/base'), { dir: '/notes/code', scratch: false });
    assert.deepEqual(resolveRunDirectory('/abs', '/notes/n.md', '/base'), { dir: '/abs', scratch: false });
    assert.deepEqual(resolveRunDirectory('~/w', '/notes/n.md', '/base'), { dir: path.join(os.homedir(), 'w'), scratch: false });
    assert.equal(resolveRunDirectory(undefined, '/notes/n.md', '/base').scratch, true);
  });
});

describe('snippets: outcome line', () => {
  const base: RunResult = {
    exitCode: 0,
    signal: null,
    durationMs: 1234,
    output: '',
    truncated: false,
    outputBytes: 0,
    omittedBytes: 0,
    timedOut: false,
    cancelled: false,
  };

  it('shows exit code and time', () => {
    assert.equal(formatOutcome(base), '✓ exit 0 · 1.2 s');
    assert.equal(formatOutcome({ ...base, exitCode: 2, durationMs: 400 }), '✗ exit 2 · 0.4 s');
    assert.equal(formatOutcome({ ...base, exitCode: null, signal: 'SIGSEGV' }), '✗ killed by SIGSEGV · 1.2 s');
    assert.equal(
      formatOutcome({ ...base, exitCode: null, signal: 'SIGTERM', timedOut: true, durationMs: 60_000 }),
      '✗ timed out · 1 min 0 s',
    );
    assert.equal(formatOutcome({ ...base, exitCode: null, cancelled: true }), '■ stopped · 1.2 s');
    assert.equal(formatOutcome({ ...base, exitCode: null, error: 'shell zsh not found on PATH' }), '✗ shell zsh not found on PATH');
  });

  it('formats durations and tells success', () => {
    assert.equal(formatDuration(125_000), '2 min 5 s');
    assert.equal(succeeded(base), true);
    assert.equal(succeeded({ ...base, exitCode: 1 }), false);
    assert.equal(succeeded({ ...base, timedOut: true }), false);
  });
});
