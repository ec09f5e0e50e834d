// Marginalia: Open Sample Notes, offered by the walkthrough and by the empty Explorer: a way to try the
// extension without notes of one's own. The notes ship in the package (sample-notes/); they are copied
// into the extension's global storage, because the installed extension's folder may be read-only and
// edits must not change the package, and that copy is opened as the workspace folder. A copy made
// before is opened as it is, with the user's edits.
import * as vscode from 'vscode';
import { SAMPLE_NOTES_FOLDER } from './config';
import { describeError } from './format';
import { l10n } from './l10n';

export interface OpenSampleNotesOptions {
  /** false: make the copy and return where it is, without opening it (the window would reload). */
  openFolder?: boolean;
}

/** Copies the sample notes (once) and opens them; resolves with the copy's location. */
export async function openSampleNotes(
  context: vscode.ExtensionContext,
  options: OpenSampleNotesOptions = {},
): Promise<vscode.Uri | undefined> {
  const source = vscode.Uri.joinPath(context.extensionUri, SAMPLE_NOTES_FOLDER);
  const copy = vscode.Uri.joinPath(context.globalStorageUri, SAMPLE_NOTES_FOLDER);
  try {
    if (!(await exists(copy))) {
      await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      await vscode.workspace.fs.copy(source, copy, { overwrite: false });
    }
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Marginalia could not copy the sample notes: {0}', describeError(error)));
    return undefined;
  }
  if (options.openFolder === false) return copy;
  const open = vscode.workspace.workspaceFolders?.some((folder) => folder.uri.toString() === copy.toString());
  if (open) await vscode.window.showTextDocument(vscode.Uri.joinPath(copy, 'README.md'));
  else await vscode.commands.executeCommand('vscode.openFolder', copy, { forceNewWindow: false });
  return copy;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
