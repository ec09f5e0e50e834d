// The palette commands (package.json's contributes.commands) and what each one does.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from './config';
import type { EntityPicker } from './entityPicker';
import { checkExternalLinks } from './externalLinks';
import { describeError } from './format';
import { l10n } from './l10n';
import { refreshStatus } from './languageClient';
import type { CrashRestartPolicy } from './restartPolicy';
import type { StatusBar } from './statusBar';

export interface CommandDeps {
  client: LanguageClient;
  crashPolicy: CrashRestartPolicy;
  statusBar: StatusBar;
  picker: EntityPicker;
  output: vscode.LogOutputChannel;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.showEntities, () => showEntities(deps)),
    vscode.commands.registerCommand(COMMANDS.checkExternalLinks, () => checkExternalLinks(deps.client)),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restartServer(deps)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => deps.output.show(true)),
  );
}

async function showEntities({ client, picker }: CommandDeps): Promise<void> {
  if (!client.isRunning()) {
    const choice = await vscode.window.showWarningMessage(
      l10n.t('The Marginalia language server is not running, so it cannot list entities.'),
      l10n.t('Restart Server'),
    );
    if (choice) await vscode.commands.executeCommand(COMMANDS.restartServer);
    return;
  }
  await picker.show();
}

/** Restarts the server; resolves once it is running again (indexing continues in the background). */
export async function restartServer({ client, crashPolicy, statusBar, output }: CommandDeps): Promise<void> {
  crashPolicy.reset();
  statusBar.setPhase('starting');
  output.info('restarting the language server on request');
  try {
    // a client that gave up after crashes cannot be stopped again, only started
    if (client.needsStop()) await client.restart();
    else await client.start();
  } catch (error) {
    statusBar.setPhase('stopped');
    void vscode.window
      .showErrorMessage(l10n.t('Marginalia could not restart its language server: {0}', describeError(error)), l10n.t('Show Log'))
      .then((choice) => {
        if (choice) output.show(true);
      });
    return;
  }
  vscode.window.setStatusBarMessage(`$(check) ${l10n.t('Marginalia: language server restarted')}`, 3000);
  void refreshStatus(client, statusBar);
}
