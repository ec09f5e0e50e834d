// Takes the README's screenshots in a real VS Code (code-server, driven in Chromium like the e2e
// launcher does): a hover card, a dead-link quick fix and an inline snippet run, on a copy of the sample
// notes the walkthrough opens. Writes small PNGs into images/.
//
//   node --import tsx test/e2e/screenshots.ts [--no-build] [--out DIR]
//
// Each shot is checked for what it is meant to show (the card's text, the fix's target, the run's
// outcome); the script fails instead of writing a picture of something else.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureVSCode } from '../../scripts/vscode-setup.mjs';
import { descendants, encodePath, killTree, startCodeServer, type CodeServer } from '../../scripts/vscode-server.mjs';
import { buildExtension, log, REPO_ROOT } from './common';

const args = process.argv.slice(2);
const outDir = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : path.join(REPO_ROOT, 'images'));
const VIEWPORT = { width: 1120, height: 620 };

/** Settings for a tidy picture: no minimap, breadcrumbs or tips; the rest as VS Code ships it. */
const SETTINGS = {
  'editor.minimap.enabled': false,
  'breadcrumbs.enabled': false,
  'editor.fontSize': 14,
  'workbench.editor.enablePreview': false,
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  'editor.lightbulb.enabled': 'on',
};

/** The on-screen box of the first rendered occurrence of text in the editor. */
async function textBox(page: Page, text: string) {
  return page.evaluate((wanted) => {
    const root = document.querySelector('.editor-instance .monaco-editor .view-lines');
    if (!root) return undefined;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n.textContent ?? '').indexOf(wanted);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + wanted.length);
      const r = range.getBoundingClientRect();
      if (r.width > 0) return { x: r.x, y: r.y, w: r.width, h: r.height };
    }
    return undefined;
  }, text);
}

async function openNote(page: Page, note: string): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').click({ timeout: 30_000 });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input[type="text"]').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(note, { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: note }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: note }).waitFor({ timeout: 20_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 20_000 });
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, clip: { x: 0, y: 0, ...VIEWPORT } });
  log(`wrote ${path.relative(REPO_ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

/** Repeats attempt until it returns true or timeoutMs passes. */
async function until(what: string, attempt: () => Promise<boolean>, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await attempt().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no ${what} within ${timeoutMs / 1000} s`);
}

/** Rests the mouse on Gemmini in the reading log until its card shows. */
async function hoverCard(page: Page): Promise<void> {
  await openNote(page, 'reading.md');
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').filter({ hasText: 'Rocket Chip' });
  await until('hover card over Gemmini', async () => {
    const box = await textBox(page, 'Gemmini');
    if (!box) return false;
    await page.mouse.move(box.x - 40, box.y + 60);
    await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2, { steps: 5 });
    await hover.first().waitFor({ state: 'visible', timeout: 5_000 });
    return true;
  });
  await page.waitForTimeout(500);
  await shoot(page, 'hover-card.png');
  await page.mouse.move(VIEWPORT.width - 60, VIEWPORT.height - 60);
  await page.keyboard.press('Escape');
}

/** Puts the cursor in the dead link to gpu_check.md and opens the quick fixes. */
async function deadLinkFix(page: Page): Promise<void> {
  await openNote(page, 'reading.md');
  const menu = page.locator('.action-widget').filter({ hasText: 'gpu-check.md' });
  await until('quick fix naming gpu-check.md', async () => {
    const box = await textBox(page, 'gpu_check.md');
    if (!box) return false;
    await page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
    await page.keyboard.press('Control+.');
    await menu.first().waitFor({ state: 'visible', timeout: 5_000 });
    return true;
  });
  await page.waitForTimeout(300);
  await shoot(page, 'dead-link-fix.png');
  await page.keyboard.press('Escape');
}

/** Clicks ▶ Run over the first two blocks of gpu-check.md (uname, then nvidia-smi) and waits for their outcomes. */
async function inlineRun(page: Page): Promise<void> {
  await openNote(page, 'gpu-check.md');
  const lens = (text: string | RegExp) => page.locator('.codelens-decoration a', { hasText: text });
  await lens('▶ Run').first().waitFor({ timeout: 30_000 });
  await lens('▶ Run').first().click();
  await lens(/✓ exit 0/)
    .first()
    .waitFor({ timeout: 30_000 });
  // the second block's ▶ Run is the second one now; on a machine without a GPU its outcome is ✗
  await lens('▶ Run').nth(1).click();
  await until('outcome of the nvidia-smi block', async () => (await lens(/^[✓✗]/).count()) >= 2, 30_000);
  // the cursor and the mouse away from the lenses, so that nothing is highlighted
  const box = await textBox(page, 'On a machine without');
  if (box) await page.mouse.click(box.x, box.y + box.h / 2);
  await page.mouse.move(VIEWPORT.width - 60, VIEWPORT.height - 60);
  await page.waitForTimeout(800);
  await shoot(page, 'inline-run.png');
}

/** Opens Marginalia's walkthrough at its hover step, whose page shows the hover card picture. */
async function walkthrough(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').click({ timeout: 30_000 });
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input[type="text"]').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type('Open Walkthrough', { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Marginalia' }).first();
  await entry.waitFor({ timeout: 20_000 });
  await entry.click();
  const step = page.locator('.getting-started-step', { hasText: 'Hover a name' }).first();
  await step.waitFor({ timeout: 20_000 });
  await step.click();
  await page.waitForTimeout(2_000);
  await shoot(page, 'walkthrough.png');
}

async function main(): Promise<void> {
  const { chromium: chromiumPath } = await ensureVSCode({ browser: true });
  if (!chromiumPath) throw new Error('no Chromium found (run node scripts/vscode-setup.mjs)');
  if (!args.includes('--no-build')) buildExtension();
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-shots-'));
  const notes = path.join(tmp, 'sample-notes');
  fs.cpSync(path.join(REPO_ROOT, 'sample-notes'), notes, { recursive: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ trusted: true, settings: SETTINGS, userDataDir: path.join(tmp, 'user-data') });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: VIEWPORT });
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${REPO_ROOT}`]]);
    await page.goto(`${server.url}?folder=${encodePath(notes)}&payload=${encodeURIComponent(payload)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    try {
      // a note activates the extension; the status bar counts the entities once the notes are indexed
      await openNote(page, 'README.md');
      await page
        .locator('.statusbar-item', { hasText: /\d+ entities/ })
        .first()
        .waitFor({ timeout: 60_000 });
      await hoverCard(page);
      await deadLinkFix(page);
      await inlineRun(page);
      await walkthrough(page);
    } catch (err) {
      await page.screenshot({ path: path.join(tmp, '..', 'marginalia-shots-failure.png') }).catch(() => {});
      throw err;
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    for (const pid of descendants(process.pid)) await killTree(pid, 1000);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`[shots] FAILED: ${err.message}`);
    process.exit(1);
  },
);
