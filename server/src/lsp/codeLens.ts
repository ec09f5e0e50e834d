import { CodeLensRefreshRequest, type CodeLens, type ServerCapabilities } from 'vscode-languageserver/node';
import { snippetLenses, type SnippetLens } from '../features/codeLens';
import type { ServerContext } from './context';

export function capabilities(): ServerCapabilities {
  return { codeLensProvider: { resolveProvider: false } };
}

/** ▶ Run lenses over runnable snippets. None in an untrusted workspace: there, nothing may run. */
export function register(context: ServerContext): void {
  const { connection } = context;

  connection.onCodeLens(async ({ textDocument }) => {
    if (!context.trusted() || !context.clientRunsSnippets() || !context.config().snippets.codeLens) return [];
    const index = await context.ready(textDocument.uri);
    const blocks = index?.facts(textDocument.uri)?.codeBlocks ?? [];
    return snippetLenses(textDocument.uri, blocks).map(toCodeLens);
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
