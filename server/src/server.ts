// Starts the language server over stdio: the connection, the session that owns the server's state, and
// the features' handlers. Everything else lives in `lsp/` and below.
import { limitHeapGrowth } from './parse/heapGrowth';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUS_REQUEST, type ServerStatus } from '../../common/protocol';
import { createParser } from './engine';
import { FEATURES, serverCapabilities } from './lsp/features';
import { ServerSession } from './lsp/session';
import { VERSION } from './version';
import type { Logger } from './workspace/notesWorkspace';

// Set before the first full collection: V8 applies it to the limits it computes from then on.
limitHeapGrowth();

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  info: (message) => connection.console.info(message),
  warn: (message) => connection.console.warn(message),
  error: (message) => connection.console.error(message),
};
// A promise nobody awaited must not end the server (Node ends the process on an unhandled rejection).
process.on('unhandledRejection', (reason) =>
  logger.error(`unexpected failure: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
);
const parser = createParser({ kind: 'server', isOpen: (uri) => documents.get(uri) !== undefined });
const session = new ServerSession(connection, documents, logger, parser);

connection.onInitialize((params): InitializeResult => {
  session.initialize(params);
  return {
    capabilities: {
      // Positions are counted in UTF-16 code units, the protocol's default, whatever else a client offers.
      positionEncoding: 'utf-16',
      textDocumentSync: TextDocumentSyncKind.Incremental,
      ...serverCapabilities(params.capabilities),
    },
    serverInfo: { name: 'marginalia', version: VERSION },
  };
});
for (const feature of FEATURES) feature.register(session);

connection.onInitialized(() => void session.start());
documents.onDidChangeContent((change) => session.textChanged(change.document));
documents.onDidClose((event) => session.closed(event.document));
connection.onDidChangeWatchedFiles((params) => session.filesChanged(params));
connection.onDidChangeConfiguration((params) => void session.reloadConfig(params.settings));
connection.onRequest(STATUS_REQUEST.method, (): Promise<ServerStatus> => session.status());
connection.onShutdown(() => session.shutdown());

documents.listen(connection);
connection.listen();
