import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findVaultConfig, layerSettings, parseVaultConfig, VAULT_CONFIG_FILE } from '../../../server/src/workspace/vaultConfig';

describe('the vault config file', () => {
  it('reads JSON with comments and trailing commas', () => {
    const text = `{
      // dead links into the archive are expected
      "links": { "ignore": ["archive/**"], },
    }`;
    assert.deepEqual(parseVaultConfig(text, 'f'), { settings: { links: { ignore: ['archive/**'] } }, problems: [] });
  });

  it('takes keys dotted as in VS Code settings, with or without the marginalia prefix', () => {
    const text = '{ "marginalia.links.severity": { "link.anchor": "warning" }, "links.ignore": ["x"], "hover.enabled": false }';
    assert.deepEqual(parseVaultConfig(text, 'f').settings, {
      links: { severity: { 'link.anchor': 'warning' }, ignore: ['x'] },
      hover: { enabled: false },
    });
  });

  it('names the line and column of a syntax error and keeps what it could read', () => {
    const { settings, problems } = parseVaultConfig('{\n  "exclude": ["a/**"]\n  "hover": {}\n}', '/v/.marginalia.jsonc');
    assert.deepEqual(settings.exclude, ['a/**']);
    assert.deepEqual(problems, ['/v/.marginalia.jsonc:3:3: Comma expected']);
  });

  it('refuses a file that is not an object of settings', () => {
    assert.deepEqual(parseVaultConfig('["links"]', 'f').problems, ['f: must hold one object of settings']);
  });

  it('layers settings key by key, the later layer winning, lists replaced whole', () => {
    const file = { links: { ignore: ['a'], severity: { 'link.anchor': 'off' } }, exclude: ['x/**'] };
    const editor = { links: { ignore: ['b'] } };
    assert.deepEqual(layerSettings(file, editor), { links: { ignore: ['b'], severity: { 'link.anchor': 'off' } }, exclude: ['x/**'] });
  });

  describe('on disk', () => {
    let root: string;
    beforeEach(() => (root = mkdtempSync(path.join(os.tmpdir(), 'vault-config-'))));
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('is found in the notes folder or the nearest folder above it', async () => {
      mkdirSync(path.join(root, 'docs', 'notes'), { recursive: true });
      writeFileSync(path.join(root, VAULT_CONFIG_FILE), '{ "exclude": ["drafts/**"] }');
      const found = await findVaultConfig(path.join(root, 'docs', 'notes'));
      assert.equal(found?.file, path.join(root, VAULT_CONFIG_FILE));
      assert.deepEqual(found?.settings, { exclude: ['drafts/**'] });
    });

    it('is absent when no folder up to the root holds one', async () => {
      // The temporary folder's ancestors hold none on a clean machine.
      assert.equal(await findVaultConfig(root), undefined);
    });
  });
});
