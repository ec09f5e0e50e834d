// Names the client shares with package.json: the settings section, the palette's command ids and
// the documents the server serves. What it shares with the server is in common/protocol.ts.
import type * as vscode from 'vscode';
import { HOVER_COMMANDS, type ClientInitializationOptions } from '../../common/protocol';

/** The settings section: package.json's contributes.configuration keys start with it. */
export const SETTINGS_SECTION = 'marginalia';

/** Commands the palette shows (package.json's contributes.commands). */
export const COMMANDS = {
  showEntities: 'marginalia.showEntities',
  checkExternalLinks: 'marginalia.checkLinks',
  restartServer: 'marginalia.restartServer',
  showLog: 'marginalia.showLog',
  refreshEntitiesView: 'marginalia.refreshEntitiesView',
  showEntityGraph: 'marginalia.showEntityGraph',
  openSampleNotes: 'marginalia.openSampleNotes',
} as const;

/** The packaged notes that Marginalia: Open Sample Notes copies and opens (a folder of the extension). */
export const SAMPLE_NOTES_FOLDER = 'sample-notes';

export const DOCUMENT_SELECTOR: Array<{ scheme: string; language: string }> = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

/** The commands a hover card's links may run: told to the server at start, and the only ones enabled in its hovers. */
export const ENABLED_HOVER_COMMANDS: string[] = [HOVER_COMMANDS.showEntityReferences];

/** What the server learns at start; read again on each (re)start, so a trust change takes effect on restart. */
export function initializationOptions(workspace: typeof vscode.workspace, context: vscode.ExtensionContext): ClientInitializationOptions {
  return {
    trusted: workspace.isTrusted,
    storagePath: context.globalStorageUri.fsPath,
    hoverCommands: ENABLED_HOVER_COMMANDS,
    // The status bar shows the counts, and the run controller runs the lenses' snippets.
    statusNotifications: true,
    runSnippets: true,
  };
}
