import type { ClientCapabilities, SemanticTokens, ServerCapabilities } from 'vscode-languageserver/node';
import { SEMANTIC_TOKENS_LEGEND } from '../../../common/protocol';
import { encodeMarkedNames } from '../../../common/semanticTokens';
import { markedNamesIn } from '../features/markedNames';
import type { Range } from '../parse/facts';
import type { ServerContext } from './context';

/** How long index changes settle before the client is asked to fetch the marks again. */
const REFRESH_SETTLE_MS = 300;

/**
 * A client that can ask for a range (VS Code asks for what it shows) gets ranges only, so a huge note is
 * never marked whole; a client that cannot gets the whole note, up to `MARKED_NAMES_LIMIT` names.
 */
export function capabilities(client: ClientCapabilities): ServerCapabilities {
  const ranges = Boolean(client.textDocument?.semanticTokens?.requests?.range);
  return { semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, range: true, full: !ranges } };
}

/** Marks the names that have cards, as `marginaliaEntity` semantic tokens. */
export function register(context: ServerContext): void {
  const { connection } = context;

  const marks = async (uri: string, range?: Range): Promise<SemanticTokens> => {
    const index = await context.ready(uri);
    if (!index || !context.config().entities.semanticTokens) return { data: [] };
    return { data: encodeMarkedNames(markedNamesIn(index, uri, range)) };
  };
  connection.languages.semanticTokens.onRange(({ textDocument, range }) => marks(textDocument.uri, range));
  connection.languages.semanticTokens.on(({ textDocument }) => marks(textDocument.uri));

  // A name defined or removed in one note marks or unmarks it in every other, which the editor would
  // not ask about again until they are edited.
  let timer: NodeJS.Timeout | undefined;
  context.onIndexChanged(() => {
    if (!context.clientCapabilities().workspace?.semanticTokens?.refreshSupport) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      connection.languages.semanticTokens.refresh().catch(() => {
        // The client asks again on its next edit or scroll.
      });
    }, REFRESH_SETTLE_MS);
  });
}
