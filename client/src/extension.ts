// Entry point of the VS Code extension: wires the language client, status bar and commands together.
// Each part lives in its own module; features that need the running client hook in below.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createApi, type MarginaliaApi } from './api';
import { registerCommands } from './commands';
import { COMMANDS } from './config';
import { EntitiesView } from './entitiesView';
import { EntityGraph } from './entityGraph';
import { EntityPicker } from './entityPicker';
import { registerEntityReferences } from './entityReferences';
import { EntityUnderline } from './entityUnderline';
import { useTranslator } from './l10n';
import { createServerClient, startServer } from './languageClient';
import { registerSnippetRuns, stopAllSnippetRuns } from './runs';
import { openSampleNotes, type OpenSampleNotesOptions } from './sampleNotes';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MarginaliaApi> {
  // Messages in the editor's language, from l10n/bundle.l10n.<language>.json.
  useTranslator(vscode.l10n.t);
  const output = vscode.window.createOutputChannel('Marginalia', { log: true });
  const statusBar = new StatusBar();
  const server = createServerClient(context, output, statusBar);
  client = server.client;
  const picker = new EntityPicker(server.client);
  const commandDeps = { ...server, statusBar, picker, output };
  context.subscriptions.push(output, statusBar, registerCommands(commandDeps), restartWhenTrusted(server.client));
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openSampleNotes, (options?: OpenSampleNotesOptions) => openSampleNotes(context, options)),
  );
  // Features that talk to the server register here, with `context` and `server.client`.
  const underline = new EntityUnderline(server.client);
  const entitiesView = new EntitiesView(server.client);
  const entityGraph = new EntityGraph(server.client);
  context.subscriptions.push(
    registerSnippetRuns(context, server.client),
    registerEntityReferences(server.client),
    underline,
    entitiesView,
    entityGraph,
  );

  await startServer(server.client, statusBar);
  return createApi(server.client, statusBar, picker, underline, entitiesView, entityGraph);
}

export async function deactivate(): Promise<void> {
  // Snippets run in their own process groups, which outlive the extension host unless stopped.
  await stopAllSnippetRuns();
  await client?.stop();
  client = undefined;
}

/** The server learns about trust when it starts, so granting trust restarts it. */
function restartWhenTrusted(languageClient: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (languageClient.isRunning()) void vscode.commands.executeCommand(COMMANDS.restartServer);
  });
}
