// Runs the extension test suite inside a real VS Code: code-server (VS Code 1.100 server and
// web workbench) on 127.0.0.1, its workbench driven by Chromium through playwright-core. The
// suite (test/e2e/suite) runs in the workbench's extension host, loaded through the `payload`
// query (extensionDevelopmentPath + extensionTestsPath); then one test drives the page like a
// person (Quick Open, hover with the mouse) and saves screenshots under test-results/.
//
//   node --import tsx test/e2e/launch-code-server.ts [--restricted] [--vsix FILE] [--grep RE]
//        [--locale LANGUAGE] [--timeout SECONDS] [--no-build] [--no-ui] [--keep] [--extension-path DIR]
//
// --extension-path loads the extension from another folder than the repository root.
// --locale runs the editor in another language (zh-cn): see useLanguage below.
//
// Exits 0 only when every test passed and at least one ran. Kills everything it started.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureVSCode } from '../../scripts/vscode-setup.mjs';
import {
  descendants,
  encodePath,
  killTree,
  killTreeSync,
  onParentGone,
  startCodeServer,
  type CodeServer,
} from '../../scripts/vscode-server.mjs';
import {
  buildExtension,
  buildSuite,
  log,
  makeWorkspace,
  type Outcome,
  type Progress,
  printProgress,
  printSummary,
  readResult,
  REPO_ROOT,
  RESULTS_DIR,
  SUITE_ENTRY,
} from './common';
import { readVsix, vsixProblems } from './vsixContents';

interface Options {
  restricted: boolean;
  vsix?: string;
  grep?: string;
  timeoutS: number;
  build: boolean;
  ui: boolean;
  keep: boolean;
  extensionPath: string;
  locale?: string;
}

const USAGE =
  'usage: node --import tsx test/e2e/launch-code-server.ts [--restricted] [--vsix FILE] [--grep RE] [--locale LANGUAGE] [--timeout SECONDS] [--no-build] [--no-ui] [--keep] [--extension-path DIR]';

function parseArgs(argv: string[]): Options {
  const o: Options = {
    restricted: false,
    timeoutS: Number(process.env.MARGINALIA_E2E_TIMEOUT_S ?? 300),
    build: true,
    ui: true,
    keep: false,
    extensionPath: REPO_ROOT,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--restricted') o.restricted = true;
    else if (a === '--vsix') o.vsix = path.resolve(value());
    else if (a === '--grep') o.grep = value();
    else if (a === '--timeout') o.timeoutS = Number(value());
    else if (a === '--no-build') o.build = false;
    else if (a === '--no-ui') o.ui = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '--extension-path') o.extensionPath = path.resolve(value());
    else if (a === '--locale') o.locale = value().toLowerCase();
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!(o.timeoutS > 0)) throw new Error(`--timeout must be a positive number of seconds`);
  if (o.vsix && !fs.existsSync(o.vsix)) throw new Error(`no such .vsix: ${o.vsix}`);
  if (o.locale !== undefined && !/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(o.locale))
    throw new Error(`--locale needs a language such as zh-cn\n${USAGE}`);
  return o;
}

class TimeoutError extends Error {}

/** How long the extension host may take to load the suite once the workbench is up. */
const SUITE_START_TIMEOUT_MS = 90_000;

/** Everything started here, stopped in cleanup() whatever happens. */
const started: { server?: CodeServer; browser?: Browser; tmp?: string; keep?: boolean; label?: string } = {};
let phase = 'starting';
const startedAt = Date.now();

function setPhase(p: string): void {
  phase = p;
  log(`${p} (at ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

async function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new TimeoutError(`${what}: no end after ${Math.round(ms / 1000)} s`)), ms)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    const { browser, server, tmp, keep } = started;
    if (browser) await withTimeout('closing Chromium', 10_000, browser.close()).catch(() => {});
    if (server) await withTimeout('stopping code-server', 15_000, server.stop()).catch(() => {});
    // the editor's logs, the extension's output channels among them, as artifacts
    if (server && started.label) {
      const logs = path.join(RESULTS_DIR, `e2e-${started.label}-logs`);
      fs.rmSync(logs, { recursive: true, force: true });
      try {
        fs.cpSync(path.join(server.userDataDir, 'logs'), logs, { recursive: true });
      } catch {
        /* no logs written */
      }
    }
    // whatever is left that we started (Chromium helpers, stray children): gone
    for (const pid of descendants(process.pid)) await killTree(pid, 1000);
    if (tmp && !keep) fs.rmSync(tmp, { recursive: true, force: true });
    else if (tmp) log(`kept ${tmp}`);
  })());
}

async function screenshot(page: Page | undefined, name: string): Promise<void> {
  if (!page || page.isClosed()) return;
  const file = path.join(RESULTS_DIR, name);
  try {
    await page.screenshot({ path: file, timeout: 10_000 });
    log(`screenshot ${path.relative(REPO_ROOT, file)}`);
  } catch (err) {
    log(`could not take ${name}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The workbench URL for a folder, with the extension development/test locations. */
function workbenchUrl(server: CodeServer, folder: string, entries: [string, string][]): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify(entries.map(([k, v]) => [k, remote(v)]));
  return `${server.url}?folder=${encodePath(folder)}&payload=${encodeURIComponent(payload)}`;
}

async function openWorkbench(browser: Browser, url: string, logName: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const logFile = path.join(RESULTS_DIR, logName);
  fs.writeFileSync(logFile, '');
  page.on('console', (m) => fs.appendFileSync(logFile, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => fs.appendFileSync(logFile, `[pageerror] ${e.message}\n`));
  await page.goto(url, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

/** Waits for the suite's result file, printing its progress; fails when code-server dies. */
async function waitForSuite(server: CodeServer, resultFile: string, deadline: number) {
  const t0 = Date.now();
  const startDeadline = Math.min(deadline, t0 + SUITE_START_TIMEOUT_MS);
  const progress: Progress = { offset: 0 };
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (;;) {
    printProgress(`${resultFile}.progress`, progress);
    const result = readResult(resultFile);
    if (result) return result;
    if (exited) throw new Error(`code-server exited while the suite ran.\n--- code-server log tail ---\n${server.logTail()}`);
    if (started.browser && !started.browser.isConnected()) throw new Error('Chromium exited while the suite ran');
    if (Date.now() > startDeadline && !fs.existsSync(`${resultFile}.progress`)) {
      throw new Error(
        `the suite did not start within ${Math.round((Date.now() - t0) / 1000)} s: the extension host did not load ${path.relative(REPO_ROOT, SUITE_ENTRY)}.js (see the workbench screenshot and browser log under test-results/)`,
      );
    }
    if (Date.now() > deadline) {
      throw new TimeoutError(
        `the suite did not finish before the global timeout${progress.current ? `; still running: ${progress.current}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A user's path to a hover card: Quick Open the note, go to line 120, rest the mouse on
 * `vLLM`, wait for the hover widget and read it.
 */
async function hoverLikeAPerson(page: Page, screenshotName: string): Promise<void> {
  const note = '001_7e5cbe7abf80e26e.md';
  // Quick Open needs the workbench focused
  await page.locator('.monaco-workbench .part.editor').click({ timeout: 30_000 });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(note, { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: note }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: note }).waitFor({ timeout: 20_000 });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor({ timeout: 20_000 });
  await page.keyboard.press('Control+G');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type('120');
  await page.keyboard.press('Enter');

  const deadline = Date.now() + 40_000;
  let lastSeen = '';
  for (let attempt = 1; Date.now() < deadline; attempt++) {
    // the bounding box of the word vLLM in the rendered text (the `[vLLM]` link text of line 120)
    const box = await page.evaluate(() => {
      const matches: { x: number; y: number; w: number; h: number; exact: boolean }[] = [];
      const root = document.querySelector('.editor-instance .monaco-editor .view-lines');
      if (!root) return undefined;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        const i = text.indexOf('vLLM');
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 4);
        const r = range.getBoundingClientRect();
        if (r.width > 0) matches.push({ x: r.x, y: r.y, w: r.width, h: r.height, exact: text === 'vLLM' });
      }
      matches.sort((a, b) => Number(b.exact) - Number(a.exact) || a.y - b.y || a.x - b.x);
      return matches[0];
    });
    if (!box) throw new Error('the word vLLM is not rendered in the editor after Quick Open and Go to Line 120');
    await page.mouse.move(box.x - 30, box.y + box.h / 2 + 40);
    await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2, { steps: 5 });
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').filter({ hasText: 'UC Berkeley' });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 5_000 });
      // other hover providers may still be answering ("Loading..."): give them a moment
      await hover
        .first()
        .filter({ hasNotText: 'Loading...' })
        .waitFor({ timeout: 3_000 })
        .catch(() => {});
      const text = await hover.first().innerText();
      await screenshot(page, screenshotName);
      if (!text.includes('vLLM')) throw new Error(`the hover card does not name vLLM: ${text.slice(0, 300)}`);
      log(`hover card (attempt ${attempt}): ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
      return;
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('the hover card')) throw err;
      lastSeen = await page
        .locator('.monaco-editor .monaco-hover:not(.hidden)')
        .allInnerTexts()
        .then((t) => t.join(' | ').replace(/\s+/g, ' ').slice(0, 300))
        .catch(() => '');
      // move away so that the next rest starts a fresh hover
      await page.mouse.move(5, 5);
      await page.waitForTimeout(500);
    }
  }
  throw new Error(
    `no hover card with "UC Berkeley" appeared over vLLM within 40 s${lastSeen ? ` (hover showed: ${lastSeen})` : ' (no hover widget)'}`,
  );
}

/**
 * Makes the editor run in `language`. code-server's --locale switches the workbench only to a language
 * whose language pack is installed (userDataDir/languagepacks.json names it), and the packs come from
 * the Marketplace, out of reach here. So this registers an empty pack: VS Code's own menus stay English,
 * but the workbench, the extension host (vscode.env.language) and the scan of extension manifests run in
 * that language, and those choose Marginalia's package.nls.<language>.json and l10n bundle.
 */
function useLanguage(userDataDir: string, language: string): string[] {
  fs.mkdirSync(userDataDir, { recursive: true });
  const translations = path.join(userDataDir, `empty-language-pack.${language}.json`);
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    hash: `marginalia-e2e-${language}`,
    extensions: [{ extensionIdentifier: { id: 'marginalia-test.empty-language-pack' }, version: '0.0.0' }],
    translations: { vscode: translations },
    label: language,
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [language]: pack }));
  return ['--locale', language];
}

/** A user's look at the Command Palette in another language: Marginalia's commands carry the translated titles. */
async function paletteInLanguage(page: Page, expected: string, screenshotName: string): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').click({ timeout: 30_000 });
  const input = page.locator('.quick-input-widget input[type="text"]');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: expected }).first();
  // the palette lists an extension's commands once the workbench has read its manifest: ask again until then
  const deadline = Date.now() + 40_000;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    await page.keyboard.press('Control+Shift+P');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type('Marginalia', { delay: 10 });
    try {
      await row.waitFor({ timeout: 3_000 });
      await screenshot(page, screenshotName);
      await page.keyboard.press('Escape');
      return;
    } catch {
      rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  throw new Error(`the Command Palette shows no "${expected}" (rows: ${rows.join(' | ').slice(0, 300)})`);
}

/** An extension with nothing in it, to open a development window around an installed .vsix. */
function makeStandInExtension(dir: string): string {
  const ext = path.join(dir, 'e2e-host');
  fs.mkdirSync(ext, { recursive: true });
  const manifest = { name: 'e2e-host', publisher: 'marginalia-test', version: '0.0.0', engines: { vscode: '*' } };
  fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify(manifest, null, 2));
  return ext;
}

async function main(o: Options): Promise<boolean> {
  const deadline = Date.now() + o.timeoutS * 1000;
  const label = [o.vsix ? 'vsix' : 'dev', o.restricted ? 'restricted' : '', o.locale ?? ''].filter(Boolean).join('-');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const hoverShot = label === 'dev' ? 'hover-vllm.png' : `hover-vllm-${label}.png`;
  // artifacts of an earlier run in this mode would be mistaken for this run's
  for (const f of fs.readdirSync(RESULTS_DIR)) {
    if (f.startsWith(`e2e-${label}-`) || f === hoverShot) fs.rmSync(path.join(RESULTS_DIR, f), { recursive: true, force: true });
  }

  const extra: Outcome[] = [];
  if (o.vsix) {
    const title = `${path.basename(o.vsix)} holds the nls files, the l10n bundle, the walkthrough pages, the sample notes and minified bundles, without source maps`;
    const problems = vsixProblems(readVsix(o.vsix));
    console.log(`  ${problems.length ? '✗' : '✓'} ${title}${problems.map((problem) => `\n      ${problem}`).join('')}`);
    extra.push({ title, ok: problems.length === 0, message: problems.join('\n') });
  }

  setPhase('checking code-server and Chromium');
  const { chromium: chromiumPath } = await ensureVSCode({ browser: true });
  if (!chromiumPath) throw new Error('no Chromium found (run node scripts/vscode-setup.mjs)');
  if (o.build && !o.vsix && o.extensionPath === REPO_ROOT) {
    setPhase('building the extension');
    buildExtension();
  }
  setPhase('building the e2e suite');
  const tests = await buildSuite();
  log(`suite files: ${tests.join(', ')}`);

  started.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-e2e-'));
  started.keep = o.keep;
  started.label = label;
  const workspace = makeWorkspace(started.tmp);
  const resultFile = path.join(started.tmp, 'result.json');
  const userDataDir = path.join(started.tmp, 'user-data');
  const languageArgs = o.locale ? useLanguage(userDataDir, o.locale) : [];

  setPhase(
    `starting code-server (${o.restricted ? 'Restricted Mode' : 'trusted'}${o.vsix ? `, installing ${path.basename(o.vsix)}` : ''}${o.locale ? `, in ${o.locale}` : ''})`,
  );
  started.server = await startCodeServer({
    trusted: !o.restricted,
    installExtensions: o.vsix ? [o.vsix] : [],
    env: {
      MARGINALIA_E2E_RESULT: resultFile,
      MARGINALIA_E2E_MODE: o.vsix ? 'vsix' : 'dev',
      MARGINALIA_E2E_TRUST: o.restricted ? 'restricted' : 'trusted',
      MARGINALIA_E2E_EXTENSION_PATH: o.vsix ? '' : o.extensionPath,
      ...(o.grep ? { MARGINALIA_E2E_GREP: o.grep } : {}),
      ...(o.locale ? { MARGINALIA_E2E_LOCALE: o.locale } : {}),
    },
    extraArgs: languageArgs,
    // kept out of code-server's temp dir, so that cleanup can collect the logs after stopping
    userDataDir,
    logFile: path.join(RESULTS_DIR, `e2e-${label}-code-server.log`),
    timeoutMs: 60_000,
  });
  const server = started.server;

  setPhase('launching Chromium');
  started.browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 60_000,
    // our own handlers stop everything in order (Playwright's would exit first)
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--disable-crash-reporter',
      '--disable-breakpad',
    ],
  });

  // The workbench runs extension tests only in an extension development window; with a .vsix
  // the development extension is an empty stand-in and the packaged build loads as installed.
  const devPath = o.vsix ? makeStandInExtension(started.tmp) : o.extensionPath;
  const dev: [string, string][] = [['extensionDevelopmentPath', devPath]];
  setPhase('running the extension test suite in the workbench');
  const testPage = await openWorkbench(
    started.browser,
    workbenchUrl(server, workspace, [...dev, ['extensionTestsPath', SUITE_ENTRY]]),
    `e2e-${label}-browser.log`,
  );
  let result;
  try {
    result = await waitForSuite(server, resultFile, deadline);
  } finally {
    await screenshot(testPage, `e2e-${label}-workbench.png`);
  }
  await testPage.close().catch(() => {});

  const PALETTE_TITLES: Record<string, string> = { 'zh-cn': 'Marginalia: 显示实体' };
  const paletteTitle = o.locale ? PALETTE_TITLES[o.locale] : undefined;
  if (paletteTitle) {
    const title = `like a person in ${o.locale}: the Command Palette lists "${paletteTitle}"`;
    setPhase('opening the Command Palette');
    let page: Page | undefined;
    try {
      page = await openWorkbench(started.browser, workbenchUrl(server, workspace, dev), `e2e-${label}-palette-browser.log`);
      await withTimeout(title, Math.max(5_000, deadline - Date.now()), paletteInLanguage(page, paletteTitle, `palette-${o.locale}.png`));
      console.log(`  ✓ ${title}`);
      extra.push({ title, ok: true });
    } catch (err) {
      const message = (err as Error).message;
      console.log(`  ✗ ${title}\n      ${message}`);
      extra.push({ title, ok: false, message });
      await screenshot(page, `e2e-${label}-palette-failure.png`);
    }
    await page?.close().catch(() => {});
  }
  if (o.ui && !o.grep) {
    const title = 'like a person: Quick Open 001_7e5cbe7abf80e26e.md, rest the mouse on vLLM, read the hover card';
    setPhase('driving the workbench like a person');
    let page: Page | undefined;
    try {
      page = await openWorkbench(started.browser, workbenchUrl(server, workspace, dev), `e2e-${label}-ui-browser.log`);
      await withTimeout(title, Math.max(5_000, deadline - Date.now()), hoverLikeAPerson(page, hoverShot));
      console.log(`  ✓ ${title}`);
      extra.push({ title, ok: true });
    } catch (err) {
      const message = (err as Error).message;
      console.log(`  ✗ ${title}\n      ${message}`);
      extra.push({ title, ok: false, message });
      await screenshot(page, `e2e-${label}-ui-failure.png`);
    }
  } else {
    log(`not driving the workbench like a person (${o.grep ? '--grep selects API tests only' : '--no-ui'})`);
  }
  return printSummary(result, extra);
}

let options: Options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

let exitCode: number | undefined;
/** Cleans up once and exits with the first code asked for, however many callers get here. */
async function finish(code: number): Promise<never> {
  const first = exitCode === undefined;
  exitCode ??= code;
  if (first) setPhase('stopping everything');
  await cleanup();
  if (first) {
    const left = descendants(process.pid);
    if (left.length) log(`warning: processes still alive after cleanup: ${left.join(' ')}`);
    log(`${exitCode === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  }
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n[e2e] ${signal}: stopping`);
    void finish(130);
  });
}
onParentGone(() => {
  console.error('\n[e2e] the parent process is gone: stopping');
  void finish(1);
});
process.on('exit', () => {
  // last resort when something called process.exit behind our back
  for (const pid of descendants(process.pid)) killTreeSync(pid);
});

setTimeout(
  () => {
    console.error(`\n[e2e] FAILED: global timeout of ${options.timeoutS} s reached while ${phase}`);
    if (started.server) console.error(`--- code-server log tail ---\n${started.server.logTail().slice(-3000)}`);
    void finish(1);
  },
  options.timeoutS * 1000 + 30_000,
);

main(options).then(
  (ok) => finish(ok ? 0 : 1),
  (err: Error) => {
    // once stopping (signal, global timeout), failures of the interrupted work are only noise
    if (exitCode === undefined) console.error(`\n[e2e] FAILED while ${phase}: ${err.message}`);
    return finish(1);
  },
);
