// Snippet runs in the editor, as one hook for extension.ts: register with the running language
// client on activation, stop everything on deactivation.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SnippetRunController } from './controller';

let controller: SnippetRunController | undefined;

/** Registers the snippet commands and the lens hook; dispose (or deactivate) ends every run. */
export function registerSnippetRuns(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
  controller = new SnippetRunController(context, client);
  return controller;
}

/** For deactivate(): waits until every run's process tree is gone. */
export async function stopAllSnippetRuns(): Promise<void> {
  await controller?.stopAll();
}
