// The vault's own settings: a `.marginalia.jsonc` file at the notes folder (or a folder above it, as
// with `.editorconfig`), holding the same settings as the editor's `marginalia.*`. The server in any
// editor, the CLI and the VS Code extension read the same file, so that CI checks what the editor shows.
// The file is JSON with comments and trailing commas; keys may be nested (`{"links": {"ignore": []}}`)
// or dotted as in VS Code's settings.json (`"marginalia.links.ignore": []`).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export const VAULT_CONFIG_FILE = '.marginalia.jsonc';

export interface VaultConfig {
  /** The file the settings came from. */
  file: string;
  /** The settings, nested as the editor's `marginalia` section is. */
  settings: Record<string, unknown>;
  /** What could not be read, each naming the file, line and column. */
  problems: string[];
}

/** The nearest config file at or above `folder`, read; undefined when there is none. */
export async function findVaultConfig(folder: string): Promise<VaultConfig | undefined> {
  for (let directory = path.resolve(folder); ; directory = path.dirname(directory)) {
    const file = path.join(directory, VAULT_CONFIG_FILE);
    const config = await readVaultConfig(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      return { file, settings: {}, problems: [`${file}: cannot be read: ${error.message}`] };
    });
    if (config) return config;
    if (path.dirname(directory) === directory) return undefined;
  }
}

/** Reads one config file; a missing file throws as `fs.readFile` does, a malformed one is reported. */
export async function readVaultConfig(file: string): Promise<VaultConfig> {
  const text = await fs.readFile(file, 'utf8');
  return { file, ...parseVaultConfig(text, file) };
}

export function parseVaultConfig(text: string, file: string): Omit<VaultConfig, 'file'> {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems = errors.map((error) => `${file}:${lineAndColumn(text, error.offset)}: ${describeParseError(error)}`);
  if (value === undefined || value === null) return { settings: {}, problems };
  if (!isRecord(value)) return { settings: {}, problems: [...problems, `${file}: must hold one object of settings`] };
  return { settings: nestedSettings(value), problems };
}

/**
 * `{"marginalia.links.ignore": x}` and `{"links.ignore": x}` become `{links: {ignore: x}}`. Only top-level keys are
 * split, as in VS Code's settings: keys inside a value (`"link.anchor"` in `links.severity`) are diagnostic codes.
 */
export function nestedSettings(raw: Record<string, unknown>): Record<string, unknown> {
  let settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const parts = key.replace(/^marginalia\./, '').split('.');
    const nested = parts.reduceRight<unknown>((inner, part) => ({ [part]: inner }), value);
    settings = layerSettings(settings, nested as Record<string, unknown>);
  }
  return settings;
}

/** Later layers win key by key; lists and values are replaced whole, objects merged. */
export function layerSettings(...layers: unknown[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isRecord(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      result[key] = isRecord(value) && isRecord(result[key]) ? layerSettings(result[key], value) : value;
    }
  }
  return result;
}

function describeParseError(error: ParseError): string {
  const words = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** A JSON object (not an array, not null): the shape every settings layer must have. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
