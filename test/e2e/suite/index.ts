// The extension test suite's entry: VS Code's extension host loads this module (bundled to
// out/test/e2e/suite/index.js) and calls run(). It runs every *.e2e.js file next to it with
// mocha and writes the outcome as JSON to $MARGINALIA_E2E_RESULT, with one JSON line per test
// event in $MARGINALIA_E2E_RESULT.progress while it runs, because the extension host's console
// does not reach the launcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface E2EFailure {
  title: string;
  message: string;
  stack?: string;
}

export interface E2EResult {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  failures: E2EFailure[];
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number }[];
}

function write(file: string | undefined, text: string, append = false): void {
  if (!file) return;
  try {
    if (append) fs.appendFileSync(file, text);
    else {
      // write then rename, so the launcher never reads half a file
      fs.writeFileSync(`${file}.tmp`, text);
      fs.renameSync(`${file}.tmp`, file);
    }
  } catch (err) {
    console.error(`[e2e] cannot write ${file}: ${String(err)}`);
  }
}

export async function run(): Promise<void> {
  // stack traces point into the .ts sources (the bundles carry inline source maps)
  process.setSourceMapsEnabled(true);
  const resultFile = process.env.MARGINALIA_E2E_RESULT;
  const progressFile = resultFile ? `${resultFile}.progress` : undefined;
  const progress = (event: Record<string, unknown>) => write(progressFile, JSON.stringify(event) + '\n', true);

  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.MARGINALIA_E2E_TEST_TIMEOUT_MS ?? 60_000),
    reporter: 'spec',
    ...(process.env.MARGINALIA_E2E_GREP ? { grep: process.env.MARGINALIA_E2E_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const result: E2EResult = { passed: 0, failed: 0, pending: 0, durationMs: 0, failures: [], tests: [] };
  const started = Date.now();
  progress({ event: 'start', files });
  try {
    if (files.length === 0) throw new Error(`no *.e2e.js test files in ${__dirname}`);
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('test', (t) => progress({ event: 'test', title: t.fullTitle() }));
      runner.on('pass', (t) => {
        result.passed++;
        result.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
        progress({ event: 'pass', title: t.fullTitle(), durationMs: t.duration });
      });
      runner.on('fail', (t, err: Error) => {
        result.failed++;
        result.failures.push({ title: t.fullTitle(), message: err?.message ?? String(err), stack: err?.stack });
        result.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration });
        progress({ event: 'fail', title: t.fullTitle(), message: err?.message ?? String(err) });
      });
      runner.on('pending', (t) => {
        result.pending++;
        result.tests.push({ title: t.fullTitle(), state: 'pending' });
        progress({ event: 'pending', title: t.fullTitle() });
      });
    });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    result.failed++;
    result.failures.push({ title: '(suite setup)', message: e.message, stack: e.stack });
  }
  result.durationMs = Date.now() - started;
  progress({ event: 'end', passed: result.passed, failed: result.failed });
  write(resultFile, JSON.stringify(result, null, 2));
  if (result.failed > 0) throw new Error(`${result.failed} of ${result.passed + result.failed} e2e tests failed`);
  if (result.passed === 0) throw new Error('no e2e test ran');
}
