// Runs the same extension test suite in desktop VS Code through @vscode/test-electron, for
// machines where VS Code can be downloaded (or is installed). Machines without that network
// use launch-code-server.ts instead, which CI runs.
//
//   node --import tsx test/e2e/launch-test-electron.ts [--restricted] [--grep RE] [--vscode EXECUTABLE] [--timeout SECONDS]
//
// --vscode (or $VSCODE_EXECUTABLE) uses an installed VS Code instead of downloading 1.100.3.
// On Linux without a display, run it under xvfb-run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension, buildSuite, log, makeWorkspace, printSummary, readResult, REPO_ROOT, SUITE_ENTRY } from './common';

const VSCODE_VERSION = '1.100.3';
const USAGE =
  'usage: node --import tsx test/e2e/launch-test-electron.ts [--restricted] [--grep RE] [--vscode EXECUTABLE] [--timeout SECONDS]';

function parseArgs(argv: string[]) {
  const o = { restricted: false, grep: undefined as string | undefined, vscode: process.env.VSCODE_EXECUTABLE, timeoutS: 600 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--restricted') o.restricted = true;
    else if (a === '--grep') o.grep = value();
    else if (a === '--vscode') o.vscode = path.resolve(value());
    else if (a === '--timeout') o.timeoutS = Number(value());
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!(o.timeoutS > 0)) throw new Error('--timeout must be a positive number of seconds');
  if (o.vscode && !fs.existsSync(o.vscode)) throw new Error(`no VS Code executable at ${o.vscode}`);
  return o;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  buildExtension();
  await buildSuite();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-e2e-electron-'));
  const timer = setTimeout(() => {
    console.error(`[e2e] FAILED: no end after ${o.timeoutS} s (download or test run hangs)`);
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  }, o.timeoutS * 1000);
  try {
    const workspace = makeWorkspace(tmp);
    const resultFile = path.join(tmp, 'result.json');
    log(o.vscode ? `using ${o.vscode}` : `downloading VS Code ${VSCODE_VERSION} (cached under .vscode-test/) if needed`);
    let failure: unknown;
    try {
      await runTests({
        ...(o.vscode ? { vscodeExecutablePath: o.vscode } : { version: VSCODE_VERSION, timeout: 30_000 }),
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: SUITE_ENTRY,
        extensionTestsEnv: {
          MARGINALIA_E2E_RESULT: resultFile,
          MARGINALIA_E2E_MODE: 'dev',
          MARGINALIA_E2E_TRUST: o.restricted ? 'restricted' : 'trusted',
          MARGINALIA_E2E_EXTENSION_PATH: REPO_ROOT,
          ...(o.grep ? { MARGINALIA_E2E_GREP: o.grep } : {}),
        },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--skip-welcome',
          '--skip-release-notes',
          '--user-data-dir',
          path.join(tmp, 'user-data'),
          ...(o.restricted ? [] : ['--disable-workspace-trust']),
        ],
      });
    } catch (err) {
      failure = err;
    }
    const result = readResult(resultFile);
    if (!result) {
      const message = failure instanceof Error ? failure.message : String(failure ?? 'no error');
      console.error(`[e2e] FAILED: desktop VS Code did not run the suite: ${message}`);
      if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|socket|network|timeout|download/i.test(message)) {
        console.error(
          '[e2e] VS Code could not be downloaded (no network to update.code.visualstudio.com?). Pass an installed one with --vscode PATH, ' +
            'or run the suite in code-server instead: node --import tsx test/e2e/launch-code-server.ts',
        );
      } else if (/display|xvfb|X server/i.test(message)) {
        console.error('[e2e] desktop VS Code needs a display: run this under xvfb-run.');
      }
      return 1;
    }
    return printSummary(result, []) ? 0 : 1;
  } finally {
    clearTimeout(timer);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`[e2e] FAILED: ${err.message}`);
    process.exit(1);
  },
);
