// `Marginalia: Check External Links`: asks the server to check every http(s) link in the notes. The
// server offers this as the LSP command `marginalia.checkExternalLinks`; a server without it gets a
// clear message rather than "command not found".
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { SERVER_COMMANDS } from '../../common/protocol';
import { describeError, linkCheckSummary } from './format';
import { l10n } from './l10n';

/** Resolves with the summary it showed, or undefined when it could not check. */
export async function checkExternalLinks(client: LanguageClient): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      l10n.t(
        'Marginalia checks external links only in trusted workspaces: the notes of an untrusted folder must not choose where this machine sends requests.',
      ),
    );
    return undefined;
  }
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage(l10n.t('The Marginalia language server is not running. Run "Marginalia: Restart Server" first.'));
    return undefined;
  }
  const offered = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (!offered.includes(SERVER_COMMANDS.checkExternalLinks)) {
    void vscode.window.showInformationMessage(
      l10n.t('This Marginalia server cannot check external links (it does not offer marginalia.checkExternalLinks).'),
    );
    return undefined;
  }
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Marginalia: checking external links'), cancellable: true },
      (progress, token) => runServerCheck(client, progress, token),
    );
    if (result === cancelled) return undefined;
    const summary = linkCheckSummary(result);
    void vscode.window.showInformationMessage(l10n.t('Marginalia: {0}', summary));
    return summary;
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Marginalia could not check external links: {0}', describeError(error)));
    return undefined;
  }
}

const cancelled = Symbol('cancelled');

/** Sends the command with a work-done token, so the server's progress reports land in our notification. */
async function runServerCheck(
  client: LanguageClient,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<unknown> {
  const workDoneToken = randomUUID();
  let reported = 0;
  const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind === 'end') return;
    const percentage = (value as WorkDoneProgressReport).percentage;
    const increment = percentage !== undefined ? Math.max(0, percentage - reported) : undefined;
    if (percentage !== undefined) reported = percentage;
    progress.report({ message: value.message, increment });
  });
  try {
    return await client.sendRequest(
      ExecuteCommandRequest.type,
      { command: SERVER_COMMANDS.checkExternalLinks, arguments: [], workDoneToken },
      token,
    );
  } catch (error) {
    if (token.isCancellationRequested) return cancelled;
    throw error;
  } finally {
    listener.dispose();
  }
}
