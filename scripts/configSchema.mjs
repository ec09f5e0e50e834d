// Writes schemas/marginalia.schema.json, the JSON schema of the vault's `.marginalia.jsonc`, from the
// settings package.json contributes: one list of settings, so the file and the editor cannot drift.
// VS Code validates and completes the file with it (contributes.jsonValidation). The build runs this.
// package.json writes its descriptions as `%key%`, translated by package.nls.json (English) and
// package.nls.<language>.json; the schema carries the English text.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** package.json's English texts: the `%key%` references resolved from package.nls.json. */
export function readManifest(dir = new URL('..', import.meta.url)) {
  const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
  const nlsFile = new URL('package.nls.json', dir);
  return existsSync(nlsFile) ? localize(manifest, JSON.parse(readFileSync(nlsFile, 'utf8'))) : manifest;
}

/** A copy of value with every string that is exactly `%key%` replaced by messages[key]; a missing key throws. */
export function localize(value, messages) {
  if (typeof value === 'string') {
    const key = /^%([\w.-]+)%$/.exec(value)?.[1];
    if (key === undefined) return value;
    if (typeof messages[key] !== 'string') throw new Error(`package.json names %${key}%, which package.nls.json does not define`);
    return messages[key];
  }
  if (Array.isArray(value)) return value.map((item) => localize(item, messages));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v, messages)]));
  return value;
}

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
  const manifest = readManifest();
  writeFileSync(SCHEMA_FILE, `${JSON.stringify(configSchema(manifest), null, 2)}\n`);
}
