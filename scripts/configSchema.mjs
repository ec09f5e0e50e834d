// Writes schemas/marginalia.schema.json, the JSON schema of the vault's `.marginalia.jsonc`, from the
// settings package.json contributes: one list of settings, so the file and the editor cannot drift.
// VS Code validates and completes the file with it (contributes.jsonValidation). The build runs this.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SECTION = 'marginalia.';
/** What a setting's schema keeps: what validates and documents a value, not where VS Code shows it. */
const KEPT = [
  'type',
  'items',
  'enum',
  'enumDescriptions',
  'default',
  'description',
  'markdownDescription',
  'minimum',
  'maximum',
  'properties',
  'additionalProperties',
  'propertyNames',
  'uniqueItems',
];

export function configSchema(manifest) {
  const settings = Object.entries(manifest.contributes.configuration.properties).filter(([key]) => key.startsWith(SECTION));
  const root = { type: 'object', properties: { $schema: { type: 'string' } }, additionalProperties: false };
  for (const [key, setting] of settings) {
    const schema = Object.fromEntries(KEPT.filter((name) => name in setting).map((name) => [name, setting[name]]));
    const path = key.slice(SECTION.length);
    // VS Code's settings.json spelling, with or without the section, is accepted too.
    root.properties[path] = schema;
    root.properties[key] = schema;
    nest(root, path.split('.'), schema);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Marginalia vault settings (.marginalia.jsonc)',
    description: 'The settings of a notes folder: the same as the marginalia.* editor settings, which override them.',
    ...root,
  };
}

function nest(root, parts, schema) {
  let node = root;
  for (const part of parts.slice(0, -1)) {
    node.properties[part] ??= { type: 'object', properties: {}, additionalProperties: false };
    node = node.properties[part];
  }
  node.properties[parts[parts.length - 1]] = schema;
}

export const SCHEMA_FILE = fileURLToPath(new URL('../schemas/marginalia.schema.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  writeFileSync(SCHEMA_FILE, `${JSON.stringify(configSchema(manifest), null, 2)}\n`);
}
