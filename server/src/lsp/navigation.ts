import { ENTITY_REFERENCES_REQUEST, HOVER_COMMANDS, type ParamsOf, type ResultOf } from '../../../common/protocol';
import { MarkupKind, SymbolKind, type DocumentSymbol, type LocationLink, type ServerCapabilities } from 'vscode-languageserver/node';
import { definitionsAt } from '../features/definition';
import { hoverAt } from '../features/hover';
import { referencesAt, referencesOf } from '../features/references';
import { documentOutline, workspaceSymbols, type OutlineSymbol } from '../features/symbols';
import type { ServerContext } from './context';

export function capabilities(): ServerCapabilities {
  return {
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
  };
}

/** Hover cards, go-to-definition, references and symbols. */
export function register(context: ServerContext): void {
  const { connection } = context;

  connection.onHover(async ({ textDocument, position }) => {
    const index = await context.ready(textDocument.uri);
    if (!index || !context.config().hover.enabled) return null;
    await index.revealNameAt(textDocument.uri, position);
    const referencesLink = context.hoverCommands().includes(HOVER_COMMANDS.showEntityReferences);
    const plaintext = prefersPlainText(context.clientCapabilities().textDocument?.hover?.contentFormat);
    const card = hoverAt(index, textDocument.uri, position, context.describeSite, { referencesLink, plaintext });
    const kind = plaintext ? MarkupKind.PlainText : MarkupKind.Markdown;
    return card ? { contents: { kind, value: card.markdown }, range: card.range } : null;
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    const index = await context.ready(textDocument.uri);
    await index?.revealNameAt(textDocument.uri, position);
    const found = index && definitionsAt(index, textDocument.uri, position);
    if (!found) return [];
    // With links, the editor underlines just the name it goes from, not the whole run of text around it.
    if (!context.clientCapabilities().textDocument?.definition?.linkSupport) return found.sites;
    return found.sites.map((site): LocationLink => ({
      originSelectionRange: found.origin,
      targetUri: site.uri,
      targetRange: site.range,
      targetSelectionRange: site.range,
    }));
  });

  connection.onReferences(async ({ textDocument, position, context: request }) => {
    const index = await context.ready(textDocument.uri);
    return index ? referencesAt(index, textDocument.uri, position, request.includeDeclaration) : [];
  });

  // What a card's mention count opens. It names the entity rather than a position: the note may have changed since.
  // Answered from the index as it is: while indexing, the card said the count is partial too.
  connection.onRequest(ENTITY_REFERENCES_REQUEST.method, ({ entityId }: ParamsOf<typeof ENTITY_REFERENCES_REQUEST>) => {
    const index = context.index();
    const entity = index?.entity(entityId);
    const locations: ResultOf<typeof ENTITY_REFERENCES_REQUEST> = index && entity ? referencesOf(index, entity, true) : [];
    return locations;
  });

  connection.onDocumentSymbol(async ({ textDocument }) => {
    const index = await context.ready(textDocument.uri);
    return index ? documentOutline(index, textDocument.uri).map(toDocumentSymbol) : [];
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    // Waiting for a whole vault to index can take a while; a client that gave up gets nothing.
    await context.indexed();
    if (token.isCancellationRequested) return [];
    const index = context.index();
    return (index ? workspaceSymbols(index, query) : []).map((symbol) => ({
      name: symbol.name,
      kind: symbol.kind === 'heading' ? SymbolKind.String : symbol.kind === 'paper' ? SymbolKind.File : SymbolKind.Module,
      containerName: symbol.kind === 'heading' ? context.describeSite(symbol.uri) : symbol.kind,
      location: { uri: symbol.uri, range: symbol.range },
    }));
  });
}

function toDocumentSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    kind: SymbolKind.String,
    range: symbol.range,
    selectionRange: symbol.range,
    children: symbol.children.map(toDocumentSymbol),
  };
}

/** Plain text for a client that lists it first, or does not list Markdown at all; Markdown for the rest. */
function prefersPlainText(formats: readonly string[] | undefined): boolean {
  if (!formats?.length) return false;
  return formats[0] === MarkupKind.PlainText || !formats.includes(MarkupKind.Markdown);
}
