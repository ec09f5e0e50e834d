#!/usr/bin/env node
// Installs what a real VS Code needs on this machine, into the ignored folder .vscode-test/:
// code-server (VS Code's server and web workbench) from the npm registry, plus the system
// packages it leans on: ripgrep (VS Code's search service) and, for the test launcher,
// Chromium. Idempotent: a re-run with everything in place only checks and returns.
//
// CLI:    node scripts/vscode-setup.mjs [--no-browser] [--force]
// Module: import { ensureVSCode } from './vscode-setup.mjs'; const { entry, chromium } = await ensureVSCode();
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants as fsConstants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VSCODE_TEST_DIR = join(REPO_ROOT, '.vscode-test');
export const CODE_SERVER_DIR = join(VSCODE_TEST_DIR, 'code-server');
export const CODE_SERVER_PKG = join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
const VSCODE_DIR = join(CODE_SERVER_PKG, 'lib', 'vscode');
const MARKER = join(CODE_SERVER_DIR, '.marginalia-setup.json');
const LOCK_DIR = join(VSCODE_TEST_DIR, '.setup-lock');

const STEP_TIMEOUT_MS = 15 * 60_000;
const LOCK_WAIT_MS = 20 * 60_000;

const log = (msg) => console.log(`[vscode-setup] ${msg}`);

/** Thrown for problems the user must fix; the CLI prints only the message. */
export class SetupError extends Error {}

/** Absolute path of an executable on PATH, or undefined. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) {
        accessSync(candidate, fsConstants.X_OK);
        return candidate;
      }
    } catch {
      /* absent or not executable */
    }
  }
  return undefined;
}

/** The Chromium binary the launcher uses: $MARGINALIA_CHROMIUM, else Debian's, else one on PATH. */
export function findChromium() {
  const fromEnv = process.env.MARGINALIA_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new SetupError(`MARGINALIA_CHROMIUM=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
}

/**
 * Runs a command with inherited output, in its own process group, killing the whole group
 * when it runs past timeoutMs. Rejects on a non-zero exit.
 */
export function run(
  cmd,
  args,
  { cwd = REPO_ROOT, env = process.env, timeoutMs = STEP_TIMEOUT_MS, quiet = false, label = 'vscode-setup' } = {},
) {
  return new Promise((resolvePromise, reject) => {
    const shown = `${cmd} ${args.join(' ')}`;
    if (!quiet) console.log(`[${label}] $ ${shown}${cwd !== REPO_ROOT ? `   (in ${cwd})` : ''}`);
    const child = spawn(cmd, args, {
      cwd,
      env,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const onExit = () => killGroup();
    process.once('exit', onExit);
    const timer = setTimeout(() => {
      killGroup();
      reject(new SetupError(`timed out after ${Math.round(timeoutMs / 1000)} s: ${shown}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      reject(new SetupError(`cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      if (code === 0) resolvePromise(output);
      else reject(new SetupError(`failed (${signal ?? `exit ${code}`}): ${shown}${output ? `\n${output.slice(-4000)}` : ''}`));
    });
  });
}

/** Installs missing Debian packages with apt-get (running `apt-get update` first, once). */
async function ensureSystemPackages({ browser }) {
  const wanted = [];
  // [binary present?, package, why]
  const checks = [
    [!!which('rg'), 'ripgrep', "rg, for the editor's search service"],
    [!!(which('make') && (which('g++') || which('c++'))), 'build-essential', "a C++ toolchain, for code-server's native modules"],
    [!!(which('python3') || which('python')), 'python3', 'python3, for node-gyp'],
  ];
  if (browser) checks.push([!!findChromium(), 'chromium', 'Chromium, to drive the workbench in tests']);
  for (const [present, pkg, why] of checks) if (!present) wanted.push({ pkg, why });
  if (wanted.length === 0) return;
  // Nice to have, never required: a small CJK font, so that screenshots of the (Chinese)
  // seed notes show text rather than boxes. Only considered while installing anyway.
  if (browser && !hasCJKFont())
    wanted.push({ pkg: 'fonts-wqy-microhei', why: 'a CJK font for readable screenshots (optional)', optional: true });

  const list = wanted.map((w) => w.pkg).join(' ');
  const reasons = wanted.map((w) => `  - ${w.pkg}: ${w.why}`).join('\n');
  if (!which('apt-get')) {
    throw new SetupError(
      `missing system packages and no apt-get to install them:\n${reasons}\nInstall them with your system's package manager (or set MARGINALIA_CHROMIUM to a Chromium binary), then re-run.`,
    );
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : which('sudo') ? ['sudo', '-n'] : null;
  if (!sudo) {
    throw new SetupError(`missing system packages:\n${reasons}\nInstall them as root: apt-get update && apt-get install -y ${list}`);
  }
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    sudo.length ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...args], { env: aptEnv }) : run('apt-get', args, { env: aptEnv });
  log(`installing system packages: ${list}\n${reasons}`);
  const required = wanted.filter((w) => !w.optional).map((w) => w.pkg);
  try {
    await apt(['update']);
    await apt(['install', '-y', ...wanted.map((w) => w.pkg)]);
  } catch (err) {
    if (required.length === wanted.length)
      throw new SetupError(
        `could not install ${list} with apt-get (${err.message}).\nInstall them yourself: apt-get update && apt-get install -y ${list}`,
      );
    log(`apt-get failed with the optional packages; trying the required ones alone (${err.message.split('\n')[0]})`);
    try {
      await apt(['install', '-y', ...required]);
    } catch (err2) {
      throw new SetupError(
        `could not install ${required.join(' ')} with apt-get (${err2.message}).\nInstall them yourself: apt-get update && apt-get install -y ${required.join(' ')}`,
      );
    }
  }
  if (!which('rg') || (browser && !findChromium()))
    throw new SetupError(`apt-get finished but ${required.join(' ')} still not found on PATH`);
}

function hasCJKFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 }).trim() !== '';
  } catch {
    return false; // no fontconfig yet: a fresh machine, where Chromium brings it
  }
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(MARKER, 'utf8'));
  } catch {
    return undefined;
  }
}

function wantedMarker() {
  return { version: CODE_SERVER_VERSION, nodeModules: process.versions.modules, platform: `${process.platform}-${process.arch}` };
}

/** True when code-server is installed for this version and this Node ABI. */
export function codeServerInstalled() {
  const m = readMarker();
  const w = wantedMarker();
  return (
    !!m &&
    m.version === w.version &&
    m.nodeModules === w.nodeModules &&
    m.platform === w.platform &&
    existsSync(CODE_SERVER_ENTRY) &&
    existsSync(join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))
  );
}

function symlink(target, path) {
  try {
    if (lstatSync(path).isSymbolicLink() && readlinkSync(path) === target) return;
    unlinkSync(path);
  } catch {
    /* absent */
  }
  symlinkSync(target, path);
}

async function installCodeServer() {
  const previous = readMarker();
  if (previous && previous.version !== CODE_SERVER_VERSION) {
    log(`removing code-server ${previous.version}`);
    rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  }
  rmSync(MARKER, { force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  const pkgJson = join(CODE_SERVER_DIR, 'package.json');
  if (!existsSync(pkgJson)) writeFileSync(pkgJson, JSON.stringify({ name: 'marginalia-vscode-test', private: true }, null, 2) + '\n');

  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const npmFlags = ['--no-audit', '--no-fund', '--loglevel=error'];
  // The package's postinstall would download ripgrep from GitHub and build kerberos; we skip
  // scripts and do the rest of its work by hand.
  await run(npm, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--save-exact', ...npmFlags], {
    cwd: CODE_SERVER_DIR,
  });
  await run(npm, ['rebuild', 'argon2', ...npmFlags], { cwd: CODE_SERVER_DIR });
  await run(npm, ['install', '--omit=dev', '--ignore-scripts', ...npmFlags], { cwd: VSCODE_DIR });
  await run(npm, ['rebuild', 'node-pty', '@vscode/spdlog', '@parcel/watcher', 'native-watchdog', '@vscode/deviceid', ...npmFlags], {
    cwd: VSCODE_DIR,
    env: { ...process.env, npm_config_yes: 'true' },
  });
  const rgDir = join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  const rg = which('rg');
  if (!rg) throw new SetupError('rg (ripgrep) not found on PATH');
  log(`copying ${rg} into @vscode/ripgrep`);
  copyFileSync(rg, join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);
  symlink('node_modules', join(VSCODE_DIR, 'node_modules.asar'));
  symlink('code-linux.sh', join(VSCODE_DIR, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', join(VSCODE_DIR, 'bin', 'helpers', 'browser.sh'));
  await run(npm, ['install', '--omit=dev', '--ignore-scripts', ...npmFlags], { cwd: join(VSCODE_DIR, 'extensions') });
  if (!existsSync(CODE_SERVER_ENTRY)) throw new SetupError(`install finished but ${CODE_SERVER_ENTRY} is missing`);
  writeFileSync(MARKER, JSON.stringify({ ...wantedMarker(), installedAt: new Date().toISOString() }, null, 2) + '\n');
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function lockAgeMs() {
  try {
    return Date.now() - statSync(LOCK_DIR).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** A directory lock so that two setups (say `npm start` and `npm test`) never interleave. */
async function withLock(fn) {
  mkdirSync(VSCODE_TEST_DIR, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
      } catch {
        /* being written, or left empty by a crash */
      }
      const stale = Number.isNaN(owner) || owner === 0 ? lockAgeMs() > 30_000 : !pidAlive(owner);
      if (stale) {
        rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SetupError(`another setup (pid ${owner}) holds ${LOCK_DIR}; gave up waiting`);
      if (!told) log(`waiting for another setup (pid ${owner}) to finish`);
      told = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Makes sure code-server (and, with browser, Chromium) is ready. Returns the paths the
 * launchers need. Fast when everything is already there.
 */
export async function ensureVSCode({ browser = true, force = false } = {}) {
  const started = Date.now();
  const ready = () => {
    const chromium = browser ? findChromium() : undefined;
    return !force && codeServerInstalled() && !!which('rg') && (!browser || !!chromium);
  };
  if (!ready()) {
    await withLock(async () => {
      await ensureSystemPackages({ browser });
      if (force || !codeServerInstalled()) {
        log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR}`);
        await installCodeServer();
        log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    });
  } else {
    log(`code-server ${CODE_SERVER_VERSION} ready (cached in ${CODE_SERVER_DIR})`);
  }
  return { entry: CODE_SERVER_ENTRY, chromium: browser ? findChromium() : undefined, rg: which('rg') };
}

async function main(args) {
  const unknown = args.filter((a) => !['--no-browser', '--force'].includes(a));
  if (unknown.length) {
    console.error(`usage: node scripts/vscode-setup.mjs [--no-browser] [--force]   (unknown: ${unknown.join(' ')})`);
    return 2;
  }
  try {
    const { entry, chromium } = await ensureVSCode({ browser: !args.includes('--no-browser'), force: args.includes('--force') });
    log(`code-server entry: ${entry}`);
    if (chromium) log(`chromium: ${chromium}`);
    return 0;
  } catch (err) {
    console.error(`[vscode-setup] error: ${err instanceof SetupError ? err.message : err.stack}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
