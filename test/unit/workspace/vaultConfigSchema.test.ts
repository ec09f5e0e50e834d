import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VAULT_CONFIG_FILE } from '../../../server/src/workspace/vaultConfig';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/marginalia.schema.json'), 'utf8'));

describe('the schema of the vault config file', () => {
  it('is what the build makes from package.json: the file and the editor settings cannot drift', async () => {
    const { configSchema, readManifest } = await import(path.join(ROOT, 'scripts/configSchema.mjs'));
    assert.deepEqual(schema, configSchema(readManifest()));
  });

  it("carries the settings' English descriptions, not package.json's %key% references to its nls files", () => {
    const english = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
    assert.doesNotMatch(JSON.stringify(schema), /"%[\w.-]+%"/);
    assert.equal(manifest.contributes.configuration.properties['marginalia.include'].description, '%marginalia.include.description%');
    assert.equal(schema.properties.include.description, english['marginalia.include.description']);
    assert.equal(schema.properties.links.properties.anchors.enumDescriptions.length, 2);
  });

  it('is registered with VS Code for the config file', () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: VAULT_CONFIG_FILE, url: './schemas/marginalia.schema.json' }]);
  });

  it('accepts each setting nested, dotted, and dotted with the section', () => {
    assert.equal(schema.properties.links.properties.severity.type, 'object');
    assert.equal(schema.properties['links.severity'].type, 'object');
    assert.equal(schema.properties['marginalia.links.severity'].type, 'object');
    assert.equal(schema.properties.links.properties.external.properties.allowList.type, 'array');
    assert.equal(schema.additionalProperties, false);
  });
});
