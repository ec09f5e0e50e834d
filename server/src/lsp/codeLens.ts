import { CodeLensRefreshRequest, type CodeLens, type ServerCapabilities } from 'vscode-languageserver/node';
import { serverRunLenses, snippetLenses, type SnippetLens } from '../features/codeLens';
import type { ServerContext } from './context';
import { noteRunnables } from './runnables';

export function capabilities(): ServerCapabilities {
  return { codeLensProvider: { resolveProvider: false } };
}

/**
 * ▶ Run lenses over runnable snippets: the client's own commands for a client that runs snippets, the
 * server's command for one that asked the server to. None in an untrusted workspace: there, nothing may run.
 */
export function register(context: ServerContext): void {
  const { connection } = context;

  connection.onCodeLens(async ({ textDocument }) => {
    const { uri } = textDocument;
    if (!context.config().snippets.codeLens) return [];
    // A client with a runner of its own keeps its lenses even if it also asked the server to run them.
    if (context.trusted() && context.clientRunsSnippets()) {
      const index = await context.ready(uri);
      return snippetLenses(uri, index?.facts(uri)?.codeBlocks ?? []).map(toCodeLens);
    }
    if (!context.serverRunsSnippets()) return [];
    return serverRunLenses(uri, (await noteRunnables(context, uri)) ?? []).map(toCodeLens);
  });

  // The editor asks again on every edit, but not when the setting that hides lenses is switched;
  // a settings change re-indexes, so that is when to tell it.
  let shown = context.config().snippets.codeLens;
  context.onIndexChanged(() => {
    const now = context.config().snippets.codeLens;
    if (now === shown) return;
    shown = now;
    connection.sendRequest(CodeLensRefreshRequest.type).catch(() => {
      // A client without refresh support picks the change up on the next edit.
    });
  });
}

function toCodeLens(lens: SnippetLens): CodeLens {
  return { range: lens.range, command: { title: lens.title, command: lens.command, tooltip: lens.tooltip, arguments: lens.arguments } };
}
