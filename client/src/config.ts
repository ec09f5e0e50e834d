// Names the client shares with package.json and the server: the settings section, command ids
// and the documents the server serves.
import type * as vscode from 'vscode';

/** The settings section: package.json's contributes.configuration keys start with it. */
export const SETTINGS_SECTION = 'marginalia';

/** Commands the palette shows (package.json's contributes.commands). */
export const COMMANDS = {
  showEntities: 'marginalia.showEntities',
  checkExternalLinks: 'marginalia.checkLinks',
  restartServer: 'marginalia.restartServer',
  showLog: 'marginalia.showLog',
} as const;

/**
 * Commands the server offers through workspace/executeCommand. The language client registers a VS Code
 * command under each such id itself, so the palette command that calls one needs an id of its own.
 */
export const SERVER_COMMANDS = {
  checkExternalLinks: 'marginalia.checkExternalLinks',
} as const;

export const DOCUMENT_SELECTOR: Array<{ scheme: string; language: string }> = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

/** What the server learns at start; read again on each (re)start, so a trust change takes effect on restart. */
export function initializationOptions(workspace: typeof vscode.workspace, context: vscode.ExtensionContext): { trusted: boolean; storagePath: string } {
  return { trusted: workspace.isTrusted, storagePath: context.globalStorageUri.fsPath };
}
