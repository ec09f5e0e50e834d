// VS Code's side of marginalia.links.updateOnFileMove. The server answers a rename or move (willRenameFiles,
// which the language client forwards) with the edits that keep links right; with "ask", the user says
// whether they apply, as VS Code's own Markdown support asks. "never" never gets here: the server answers none.
import * as vscode from 'vscode';
import type { FileOperationsMiddleware } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from './config';
import { fileMoveQuestion } from './fileMoveQuestion';
import { l10n } from './l10n';

const SETTING = 'links.updateOnFileMove';

// Made when asked, so that they are in the editor's language.
const answers = () => ({
  UPDATE: { title: l10n.t('Update Links') } as vscode.MessageItem,
  SKIP: { title: l10n.t("Don't Update"), isCloseAffordance: true } as vscode.MessageItem,
  ALWAYS: { title: l10n.t('Always Update') } as vscode.MessageItem,
  NEVER: { title: l10n.t('Never Update') } as vscode.MessageItem,
});

export const willRenameFiles: FileOperationsMiddleware['willRenameFiles'] = async (event, next) => {
  const edit = await next(event);
  if (!edit || edit.size === 0) return edit;
  if (vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(SETTING, 'ask') !== 'ask') return edit;
  const entries = edit.entries();
  const links = entries.reduce((sum, [, edits]) => sum + edits.length, 0);
  const moved = event.files.map(({ oldUri }) => vscode.workspace.asRelativePath(oldUri));
  const question = fileMoveQuestion(links, entries.length, moved);
  const { UPDATE, SKIP, ALWAYS, NEVER } = answers();
  const choice = await vscode.window.showInformationMessage(
    question.message,
    { modal: true, detail: question.detail },
    UPDATE,
    SKIP,
    ALWAYS,
    NEVER,
  );
  if (choice === ALWAYS || choice === NEVER) {
    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update(SETTING, choice === ALWAYS ? 'always' : 'never', vscode.ConfigurationTarget.Global);
  }
  return choice === UPDATE || choice === ALWAYS ? edit : undefined;
};
