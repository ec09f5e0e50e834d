// The language client: starts dist/server.js over IPC, restarts it after a crash (and says so), and
// feeds the server's status into the status bar.
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { isServerStatus, STATUS_NOTIFICATION, STATUS_REQUEST } from '../../common/protocol';
import { BUILT_IN_MARKDOWN, builtInMarkdownMiddleware } from './builtInMarkdown';
import { COMMANDS, DOCUMENT_SELECTOR, initializationOptions, SETTINGS_SECTION } from './config';
import { trustHoverCommands } from './entityReferences';
import { explicitSettingsMiddleware, settingKeys } from './explicitSettings';
import { willRenameFiles } from './fileMoves';
import { describeError } from './format';
import { CrashRestartPolicy } from './restartPolicy';
import { l10n } from './l10n';
import type { StatusBar } from './statusBar';

export interface ServerClient {
  client: LanguageClient;
  crashPolicy: CrashRestartPolicy;
}

export function createServerClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, statusBar: StatusBar): ServerClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const crashPolicy = new CrashRestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // a function, so that a restart after the user trusts the folder tells the server
    initializationOptions: () => initializationOptions(vscode.workspace, context),
    errorHandler: crashHandler(crashPolicy, statusBar),
    middleware: {
      provideHover: trustHoverCommands,
      ...builtInMarkdownMiddleware(vscode.extensions.getExtension(BUILT_IN_MARKDOWN) !== undefined, vscode.SymbolKind.String),
      workspace: { configuration: explicitSettingsMiddleware(settingKeys(context.extension.packageJSON)), willRenameFiles },
    },
  };
  const client = new LanguageClient('marginalia', 'Marginalia', serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION.method, (status: unknown) => {
    if (isServerStatus(status)) statusBar.applyServerStatus(status);
  });
  context.subscriptions.push(notifySettingChanges(client));
  client.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) statusBar.setPhase(statusBar.phase === 'restarting' ? 'restarting' : 'starting');
    else if (newState === State.Running) statusBar.setPhase('indexing');
    else if (newState === State.StartFailed || (newState === State.Stopped && statusBar.phase !== 'restarting'))
      statusBar.setPhase('stopped');
  });
  return { client, crashPolicy };
}

/**
 * The server reads its settings itself (workspace/configuration) and only needs to hear that they changed.
 * The client library's own synchronisation would also push them once right after start, which made the
 * server throw away its first indexing and start over.
 */
function notifySettingChanges(client: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION) && client.isRunning()) {
      void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }
  });
}

/** Starts the server; a failure becomes a message, not an exception. Indexing goes on in the background. */
export async function startServer(client: LanguageClient, statusBar: StatusBar): Promise<void> {
  try {
    await client.start();
  } catch (error) {
    statusBar.setPhase('stopped');
    void showProblem(l10n.t('Marginalia could not start its language server: {0}', describeError(error)), { stillDown: true });
    return;
  }
  void refreshStatus(client, statusBar);
}

/** Asks the server for its status; the answer arrives once indexing is done. */
export async function refreshStatus(client: LanguageClient, statusBar: StatusBar): Promise<void> {
  const status = await client.sendRequest(STATUS_REQUEST.method).catch(() => undefined);
  if (isServerStatus(status) && status.state !== 'starting') statusBar.applyServerStatus(status);
}

function crashHandler(policy: CrashRestartPolicy, statusBar: StatusBar): ErrorHandler {
  return {
    // Over IPC a message fails only when the channel to a dying server is closing, and the close
    // handler below decides about restarts. Shutting down here instead stopped the client while it was
    // about to restart a server killed with messages in flight, leaving no server at all.
    error: (error) => ({
      action: ErrorAction.Continue,
      message: l10n.t('A message to the Marginalia language server failed: {0}', describeError(error)),
      handled: true,
    }),
    closed: () => {
      const decision = policy.onCrash();
      statusBar.setPhase(decision.restart ? 'restarting' : 'stopped');
      void showProblem(decision.message, { stillDown: !decision.restart });
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, message: decision.message, handled: true };
    },
  };
}

/** Tells the user what happened to the server, with the way to its log and, if it stays down, a restart. */
async function showProblem(message: string, options: { stillDown: boolean }): Promise<void> {
  const showLog = l10n.t('Show Log');
  const actions = options.stillDown ? [showLog, l10n.t('Restart Server')] : [showLog];
  const show = options.stillDown ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const choice = await show(message, ...actions);
  if (choice === showLog) void vscode.commands.executeCommand(COMMANDS.showLog);
  else if (choice === 'Restart Server') void vscode.commands.executeCommand(COMMANDS.restartServer);
}
