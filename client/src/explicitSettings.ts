// The server layers the editor's `marginalia.*` settings over the vault's `.marginalia.jsonc`. VS Code
// answers a settings request with every setting, defaults included, which would hide the file behind
// them; this middleware answers with the settings the user set, and adds VS Code's `files.exclude`.
import * as vscode from 'vscode';
import type { ConfigurationParams, ConfigurationRequest } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from './config';

/** Keys of the contributed settings, without the section: `links.external.allowList`. */
export function settingKeys(manifest: { contributes?: { configuration?: { properties?: Record<string, unknown> } } }): string[] {
  const prefix = `${SETTINGS_SECTION}.`;
  return Object.keys(manifest.contributes?.configuration?.properties ?? {})
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

export function explicitSettingsMiddleware(keys: readonly string[]): ConfigurationRequest.MiddlewareSignature {
  return async (params: ConfigurationParams, token, next) => {
    const answers = await next(params, token);
    if (!Array.isArray(answers)) return answers;
    return params.items.map((item, index) => (item.section === SETTINGS_SECTION ? explicitSettings(keys, item.scopeUri) : answers[index]));
  };
}

function explicitSettings(keys: readonly string[], scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const settings: Record<string, unknown> = {};
  for (const key of keys) {
    const set = config.inspect(key);
    const explicit = set?.workspaceFolderValue !== undefined || set?.workspaceValue !== undefined || set?.globalValue !== undefined;
    // `get` and not the inspected value: it is what VS Code lets apply (a restricted setting in an untrusted folder is not).
    if (explicit) setNested(settings, key.split('.'), config.get(key));
  }
  const excluded = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude') ?? {};
  settings.filesExclude = Object.keys(excluded).filter((pattern) => excluded[pattern] === true);
  return settings;
}

function setNested(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
