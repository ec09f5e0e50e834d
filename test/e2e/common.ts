// What both e2e launchers share: building the suite, a scratch workspace, reading and
// printing the suite's result.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { E2EResult } from './suite/index';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SUITE_SRC = path.join(REPO_ROOT, 'test', 'e2e', 'suite');
export const SUITE_OUT = path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite');
/** The module VS Code loads as extensionTestsPath (without .js, as VS Code expects). */
export const SUITE_ENTRY = path.join(SUITE_OUT, 'index');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const EXTENSION_ID = 'marginalia.marginalia';

export function log(msg: string): void {
  console.log(`[e2e] ${msg}`);
}

/** Runs the project's build (dist/extension.js, dist/server.js); throws with its output on failure. */
export function buildExtension(): void {
  const started = Date.now();
  const res = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (res.status !== 0) {
    throw new Error(
      `the extension build failed (node scripts/build.mjs${res.error ? `: ${res.error.message}` : `, exit ${res.status}`}):\n${res.stdout}${res.stderr}`,
    );
  }
  for (const f of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, f))) throw new Error(`the build did not produce ${f}`);
  }
  log(`built the extension in ${Date.now() - started} ms`);
}

/** Bundles the suite: index.js (runner, mocha included) and one file per *.e2e.ts. */
export async function buildSuite(): Promise<string[]> {
  const tests = fs
    .readdirSync(SUITE_SRC)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort();
  if (tests.length === 0) throw new Error(`no *.e2e.ts files in ${SUITE_SRC}`);
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    entryPoints: ['index.ts', ...tests].map((f) => path.join(SUITE_SRC, f)),
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return tests;
}

/** Copies what the suite works on (seeds/ and test/e2e/fixtures/) into dir/workspace. */
export function makeWorkspace(dir: string): string {
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(REPO_ROOT, 'seeds'), workspace, { recursive: true });
  const fixtures = path.join(REPO_ROOT, 'test', 'e2e', 'fixtures');
  if (fs.existsSync(fixtures)) fs.cpSync(fixtures, workspace, { recursive: true });
  return workspace;
}

export function readResult(file: string): E2EResult | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as E2EResult;
}

export interface Progress {
  /** How much of the progress file is printed. */
  offset: number;
  /** The test running now, if any. */
  current?: string;
}

/** Prints the progress lines added to file since the last call. */
export function printProgress(file: string, state: Progress): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return;
  }
  const end = text.lastIndexOf('\n') + 1;
  if (end <= state.offset) return;
  const lines = text.slice(state.offset, end).split('\n');
  state.offset = end;
  for (const line of lines) {
    if (!line) continue;
    let ev: { event: string; title?: string; message?: string; durationMs?: number; files?: string[] };
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    state.current = ev.event === 'test' ? ev.title : undefined;
    if (ev.event === 'start') log(`suite started: ${ev.files?.join(', ')}`);
    else if (ev.event === 'pass') console.log(`  ✓ ${ev.title} (${ev.durationMs} ms)`);
    else if (ev.event === 'fail') console.log(`  ✗ ${ev.title}\n      ${ev.message?.split('\n').join('\n      ')}`);
    else if (ev.event === 'pending') console.log(`  - ${ev.title} (pending)`);
  }
}

export interface Outcome {
  title: string;
  ok: boolean;
  message?: string;
}

/** Prints the summary; returns true when everything passed and at least one test ran. */
export function printSummary(result: E2EResult | undefined, extra: Outcome[]): boolean {
  const failures = [
    ...(result?.failures ?? []),
    ...extra.filter((o) => !o.ok).map((o) => ({ title: o.title, message: o.message ?? 'failed', stack: undefined })),
  ];
  const passed = (result?.passed ?? 0) + extra.filter((o) => o.ok).length;
  const failed = failures.length + (result ? 0 : 1);
  console.log('');
  console.log(
    `e2e: ${passed} passed, ${failed} failed${result?.pending ? `, ${result.pending} pending` : ''}${result ? ` (suite ${result.durationMs} ms)` : ''}`,
  );
  if (!result) console.log('  ✗ the extension test suite produced no result');
  else if (passed === 0 && failed === 0) console.log('  ✗ no test ran (a --grep that matches nothing?)');
  failures.forEach((f, i) => {
    console.log(`\n  ${i + 1}) ${f.title}\n     ${f.message.split('\n').join('\n     ')}`);
    if (f.stack) console.log(`     ${f.stack.split('\n').slice(1, 6).join('\n     ')}`);
  });
  return failed === 0 && passed > 0;
}
