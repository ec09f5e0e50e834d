import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const SEEDS = path.resolve(__dirname, '../../seeds');

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('marginalia entities', () => {
  it('lists the entities of the seeds as JSON with names, kinds, aliases, summaries and sites', () => {
    const result = cli('entities', SEEDS, '--format', 'json');
    assert.equal(result.status, 0, result.stderr);
    const entities = JSON.parse(result.stdout) as Array<{
      name: string;
      kind: string;
      aliases: string[];
      summary: string;
      sites: Array<{ file: string; line: number }>;
    }>;
    const byName = (name: string) => entities.find((entity) => entity.name === name);
    assert.deepEqual(byName('vLLM')?.sites, [{ file: '001_7e5cbe7abf80e26e.md', line: 120, column: 8, shape: 'table-row' }]);
    assert.equal(byName("Mooncake: Kimi's KVCache-centric Architecture for LLM Serving")?.kind, 'paper');
    assert.deepEqual(
      byName('Megatron-LM')?.sites.map((site) => `${site.file}:${site.line}`),
      ['000_2a3c44dcec08f07f.md:1110', '002_cb18c87924e80d70.md:395'],
    );
    assert.ok(!entities.some((entity) => ['简介', '核心功能', 'Reference', '配置', '问题'].includes(entity.name)));
  });

  it('prints one line per entity and a summary line as text', () => {
    const result = cli('entities', SEEDS);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^project  vLLM \(vllm\)  \[001_7e5cbe7abf80e26e\.md:120\]$/m);
    assert.match(result.stdout, /^\d+ entities in 5 notes$/m);
  });

  it('writes control characters and bidi controls from notes as escapes in text output', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-entities-'));
    try {
      writeFileSync(
        path.join(root, 'evil.md'),
        '---\ntitle: "Evil\u001b]0;pwned\u0007\u202egnp.exe"\naliases: [EvilLib]\nsummary: "wipes\u001b[2J the\u009b2J screen"\n---\n',
      );
      const result = cli('entities', root);
      assert.equal(result.status, 0, result.stderr);
      assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/.test(result.stdout), JSON.stringify(result.stdout));
      assert.match(
        result.stdout,
        /^project {2}Evil\\e\]0;pwned\\x07\\u202egnp\.exe \(EvilLib\) {2}\[evil\.md:1\]\n {4}wipes\\e\[2J the\\x9b2J screen$/m,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('explains usage mistakes and exits with code 2', () => {
    for (const args of [
      ['entities'],
      ['entities', '/no/such/dir'],
      ['entities', SEEDS, '--format', 'xml'],
      ['entities', SEEDS, '--bogus'],
      ['frobnicate'],
    ]) {
      const result = cli(...args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^marginalia: .+\n\nUsage: marginalia <command>/);
      assert.ok(!/\n\s+at /.test(result.stderr), 'no stack trace');
    }
  });
});
