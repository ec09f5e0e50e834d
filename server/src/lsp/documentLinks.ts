import type { DocumentLink, ServerCapabilities } from 'vscode-languageserver/node';
import { noteLinks } from '../features/structure/documentLinks';
import type { ServerContext } from './context';

export function capabilities(): ServerCapabilities {
  return { documentLinkProvider: { resolveProvider: false } };
}

/** Local links made clickable: to the file, and to the line of the heading an anchor names. */
export function register(context: ServerContext): void {
  context.connection.onDocumentLinks(async ({ textDocument }): Promise<DocumentLink[]> => {
    const index = await context.ready(textDocument.uri);
    if (!index?.has(textDocument.uri)) return [];
    await index.linkGraph.prepare([textDocument.uri]);
    return noteLinks(index, textDocument.uri).map((link) => ({
      range: link.range,
      target: link.target,
      ...(link.heading ? { tooltip: `Open at ${link.heading}` } : {}),
    }));
  });
}
