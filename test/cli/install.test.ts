// The `marginalia` command as a user installs it: `npm pack` of this package, `npm i -g` of the tarball
// into a private prefix, then the installed command on a notes folder. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm i -g of the packed package', function () {
  this.timeout(180_000);
  let tmp: string;
  before(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'marginalia-install-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('installs a working `marginalia` command that needs nothing from the registry', () => {
    execFileSync(NPM, ['pack', '--pack-destination', tmp, '--silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const tarball = readdirSync(tmp).find((name) => name.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack made a tarball');
    const prefix = path.join(tmp, 'prefix');
    // --offline: the bundles inline every dependency, so installing must not need the network.
    execFileSync(NPM, ['install', '--global', '--offline', '--prefix', prefix, path.join(tmp, tarball)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const notes = path.join(tmp, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'a.md'), '# A\n\n[gone](gone.md)\n');
    const command = path.join(prefix, 'bin', 'marginalia');
    const result = spawnSync(command, ['check', '.', '--no-cache'], { cwd: notes, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, 'a.md:3:8  error  link.file-not-found  File not found: gone.md\n1 error, 0 warnings, 0 info in 1 note\n');
    assert.match(spawnSync(command, ['--version'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
