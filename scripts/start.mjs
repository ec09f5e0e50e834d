#!/usr/bin/env node
// `npm start`: builds the extension, installs what the real editor needs (cached in
// .vscode-test/), starts VS Code (code-server) on 127.0.0.1 with the extension installed and
// seeds/ open, prints the URL and runs until Ctrl-C.
//
//   node scripts/start.mjs [FOLDER] [--port N] [--restricted] [--no-build]
//
// The extension is installed as a link from the editor's extensions folder to this repository,
// so a rebuild (`npm run build`) plus "Developer: Reload Window" picks up changes.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureVSCode, REPO_ROOT, run, SetupError, VSCODE_TEST_DIR } from './vscode-setup.mjs';
import { onParentGone, startCodeServer } from './vscode-server.mjs';

const log = (msg) => console.log(`[start] ${msg}`);
const USAGE = 'usage: npm start -- [FOLDER] [--port N] [--restricted] [--no-build]';

function parseArgs(argv) {
  const o = {
    folder: join(REPO_ROOT, 'seeds'),
    port: process.env.MARGINALIA_PORT ? Number(process.env.MARGINALIA_PORT) : undefined,
    trusted: true,
    build: true,
  };
  let folderGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') {
      o.port = Number(argv[++i]);
      if (!Number.isInteger(o.port) || o.port <= 0 || o.port > 65535) throw new Error(`--port needs a port number\n${USAGE}`);
    } else if (a === '--restricted') o.trusted = false;
    else if (a === '--no-build') o.build = false;
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else if (a.startsWith('-') || folderGiven) throw new Error(`unexpected argument ${a}\n${USAGE}`);
    else {
      o.folder = resolve(a);
      folderGiven = true;
    }
  }
  if (!existsSync(o.folder)) throw new Error(`no such folder: ${o.folder}`);
  return o;
}

/** Links the repository into extensionsDir as publisher.name-version (and drops stale links). */
function linkExtension(extensionsDir) {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`.toLowerCase();
  const linkName = `${id}-${pkg.version}`;
  mkdirSync(extensionsDir, { recursive: true });
  let changed = false;
  for (const entry of readdirSync(extensionsDir)) {
    if (entry.toLowerCase().startsWith(`${id}-`) && entry !== linkName) {
      rmSync(join(extensionsDir, entry), { recursive: true, force: true });
      changed = true;
    }
  }
  const link = join(extensionsDir, linkName);
  let current;
  try {
    current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : 'not a link';
  } catch {
    current = undefined;
  }
  if (current !== REPO_ROOT) {
    if (current !== undefined) rmSync(link, { recursive: true, force: true });
    symlinkSync(REPO_ROOT, link, 'dir');
    changed = true;
  }
  // the editor's list of installed extensions is rebuilt from the folder when missing
  if (changed) rmSync(join(extensionsDir, 'extensions.json'), { force: true });
  if (!existsSync(join(REPO_ROOT, pkg.main ?? 'dist/extension.js'))) throw new Error(`${pkg.main} is missing: run npm run build`);
  return { id, version: pkg.version, link };
}

async function main(argv) {
  let o;
  try {
    o = parseArgs(argv);
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  let server;
  try {
    if (o.build) {
      log('building the extension');
      await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { timeoutMs: 5 * 60_000, label: 'start' });
    }
    await ensureVSCode({ browser: false });
    const home = join(VSCODE_TEST_DIR, 'start');
    const extensionsDir = join(home, 'extensions');
    const ext = linkExtension(extensionsDir);
    log(`extension ${ext.id} ${ext.version} installed as a link: ${ext.link} -> ${REPO_ROOT}`);
    server = await startCodeServer({
      folder: o.folder,
      trusted: o.trusted,
      port: o.port,
      userDataDir: join(home, 'user-data'),
      extensionsDir,
    });
  } catch (err) {
    console.error(`[start] error: ${err instanceof SetupError ? err.message : (err.message ?? err)}`);
    if (server) await server.stop();
    return 1;
  }

  console.log(`
  Marginalia is running in VS Code (code-server ${o.trusted ? '' : 'in Restricted Mode, '}on 127.0.0.1 only).

    Open: ${server.folderUrl}

  Hover a project name (try vLLM in 001_7e5cbe7abf80e26e.md), Ctrl-click to go to its definition.
  The editor's own log: ${server.logFile}
  Press Ctrl-C to stop.
`);
  const signalled = new Promise((resolveSignal) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => resolveSignal(signal));
    onParentGone(() => resolveSignal('parent process gone'));
  });
  const first = await Promise.race([signalled, server.exited.then(() => 'exited')]);
  if (first === 'exited') {
    console.error(`[start] code-server stopped on its own.\n--- log tail ---\n${server.logTail()}`);
    await server.stop();
    return 1;
  }
  log(`${first}: stopping code-server`);
  await server.stop();
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
