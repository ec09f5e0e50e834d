// The `marginalia.snippets.*` settings that shape a run. shell, env and cwd are restricted
// configurations (package.json): a folder someone else wrote cannot pick them for you.
import * as vscode from 'vscode';

export interface SnippetSettings {
  /** Undefined: the block's own (bash, or zsh for zsh blocks). */
  shell?: string;
  /** Added to the editor's environment. */
  env: Record<string, string>;
  /** Where blocks without `cwd=` run. */
  defaultCwd: 'scratch' | 'note';
  /** Limit for blocks without `timeout=`; 0 for none. */
  timeoutMs: number;
  maxOutputBytes: number;
  /** Ask before the first run of a block with lines that act as root, install packages and the like. */
  confirmRisky: boolean;
}

const DEFAULT_TIMEOUT_SECONDS = 60;
const DEFAULT_MAX_OUTPUT_MB = 4;

/** Reads the settings that apply to a note; a wrong value falls back to its default. */
export function readSnippetSettings(scope: vscode.Uri | undefined): SnippetSettings {
  const config = vscode.workspace.getConfiguration('marginalia.snippets', scope);
  const shell = config.get<unknown>('shell');
  const timeout = config.get<unknown>('timeoutSeconds');
  const maxOutput = config.get<unknown>('maxOutputMB');
  return {
    shell: typeof shell === 'string' && shell.trim() !== '' ? shell.trim() : undefined,
    env: stringRecord(config.get<unknown>('env')),
    defaultCwd: config.get<unknown>('cwd') === 'note' ? 'note' : 'scratch',
    timeoutMs: (typeof timeout === 'number' && Number.isFinite(timeout) && timeout >= 0 ? timeout : DEFAULT_TIMEOUT_SECONDS) * 1000,
    confirmRisky: userChoice(config, 'confirmRisky', true),
    maxOutputBytes: Math.round(
      (typeof maxOutput === 'number' && Number.isFinite(maxOutput) && maxOutput > 0 ? maxOutput : DEFAULT_MAX_OUTPUT_MB) * 1024 * 1024,
    ),
  };
}

/**
 * A setting read from the user's own settings only: a folder's `.vscode/settings.json` must not be
 * able to turn off a question meant to protect the user from that folder's notes.
 */
function userChoice(config: vscode.WorkspaceConfiguration, key: string, fallback: boolean): boolean {
  const value = config.inspect<unknown>(key)?.globalValue;
  return typeof value === 'boolean' ? value : fallback;
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The environment a snippet sees: the editor's, with the configured variables on top. */
export function snippetEnvironment(settings: SnippetSettings): NodeJS.ProcessEnv {
  return { ...process.env, ...settings.env };
}
