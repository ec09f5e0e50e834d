import { FoldingRangeKind, type FoldingRange, type ServerCapabilities } from 'vscode-languageserver/node';
import { foldsOf } from '../features/structure/folding';
import type { ServerContext } from './context';

export function capabilities(): ServerCapabilities {
  return { foldingRangeProvider: true };
}

/** Heading sections, code blocks, list items, tables and block quotes fold. */
export function register(context: ServerContext): void {
  context.connection.onFoldingRanges(async ({ textDocument }): Promise<FoldingRange[]> => {
    const index = await context.ready(textDocument.uri);
    if (!index?.has(textDocument.uri)) return [];
    // Headings are regions: "Fold All Regions" then folds a note down to its outline.
    return foldsOf(index, textDocument.uri).map(({ startLine, endLine, kind }) => ({
      startLine,
      endLine,
      ...(kind === 'heading' ? { kind: FoldingRangeKind.Region } : {}),
    }));
  });
}
