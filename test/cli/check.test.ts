// `marginalia check` as CI calls it: the built dist/cli.js, spawned on real folders. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, decodeCache, encodeCache, hashBytes, type CachedNote, type StoredFacts } from '../../server/src/index/indexCache';
import { startTestProxy } from '../unit/features/links/external/test-proxy';
import { startTestServer, type TestServer } from '../unit/features/links/external/test-server';

/** Facts as the cache stores them, with a checksum that holds whatever the JSON says. */
function storedJson(json: string): StoredFacts {
  return { stored: true, sha1: hashBytes(json), bytes: () => Buffer.from(json), rawBytes: () => Buffer.from(json) };
}

const CLI_JS = path.resolve(__dirname, '../../dist/cli.js');
const SEEDS = path.resolve(__dirname, '../../seeds');

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process, so a test server in it can answer the CLI's requests. */
function check(args: string[], cwd: string, options: { throughShellPipe?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // `node cli.js check … | cat`: a shell pipe, where output still in flight is lost if the process exits early.
    const child = options.throughShellPipe
      ? spawn('/bin/sh', ['-c', 'node="$0"; cli="$1"; shift; "$node" "$cli" check "$@" | cat', process.execPath, CLI_JS, ...args], {
          cwd,
          env: options.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, [CLI_JS, 'check', ...args], { cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

interface Entry {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

/**
 * The real dead links of the seed notes, each verified by reading the seed:
 * - 002 lines 788-789: `../README.md#目录` and `../README-EN.md#contents`, READMEs of the repository the
 *   note was copied from; next to the notes folder there is no README.
 * - 003 line 36: `www.coursera.org/learn/algorithmic-toolbox`, a web address written without https://.
 * - 004 lines 3-6: the `# Reference` list of four `[]()`.
 * - 004 line 67: `learn-AI.assets/light-cuda-toolkit.svg` and line 232: `SD-develop-timeline.jpg`,
 *   images that were never committed.
 * Every other link of the seeds is an http(s) link (not checked without --external) or resolves.
 */
const SEED_DEAD_LINKS = [
  '002_cb18c87924e80d70.md:788:18 error link.file-not-found ../README.md#目录',
  '002_cb18c87924e80d70.md:789:24 error link.file-not-found ../README-EN.md#contents',
  '003_60d5967b76ad9911.md:36:28 error link.missing-scheme www.coursera.org/learn/algorithmic-toolbox',
  '004_e64108ec665da56c.md:3:3 warning link.empty []()',
  '004_e64108ec665da56c.md:4:3 warning link.empty []()',
  '004_e64108ec665da56c.md:5:3 warning link.empty []()',
  '004_e64108ec665da56c.md:6:3 warning link.empty []()',
  '004_e64108ec665da56c.md:67:24 error link.file-not-found learn-AI.assets/light-cuda-toolkit.svg',
  '004_e64108ec665da56c.md:232:24 error link.file-not-found SD-develop-timeline.jpg',
];

describe('marginalia check <dir>', function () {
  this.timeout(60_000);
  let tmp: string;

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'marginalia-check-'));
  });

  after(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  /** A notes folder with these files, inside the test's temp dir. */
  function folder(name: string, files: Record<string, string>): string {
    const root = path.join(tmp, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  describe('on the seed notes', () => {
    // A copy, so that the check sees the seeds as a notes folder of their own: in this repository
    // `../README.md` would find the project's README instead.
    let parent: string;
    before(() => {
      parent = path.join(tmp, 'copy');
      cpSync(SEEDS, path.join(parent, 'seeds'), { recursive: true });
    });

    it('reports exactly the real dead links, and nothing else, as JSON with 1-based positions (exit 1)', async () => {
      const result = await check(['.', '--format', 'json'], path.join(parent, 'seeds'));
      assert.equal(result.status, 1, result.stderr);
      const entries = JSON.parse(result.stdout) as Entry[];
      const seedText = (file: string) => readFileSync(path.join(parent, 'seeds', file), 'utf8');
      const described = entries.map((entry) => {
        const lines = seedText(entry.file).split('\n');
        assert.equal(entry.line, entry.endLine, 'each dead link is on one line');
        const target = lines[entry.line - 1].slice(entry.column - 1, entry.endColumn - 1);
        return `${entry.file}:${entry.line}:${entry.column} ${entry.severity} ${entry.code} ${target}`;
      });
      assert.deepEqual(described, SEED_DEAD_LINKS);
      assert.deepEqual(Object.keys(entries[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
      assert.match(entries[0].message, /\.\.\/README\.md/);
    });

    it('writes compiler-style text with a summary line', async () => {
      const result = await check(['.'], path.join(parent, 'seeds'));
      assert.equal(result.status, 1);
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.length, SEED_DEAD_LINKS.length + 1);
      assert.equal(lines[0], '002_cb18c87924e80d70.md:788:18  error  link.file-not-found  File not found: ../README.md');
      assert.match(lines[2], /^003_60d5967b76ad9911\.md:36:28 {2}error {2}link\.missing-scheme {2}www\.coursera\.org/);
      assert.equal(lines.at(-1), '5 errors, 4 warnings, 0 info in 5 notes');
    });

    it('--severity error reports only errors', async () => {
      const result = await check(['.', '--format', 'json', '--severity', 'error'], path.join(parent, 'seeds'));
      const entries = JSON.parse(result.stdout) as Entry[];
      assert.equal(result.status, 1);
      assert.deepEqual([...new Set(entries.map((entry) => entry.severity))], ['error']);
      assert.equal(entries.length, 5);
    });
  });

  it('exits 0 with a summary when there are no problems, and 0 when there are only warnings', async () => {
    const clean = folder('clean', { 'a.md': '# A\n\n[b](b.md#b)\n', 'b.md': '# B\n' });
    const result = await check(['.'], clean);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'No link problems in 2 notes\n');
    const warned = folder('warned', { 'a.md': '# A\n\n[a]()\n' });
    const warning = await check(['.', '--format', 'json'], warned);
    assert.equal(warning.status, 0);
    assert.equal((JSON.parse(warning.stdout) as Entry[])[0].code, 'link.empty');
  });

  it('reports `file` relative to the working directory, with forward slashes, for notes in subfolders', async () => {
    const nested = folder('nested', { 'deep/er/a.md': '[x](gone.md)\n' });
    const entries = JSON.parse((await check([nested, '--format', 'json'], tmp)).stdout) as Entry[];
    assert.equal(entries[0].file, 'nested/deep/er/a.md');
  });

  it('writes control characters from notes as escapes in text output, so a note cannot rewrite the terminal', async () => {
    const hostile = folder('hostile', {
      'evil.md': '# Evil\n\nSee [y][lab\u001b]0;pwned\u0007el] here.\n',
      'clear\u001b[2J\r.md': '[x](gone.md)\n',
    });
    const result = await check(['.'], hostile);
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(result.stdout), JSON.stringify(result.stdout));
    assert.match(result.stdout, /^clear\\e\[2J\\r\.md:1:5 {2}error {2}link\.file-not-found {2}File not found: gone\.md$/m);
    assert.match(result.stdout, /^evil\.md:3:8 {2}warning {2}link\.reference-undefined {2}Reference \[lab\\e\] is not defined$/m);
    const json = JSON.parse((await check(['.', '--format', 'json'], hostile)).stdout) as Entry[];
    assert.ok(
      json.some((entry) => entry.file === 'clear\u001b[2J\r.md'),
      'JSON keeps the name as it is, escaped by JSON itself',
    );
  });

  it('writes a long report completely through a shell pipe (exiting early would cut it at the pipe buffer)', async function () {
    if (process.platform === 'win32') this.skip();
    const many = folder('many', { 'a.md': Array.from({ length: 2000 }, (_, index) => `[x](gone-${index}.md)`).join('\n\n') });
    const result = await check(['.', '--format', 'json'], many, { throughShellPipe: true });
    const entries = JSON.parse(result.stdout) as Entry[];
    assert.ok(result.stdout.length > 256 * 1024, `${result.stdout.length} bytes`);
    assert.equal(entries.length, 2000);
  });

  describe('never passes in silence', () => {
    /** A 2 MB note holding one table of 10,000 columns: its parse runs a worker out of memory. */
    function wideTable(): string {
      const row = (cell: string) => `|${Array.from({ length: 10_000 }, (_, column) => `${cell}${column}`).join('|')}|\n`;
      let text = `${row('h')}|${'---|'.repeat(10_000)}\n`;
      while (text.length < 2_000_000) text += row('v');
      return text;
    }

    it('reports a note it could not parse as note.unparsed and exits 1, run after run (it exited 0 with no output)', async function () {
      this.timeout(240_000);
      const tables = folder('table', { 'table.md': wideTable() });
      for (let run = 1; run <= 2; run++) {
        const result = await check(['.'], tables);
        assert.equal(result.status, 1, `run ${run}: ${result.stderr}`);
        assert.match(
          result.stdout,
          /^table\.md:1:1 {2}error {2}note\.unparsed {2}could not parse .*table\.md: out of memory; its links were not checked$/m,
          `run ${run}`,
        );
        assert.match(result.stdout, /^1 error, 0 warnings, 0 info in 1 note; 1 note could not be read or parsed$/m, `run ${run}`);
      }
    });

    it('reports the dead link of one note while another is still being parsed, run after run (it exited 0 before)', async function () {
      this.timeout(120_000);
      const notes = folder('slow', { 'slow.md': '*a_'.repeat(4_000), 'dead.md': '# Dead\n\n[gone](gone.md)\n' });
      for (let run = 1; run <= 3; run++) {
        const result = await check(['.', '--no-cache'], notes);
        assert.equal(result.status, 1, `run ${run}: ${result.stdout}${result.stderr}`);
        assert.match(result.stdout, /^dead\.md:3:8 {2}error {2}link\.file-not-found {2}File not found: gone\.md$/m, `run ${run}`);
      }
    });
  });

  for (const [what, malformed] of [
    ['entity candidates', (note: CachedNote): CachedNote => ({ ...note, entities: [null as never] })],
    ['facts', (note: CachedNote): CachedNote => ({ ...note, facts: storedJson('{"links":[null]}') })],
  ] as const) {
    it(`reports and rebuilds a cache whose checksums hold but whose ${what} are malformed (it crashed on every run)`, async () => {
      const notes = folder(`malformed-${what.replace(' ', '-')}`, { 'a.md': '# A\n\n[dead](gone.md)\n', 'b.md': '# B\n' });
      assert.equal((await check(['.'], notes)).status, 1);
      const file = cacheFileFor([notes]);
      const raw = readFileSync(file);
      const build = (JSON.parse(raw.subarray(0, raw.indexOf(10)).toString('utf8')) as { build: string }).build;
      writeFileSync(
        file,
        encodeCache(
          [...decodeCache(raw, build)].map(([uri, note]) => [uri, malformed(note)] as const),
          build,
        ),
      );
      const reported = await check(['.'], notes);
      assert.equal(reported.status, 1, reported.stderr);
      assert.match(reported.stdout, /^a\.md:3:8 {2}error {2}link\.file-not-found/m);
      assert.match(reported.stderr, /malformed/);
      const rebuilt = await check(['.'], notes);
      assert.deepEqual([rebuilt.status, rebuilt.stderr], [1, '']);
      assert.match(rebuilt.stdout, /^a\.md:3:8 {2}error {2}link\.file-not-found/m);
    });
  }

  describe('usage errors exit 2 with a clear message and no stack trace', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['a path that does not exist', ['no/such/folder'], /no such file or folder: no\/such\/folder/],
      ['an unknown flag', ['.', '--fast'], /unknown option '--fast'/],
      ['a bad format', ['.', '--format', 'xml'], /--format must be one of: text, json, sarif, github/],
      ['a format without a value', ['.', '-f'], /--format needs a value/],
      ['a flag given a value', ['.', '--no-cache=1'], /--no-cache takes no value/],
      ['--cache-dir with --no-cache', ['.', '--cache-dir', 'c', '--no-cache'], /--cache-dir and --no-cache contradict each other/],
      ['a config file that does not exist', ['.', '--config', 'none.jsonc'], /no such config file: none\.jsonc/],
      ['a bad severity', ['.', '--severity', 'fatal'], /--severity must be one of: error, warning, info/],
      ['--allow-host without --external', ['.', '--allow-host', '127.0.0.1'], /--allow-host only applies with --external/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const result = await check(args, tmp);
        assert.equal(result.status, 2, result.stderr);
        assert.match(result.stderr, message);
        assert.doesNotMatch(result.stderr, /^\s+at /m);
        assert.equal(result.stdout, '');
      });
    }
  });

  describe('--external', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(async () => {
      await server.close();
    });

    it('checks http(s) links against the network, with --allow-host letting the local test server through', async () => {
      const notes = folder('external', {
        'a.md': `[ok](${server.origin}/ok)\n[dead](${server.origin}/missing)\n[wall](${server.origin}/forbidden)\n[moved](${server.origin}/moved)\n`,
      });
      const result = await check(['.', '--format', 'json', '--external', '--allow-host', '127.0.0.1'], notes);
      assert.equal(result.status, 1, result.stderr);
      const entries = JSON.parse(result.stdout) as Entry[];
      assert.deepEqual(
        entries.map((entry) => [entry.line, entry.code, entry.severity]),
        [
          [2, 'link.external-dead', 'error'],
          [3, 'link.external-unverified', 'info'],
        ],
      );
      assert.match(entries[0].message, /\/missing is dead: 404/);
    });

    it('keeps the guard on without --allow-host: nothing is sent to 127.0.0.1 and nothing is reported', async () => {
      const before = server.requests.length;
      const notes = folder('guarded', { 'a.md': `[dead](${server.origin}/missing?guarded=1)\n` });
      const result = await check(['.', '--format', 'json', '--external'], notes);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), []);
      assert.equal(server.requests.length, before);
    });

    it('goes through the proxy HTTP_PROXY names, and reports the dead link it answered for', async () => {
      const proxy = await startTestProxy();
      try {
        const notes = folder('proxied', { 'a.md': `[dead](${server.origin}/missing?proxied=1)\n` });
        const env = { ...process.env, HTTP_PROXY: proxy.url, http_proxy: '', NO_PROXY: '', no_proxy: '' };
        const result = await check(['.', '--format', 'json', '--external', '--allow-host', '127.0.0.1'], notes, { env });
        assert.equal(result.status, 1, result.stderr);
        assert.deepEqual(
          (JSON.parse(result.stdout) as Entry[]).map((entry) => entry.code),
          ['link.external-dead'],
        );
        assert.ok(
          proxy.requests.some((request) => request.target === `${server.origin}/missing?proxied=1`),
          JSON.stringify(proxy.requests.map((request) => request.target)),
        );
      } finally {
        await proxy.close();
      }
    });

    it('does not touch the network without --external', async () => {
      const before = server.requests.length;
      const notes = folder('offline', { 'a.md': `[dead](${server.origin}/missing?offline=1)\n` });
      const result = await check(['.', '--format', 'json'], notes);
      assert.deepEqual(JSON.parse(result.stdout), []);
      assert.equal(server.requests.length, before);
    });
  });
});
