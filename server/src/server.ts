// Starts the language server: the connection (with positions converted to the client's encoding on the
// way through), the session that owns the server's state, and the features' handlers. Everything else
// lives in `lsp/` and below.
import { format } from 'node:util';
import { limitHeapGrowth } from './parse/heapGrowth';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUS_REQUEST, type ServerStatus } from '../../common/protocol';
import { createParser } from './engine';
import { EncodingChannel } from './lsp/encoding/encodingChannel';
import { FEATURES, serverCapabilities } from './lsp/features';
import { ServerSession } from './lsp/session';
import { TRANSPORT_USAGE, transportFrom } from './lsp/transport';
import { VERSION } from './version';
import type { Logger } from './workspace/notesWorkspace';

// Set before the first full collection: V8 applies it to the limits it computes from then on.
limitHeapGrowth();

const transport = transportFrom(process.argv.slice(2));
if (!transport) {
  process.stderr.write(`${TRANSPORT_USAGE}\n`);
  process.exit(2);
}
const channel = new EncodingChannel((problem) => logger.warn(problem));
const connection = createConnection(ProposedFeatures.all, channel.reader(transport.reader), channel.writer(transport.writer));
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  info: (message) => connection.console.info(message),
  warn: (message) => connection.console.warn(message),
  error: (message) => connection.console.error(message),
};
// Over stdio, standard output carries the protocol: a stray console.log from anywhere goes to the log instead.
if (transport.stdio) console.log = console.info = console.debug = (...args: unknown[]) => logger.info(format(...args));
// When the client goes away without asking the server to exit, the server goes too.
let shutdownAsked = false;
transport.reader.onClose(() => process.exit(shutdownAsked ? 0 : 1));
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
      // The first of the client's encodings the channel converts to; older Neovims read `offsetEncoding` below.
      positionEncoding: channel.encoding(),
      textDocumentSync: TextDocumentSyncKind.Incremental,
      ...serverCapabilities(params.capabilities, session),
    },
    serverInfo: { name: 'marginalia', version: VERSION },
    ...(channel.encoding() === 'utf-16' ? {} : { offsetEncoding: channel.encoding() }),
  };
});
for (const feature of FEATURES) feature.register(session);

connection.onInitialized(() => void session.start());
documents.onDidChangeContent((change) => session.textChanged(change.document));
documents.onDidClose((event) => session.closed(event.document));
connection.onDidChangeWatchedFiles((params) => session.filesChanged(params));
connection.onDidChangeConfiguration((params) => void session.reloadConfig(params.settings));
connection.onRequest(STATUS_REQUEST.method, (): Promise<ServerStatus> => session.status());
connection.onShutdown(() => {
  shutdownAsked = true;
  return session.shutdown();
});

documents.listen(connection);
connection.listen();
