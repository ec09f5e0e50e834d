// `marginalia check` as CI uses it: several paths, the vault's config file, --config and --cache-dir,
// SARIF and GitHub output, help, version and exit codes. Runs the built dist/cli.js (`npm run build` first).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const CLI_JS = path.resolve(__dirname, '../../dist/cli.js');
const VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

interface Entry {
  file: string;
  line: number;
  code: string;
  severity: string;
}

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_JS, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('marginalia check in CI', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-ci-'));
    const files: Record<string, string> = {
      'docs/a.md': '# A\n\n[gone](gone.md) and [b](../notes/b.md#b)\n',
      'notes/b.md': '# B\n\n[nowhere](#nowhere)\n',
      'notes/c.md': '# C\n\n[gone](gone-too.md)\n',
      'other/d.md': '[gone](gone.md)\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const json = (args: string[]) => JSON.parse(cli([...args, '--format', 'json', '--no-cache'], root).stdout) as Entry[];

  it('checks several folders and notes at once, reporting only those, with paths from the working directory', () => {
    const entries = json(['check', 'docs', 'notes/b.md']);
    assert.deepEqual(
      entries.map((entry) => `${entry.file}:${entry.line} ${entry.code}`),
      ['docs/a.md:3 link.file-not-found', 'notes/b.md:3 link.anchor-not-found'],
    );
  });

  it('checks the working directory when given no path', () => {
    assert.deepEqual(
      json(['check']).map((entry) => entry.file),
      ['docs/a.md', 'notes/b.md', 'notes/c.md', 'other/d.md'],
    );
  });

  it('applies the vault config file: an ignored target and a severity turned off', () => {
    writeFileSync(
      path.join(root, '.marginalia.jsonc'),
      '{\n  // known dead\n  "links": { "ignore": ["gone-too.md"], "severity": { "link.anchor-not-found": "off" } },\n}\n',
    );
    assert.deepEqual(
      json(['check', 'notes', 'docs']).map((entry) => `${entry.file} ${entry.code}`),
      ['docs/a.md link.file-not-found'],
    );
  });

  it('reports a fragment written as heading text with the exact anchor, unless the vault config says links.anchors: loose', () => {
    writeFileSync(path.join(root, 'notes/toc.md'), '## 8. 二叉树，递归\n\n[8](#8-二叉树，递归)\n');
    const github = cli(['check', 'notes/toc.md', '--no-cache'], root);
    assert.equal(github.status, 0, github.stderr);
    assert.match(
      github.stdout,
      /notes\/toc\.md:3:5 {2}warning {2}link\.anchor-not-found {2}No anchor '#8-二叉树，递归' .* #8-二叉树递归\n/,
    );
    writeFileSync(path.join(root, '.marginalia.jsonc'), '{ "links": { "anchors": "loose" } }');
    assert.deepEqual(json(['check', 'notes/toc.md']), []);
  });

  it('takes another config file with --config, and refuses a broken one with exit 2, naming the line', () => {
    writeFileSync(path.join(root, 'ci.jsonc'), '{ "links.severity": { "link.file-not-found": "warning" } }');
    const warned = cli(['check', 'docs', '-c', 'ci.jsonc', '--no-cache'], root);
    assert.equal(warned.status, 0, warned.stdout + warned.stderr);
    assert.match(warned.stdout, /docs\/a\.md:3:8 {2}warning {2}link\.file-not-found/);
    writeFileSync(path.join(root, 'broken.jsonc'), '{\n  "links": {\n}\n');
    const broken = cli(['check', 'docs', '--config', 'broken.jsonc'], root);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.jsonc:4:1: Close brace expected/);
    assert.equal(broken.stdout, '');
    writeFileSync(path.join(root, 'wrong.jsonc'), '{ "maxFileSizeMB": "big" }');
    const wrong = cli(['check', 'docs', '--config', 'wrong.jsonc'], root);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /wrong\.jsonc: marginalia\.maxFileSizeMB must be a positive number/);
  });

  it('keeps the index cache in --cache-dir, so that the next run reads it', () => {
    const cache = path.join(root, '.cache');
    assert.equal(cli(['check', 'docs', '--cache-dir', cache], root).status, 1);
    assert.ok(existsSync(path.join(cache, 'index')), 'the cache was written where asked');
    const again = cli(['check', 'docs', '--cache-dir', cache], root);
    assert.equal(again.status, 1);
    assert.match(again.stdout, /docs\/a\.md:3:8 {2}error {2}link\.file-not-found/);
  });

  it('writes SARIF 2.1.0 that the standard schema accepts, one result per problem', () => {
    const result = cli(['check', '-f', 'sarif', '--no-cache'], root);
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout) as { runs: Array<{ results: unknown[]; tool: { driver: { version: string } } }> };
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The SARIF 2.1.0 schema is written in JSON Schema draft 04.
    // One of its patterns (a language tag) is not valid with the `u` flag, which Ajv sets by default.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const valid = ajv.validate(schema, log);
    assert.ok(valid, JSON.stringify(ajv.errors, null, 2));
    const results = log.runs[0].results as Array<{ ruleId: string; level: string; locations: unknown[] }>;
    assert.deepEqual(
      results.map((found) => `${found.ruleId} ${found.level}`),
      ['link.file-not-found error', 'link.anchor-not-found warning', 'link.file-not-found error', 'link.file-not-found error'],
    );
    assert.deepEqual(results[0].locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'docs/a.md' },
          region: { startLine: 3, startColumn: 8, endLine: 3, endColumn: 15 },
        },
      },
    ]);
    assert.equal(log.runs[0].tool.driver.version, VERSION);
  });

  it('writes GitHub Actions annotations, escaping what the workflow syntax reserves', () => {
    writeFileSync(path.join(root, 'other', 'we,ird:name.md'), '[x](gone.md)\n');
    const result = cli(['check', 'other', '-f', 'github', '-s', 'warning', '--no-cache'], root);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      '::error file=other/d.md,line=1,col=8,endLine=1,endColumn=15,title=link.file-not-found::File not found: gone.md',
      '::error file=other/we%2Cird%3Aname.md,line=1,col=5,endLine=1,endColumn=12,title=link.file-not-found::File not found: gone.md',
    ]);
  });

  it('prints help for the tool and for each command, and the version, all with exit 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help'], ['check', 'docs', '-h'], ['entities', '--help'], ['run', '--help']]) {
      const result = cli(args, root);
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, /^Usage: marginalia/, args.join(' '));
    }
    assert.match(cli(['check', '--help'], root).stdout, /--cache-dir DIR/);
    assert.equal(cli(['--version'], root).stdout, `${VERSION}\n`);
    assert.equal(cli(['-v'], root).stdout, `${VERSION}\n`);
  });

  it('exits 3, not 1, when the tool itself fails: here, its output pipe is closed', async () => {
    const child = spawn(process.execPath, [CLI_JS, 'check', '--no-cache', '--format', 'json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(status, 3, stderr);
    assert.match(stderr, /cannot write the output|EPIPE/);
  });
});
