// VS Code's own Markdown support (the built-in `vscode.markdown-language-features` extension) already gives a
// note its outline and breadcrumbs, its folding and its clickable local links, and lists headings in Ctrl+T.
// The server offers the same to editors that lack them; in VS Code, asking it too would show every heading
// twice. So where the built-in support is there, the client does not ask the server for those, and keeps
// only the entities among its workspace symbols. Completion is the server's: it offers what the built-in
// path suggestions do and adds wiki links and entity names, so package.json turns
// `markdown.suggest.paths.enabled` off by default (a user who turns it on sees both lists). Free of the
// `vscode` module, so unit tests check it.
import type { Middleware } from 'vscode-languageclient/node';

/** The id of VS Code's built-in Markdown support; `vscode.extensions.getExtension` finds it only while it is enabled. */
export const BUILT_IN_MARKDOWN = 'vscode.markdown-language-features';

/** The part of a workspace symbol that says what it is: the server gives headings one kind, entities others. */
interface Kinded {
  kind: number;
}

type BuiltInCovered = Pick<
  Middleware,
  'provideDocumentSymbols' | 'provideFoldingRanges' | 'provideDocumentLinks' | 'provideWorkspaceSymbols'
>;

/**
 * The middleware that leaves to VS Code what it already shows, or none where its Markdown support is off.
 * `headingKind` is the symbol kind the server's headings arrive with (`vscode.SymbolKind.String`).
 */
export function builtInMarkdownMiddleware(builtInPresent: boolean, headingKind: number): BuiltInCovered {
  if (!builtInPresent) return {};
  return {
    provideDocumentSymbols: () => [],
    provideFoldingRanges: () => [],
    provideDocumentLinks: () => [],
    provideWorkspaceSymbols: async (query, token, next) => withoutHeadings(await next(query, token), headingKind),
  };
}

/** The symbols that are not headings: the projects and papers only the server knows. */
export function withoutHeadings<T extends Kinded>(symbols: T[] | null | undefined, headingKind: number): T[] | null | undefined {
  return symbols ? symbols.filter((symbol) => symbol.kind !== headingKind) : symbols;
}
