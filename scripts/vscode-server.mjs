#!/usr/bin/env node
// Starts a real VS Code (code-server, installed by scripts/vscode-setup.mjs) on 127.0.0.1.
//
// Module:
//   const server = await startCodeServer({ folder, trusted: true, env: { FOO: '1' } });
//   ... server.url, server.port ...
//   await server.stop();   // kills code-server and everything it started
//
// CLI (runs until Ctrl-C):
//   node scripts/vscode-server.mjs [FOLDER] [--restricted] [--port N]
//        [--install-extension VSIX_OR_DIR]... [--extensions-dir DIR] [--user-data-dir DIR]
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_ENTRY, ensureVSCode, SetupError } from './vscode-setup.mjs';

const LOG_TAIL_CHARS = 6000;

/**
 * Calls back once when this process's parent is gone (say, npm killed by a signal it could
 * not pass on), so that what we started does not outlive it.
 */
export function onParentGone(callback, everyMs = 1000) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      callback();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A path for a URL query, slashes kept readable. */
export function encodePath(path) {
  return encodeURIComponent(path).replace(/%2F/g, '/');
}

/** Settings written into the fresh user-data-dir. */
export function baseSettings({ trusted }) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.openRepositoryInParentFolders': 'never',
    // Trusted: no trust at all. Restricted: trust on, never prompted, so the folder stays untrusted.
    ...(trusted
      ? { 'security.workspace.trust.enabled': false }
      : {
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.emptyWindow': false,
        }),
  };
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Our environment minus what would make code-server believe it runs inside another VS Code. */
function childEnv(extra) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  return { ...env, ...extra };
}

/** pid → parent pid for every process we can see (Linux /proc); empty elsewhere. */
function processTable() {
  const parents = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return parents;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid ..." — comm may hold spaces and parentheses
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(rest[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  return parents;
}

/** All descendants of pid (children that left its process group included, e.g. terminals). */
export function descendants(pid) {
  const parents = processTable();
  const found = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    for (const [child, parent] of parents) {
      if (parent === p && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends signal to the process group of pid and to every listed pid, ignoring the gone. */
function signalAll(groupLeader, pids, signal) {
  try {
    process.kill(-groupLeader, signal);
  } catch {
    /* group gone */
  }
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}

/**
 * Kills a process, its process group and all its descendants: SIGTERM, then SIGKILL for
 * whatever is still there after graceMs.
 */
export async function killTree(pid, graceMs = 3000) {
  const pids = [pid, ...descendants(pid)];
  signalAll(pid, pids, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  const late = [...new Set([...pids, ...descendants(pid)])].filter(alive);
  signalAll(pid, late, 'SIGKILL');
  // zombies of our own children vanish once reaped; wait briefly for the rest
  const end = Date.now() + 2000;
  while (Date.now() < end && late.some((p) => alive(p) && !isZombie(p))) await new Promise((r) => setTimeout(r, 50));
}

/** Synchronous last resort for process 'exit' handlers. */
export function killTreeSync(pid) {
  signalAll(pid, [pid, ...descendants(pid)], 'SIGKILL');
}

function isZombie(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function runEntry(entry, args, { env, timeoutMs }) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      killTreeSync(child.pid);
      reject(new Error(`code-server ${args.join(' ')} timed out after ${timeoutMs / 1000} s\n${out.slice(-LOG_TAIL_CHARS)}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveRun(out);
      else reject(new Error(`code-server ${args.join(' ')} failed (exit ${code})\n${out.slice(-LOG_TAIL_CHARS)}`));
    });
  });
}

/**
 * Installs an extension (a .vsix file, or an extension id from the gallery, which here has no
 * network) into extensionsDir with code-server's own `--install-extension`.
 */
export async function installExtension(vsixOrId, { extensionsDir, userDataDir, entry = CODE_SERVER_ENTRY, timeoutMs = 120_000 } = {}) {
  const target = existsSync(vsixOrId) ? resolve(vsixOrId) : vsixOrId;
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const out = await runEntry(
    entry,
    ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', target, '--force'],
    {
      env: childEnv({}),
      timeoutMs,
    },
  );
  if (/failed|error/i.test(out) && !/successfully installed/i.test(out)) throw new Error(`installing ${target} failed:\n${out}`);
  return out.trim();
}

async function waitForHttp(url, { child, deadline, logTail }) {
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `code-server exited (${child.signalCode ?? `exit ${child.exitCode}`}) before it answered.\n--- log tail ---\n${logTail()}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} in time (last: ${lastError}).\n--- log tail ---\n${logTail()}`);
}

/**
 * Starts code-server. Options:
 *   folder          folder opened by default (also in the returned folderUrl)
 *   trusted         true: workspace trust off (a trusted window); false: Restricted Mode
 *   env             extra environment for code-server and so for the extension host
 *   settings        extra user settings
 *   userDataDir, extensionsDir   default: fresh folders in a temp dir, removed by stop()
 *   installExtensions   .vsix paths installed into extensionsDir before start
 *   port            default: a free one
 *   timeoutMs       how long to wait for the first HTTP answer (default 60 s)
 *   logFile         where code-server's output goes (default: in the temp dir, removed by stop())
 *   quiet           don't echo the log file path
 * Returns { url, folderUrl, port, pid, userDataDir, extensionsDir, logFile, logTail(), stop() }.
 */
export async function startCodeServer(options = {}) {
  const {
    folder,
    trusted = true,
    env = {},
    settings = {},
    installExtensions = [],
    timeoutMs = 60_000,
    quiet = false,
    entry = CODE_SERVER_ENTRY,
    extraArgs = [],
  } = options;
  if (!existsSync(entry)) throw new SetupError(`code-server is not installed (${entry} missing); run: node scripts/vscode-setup.mjs`);
  const runDir = mkdtempSync(join(tmpdir(), 'marginalia-vscode-'));
  const userDataDir = options.userDataDir ? resolve(options.userDataDir) : join(runDir, 'user-data');
  const extensionsDir = options.extensionsDir ? resolve(options.extensionsDir) : join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  let existing = {};
  if (options.userDataDir && existsSync(settingsFile)) {
    try {
      existing = JSON.parse(readFileSync(settingsFile, 'utf8'));
    } catch {
      existing = {};
    }
  }
  writeFileSync(settingsFile, JSON.stringify({ ...existing, ...baseSettings({ trusted }), ...settings }, null, 2) + '\n');

  let cleaned = false;
  const cleanupDirs = () => {
    if (cleaned) return;
    cleaned = true;
    rmSync(runDir, { recursive: true, force: true });
  };

  try {
    for (const vsix of installExtensions) {
      const out = await installExtension(vsix, { extensionsDir, userDataDir, entry });
      if (!quiet) console.log(`[vscode-server] ${out.split('\n').pop()}`);
    }
  } catch (err) {
    cleanupDirs();
    throw err;
  }

  const logFile = options.logFile ? resolve(options.logFile) : join(runDir, 'code-server.log');
  if (options.logFile) writeFileSync(logFile, '');
  const fixedPort = options.port;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const args = [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(trusted ? ['--disable-workspace-trust'] : []),
      ...extraArgs,
      ...(folder ? [resolve(folder)] : []),
    ];
    const logStream = createWriteStream(logFile, { flags: 'a' });
    let tail = '';
    const child = spawn(process.execPath, args, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const onData = (d) => {
      logStream.write(d);
      tail = (tail + d).slice(-LOG_TAIL_CHARS);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise((r) => child.once('close', r));
    const onExit = () => killTreeSync(child.pid);
    process.once('exit', onExit);

    let stopping;
    const stop = () =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        if (child.pid) await killTree(child.pid);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        logStream.end();
        if (!options.keepDirs) cleanupDirs();
      })());

    const url = `http://127.0.0.1:${port}/`;
    try {
      await waitForHttp(`${url}healthz`, { child, deadline: Date.now() + timeoutMs, logTail: () => tail });
    } catch (err) {
      process.off('exit', onExit);
      await killTree(child.pid);
      logStream.end();
      // the free port was taken meanwhile: try another
      if (!fixedPort && attempt < 3 && /EADDRINUSE/.test(tail)) continue;
      if (!options.keepDirs) cleanupDirs();
      throw err;
    }
    if (!quiet) console.log(`[vscode-server] code-server ${url} (pid ${child.pid}, log ${logFile})`);
    return {
      url,
      folderUrl: folder ? `${url}?folder=${encodePath(resolve(folder))}` : url,
      port,
      pid: child.pid,
      userDataDir,
      extensionsDir,
      logFile,
      logTail: () => tail,
      exited,
      stop,
    };
  }
}

function parseArgs(argv) {
  const opts = { trusted: true, installExtensions: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--restricted') opts.trusted = false;
    else if (a === '--port') opts.port = Number(value());
    else if (a === '--install-extension') opts.installExtensions.push(value());
    else if (a === '--extensions-dir') opts.extensionsDir = value();
    else if (a === '--user-data-dir') opts.userDataDir = value();
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (opts.folder) throw new Error(`only one folder, got ${opts.folder} and ${a}`);
    else opts.folder = a;
  }
  return opts;
}

async function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    console.error(`[vscode-server] ${err.message}`);
    opts = { help: true, bad: true };
  }
  if (opts.help) {
    console.log(
      'usage: node scripts/vscode-server.mjs [FOLDER] [--restricted] [--port N] [--install-extension VSIX]... [--extensions-dir DIR] [--user-data-dir DIR]',
    );
    return opts.bad ? 2 : 0;
  }
  let server;
  try {
    await ensureVSCode({ browser: false });
    server = await startCodeServer(opts);
  } catch (err) {
    console.error(`[vscode-server] error: ${err.message}`);
    return 1;
  }
  console.log(`\n  Open ${server.folderUrl}\n  (Ctrl-C stops it)\n`);
  const signalled = new Promise((resolveSignal) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => resolveSignal(signal));
    onParentGone(() => resolveSignal('parent process gone'));
  });
  const first = await Promise.race([signalled, server.exited.then(() => 'exited')]);
  if (first === 'exited') {
    console.error(`[vscode-server] code-server exited on its own.\n--- log tail ---\n${server.logTail()}`);
    await server.stop();
    return 1;
  }
  console.log(`\n[vscode-server] ${first}: stopping code-server`);
  await server.stop();
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
