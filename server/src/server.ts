import { limitHeapGrowth } from './parse/heapGrowth';
import * as path from 'node:path';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { SERVER_COMMANDS, STATUS_NOTIFICATION, STATUS_REQUEST, type ServerStatus } from '../../common/protocol';
import { DEFAULT_CONFIG, readConfig, type MarginaliaConfig } from './config';
import { createEngine, createParser, type Engine } from './engine';
import type { FileChange, NotesIndex } from './index/notesIndex';
import * as codeLens from './lsp/codeLens';
import type { ServerContext } from './lsp/context';
import * as entities from './lsp/entities';
import * as links from './lsp/links';
import * as navigation from './lsp/navigation';
import * as runnables from './lsp/runnables';
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
// Outlives each engine: a settings change builds a new index, not new workers.
const parser = createParser({ kind: 'server', isOpen: (uri) => documents.get(uri) !== undefined });

let folders: string[] = [];
let trusted = false;
let storagePath: string | undefined;
/** The index and what it was built with; replaced when the settings change. */
let engine: Engine | undefined;
let indexing: Promise<void> = Promise.resolve();
let capabilities: InitializeParams['capabilities'] = {};
const pendingUpdates = new Map<string, Promise<void>>();
/** Requests that arrive between the handshake and the start of indexing wait for the index rather than answer nothing. */
let indexCreated: () => void = () => undefined;
const created = new Promise<void>((resolve) => (indexCreated = resolve));
const indexListeners: Array<(index: NotesIndex, changed: string[]) => void> = [];

const context: ServerContext = {
  connection,
  documents,
  logger,
  index: () => engine?.index,
  ready: async (uri) => {
    await created;
    await pendingUpdates.get(uri);
    return engine?.index;
  },
  indexed: () => indexing,
  config: () => engine?.config ?? DEFAULT_CONFIG,
  folders: () => folders,
  describeSite,
  onIndexChanged: (listener) => indexListeners.push(listener),
  trusted: () => trusted,
  storagePath: () => storagePath,
  clientCapabilities: () => capabilities,
};

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities;
  folders = (params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : [])).map(
    (uri) => URI.parse(uri).fsPath,
  );
  const options = params.initializationOptions as { trusted?: unknown; storagePath?: unknown } | undefined;
  // Trust is never assumed: a client that does not say the workspace is trusted gets no runs and no web requests.
  trusted = options?.trusted === true;
  storagePath = typeof options?.storagePath === 'string' && options.storagePath ? options.storagePath : undefined;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: links.LINK_CODE_ACTION_KINDS },
      executeCommandProvider: { commands: [SERVER_COMMANDS.checkExternalLinks] },
    },
    serverInfo: { name: 'marginalia', version: '0.1.0' },
  };
});

// Features register their handlers here; each lsp/<feature>.ts stays a thin layer over features/.
navigation.register(context);
entities.register(context);
codeLens.register(context);
runnables.register(context);
links.register(context);

connection.onInitialized(async () => {
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    // Every file, not only notes: link checks must hear when a linked image or folder appears or goes.
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
  }
  startIndexing(await loadConfig());
});

/** The client's settings, or the ones in use when it has none to give. */
async function loadConfig(): Promise<MarginaliaConfig> {
  if (!capabilities.workspace?.configuration) return context.config();
  const raw = await connection.workspace.getConfiguration('marginalia').catch(() => undefined);
  return readConfig(raw, (problem) => logger.warn(problem));
}

function startIndexing(config: MarginaliaConfig): void {
  const current = createEngine({ folders, config, logger, parser, cache: true, storagePath });
  engine?.dispose();
  engine = current;
  indexCreated();
  current.index.onDidChange((changed) => {
    if (engine === current) for (const listener of indexListeners) listener(current.index, changed);
  });
  const started = Date.now();
  // Open notes are parsed while the vault is read (from the cache, or note by note), so they answer early.
  // Queued like edits, so that a request about an open note waits for its facts.
  const opening = Promise.all(
    documents.all().map((document) => queueUpdate([document.uri], (next) => next.setOpenText(document.uri, document.getText()))),
  );
  // Progress is shown once the client has made room for it; the walk starts at once, so that the first
  // request already finds it under way.
  const progress = connection.window.createWorkDoneProgress().catch(() => undefined);
  void progress.then((reporter) => reporter?.begin('Marginalia', 0, 'Indexing notes', false));
  let reported = -1;
  // Stops when the engine is replaced or the server shuts down.
  const reading = current.indexWorkspace({
    onProgress: (done, total) => {
      // One message a percent, not a note: from the cache, ten thousand notes come back in a second,
      // and as many messages would hold the ready notification back for seconds behind them.
      const percent = Math.floor((done / Math.max(total, 1)) * 100);
      if (percent === reported) return;
      reported = percent;
      void progress.then((reporter) => reporter?.report(percent, `Indexing ${done}/${total} notes`));
      void connection.sendNotification(STATUS_NOTIFICATION.method, status(current.index, 'indexing'));
    },
  });
  indexing = (async () => {
    await Promise.all([opening, reading]);
    (await progress)?.done();
    // A newer indexing run (settings changed) or shutdown replaced this one: its counts are partial.
    if (engine !== current || current.stopped) return;
    logger.info(
      `indexed ${current.index.progress.total} notes, ${current.index.allEntities().length} entities in ${Date.now() - started} ms`,
    );
    void connection.sendNotification(STATUS_NOTIFICATION.method, status(current.index, 'ready'));
  })().catch((error) => logger.error(`indexing failed: ${error instanceof Error ? error.message : String(error)}`));
}

function status(current: NotesIndex, state: 'indexing' | 'ready'): ServerStatus {
  return { state, ...current.progress, entities: current.allEntities().length };
}

/** Runs index updates in order for each note they touch, so that a request can wait for its note to be current. */
function queueUpdate(uris: string[], update: (current: NotesIndex) => Promise<void>): Promise<void> {
  const current = engine?.index;
  if (!current) return Promise.resolve();
  const previous = Promise.all(uris.map((uri) => pendingUpdates.get(uri)));
  const next = previous
    .then(() => update(current))
    .catch((error) =>
      logger.error(`${uris.length === 1 ? uris[0] : `${uris.length} files`}: ${error instanceof Error ? error.message : String(error)}`),
    );
  for (const uri of uris) pendingUpdates.set(uri, next);
  void next.then(() => {
    for (const uri of uris) if (pendingUpdates.get(uri) === next) pendingUpdates.delete(uri);
  });
  return next;
}

documents.onDidChangeContent(
  (change) => void queueUpdate([change.document.uri], (current) => current.setOpenText(change.document.uri, change.document.getText())),
);
documents.onDidClose((event) => void queueUpdate([event.document.uri], (current) => current.closeNote(event.document.uri)));

// The client sends a burst of file events (a `git checkout`, a sync) together; the index takes them as one batch.
connection.onDidChangeWatchedFiles((params) => {
  const changes: FileChange[] = params.changes.map((change) => ({ uri: change.uri, deleted: change.type === FileChangeType.Deleted }));
  void queueUpdate([...new Set(changes.map((change) => change.uri))], (current) => current.applyFileChanges(changes));
});

connection.onDidChangeConfiguration(async () => {
  const config = await loadConfig();
  // Clients also send this notification when nothing changed; re-indexing a vault for that would waste minutes.
  if (JSON.stringify(config) !== JSON.stringify(context.config())) startIndexing(config);
});

connection.onRequest(STATUS_REQUEST.method, async (): Promise<ServerStatus> => {
  await indexing;
  return engine ? status(engine.index, 'ready') : { state: 'starting', indexed: 0, total: 0, entities: 0 };
});

connection.onShutdown(async () => {
  await engine?.close();
  parser.parser.dispose();
});

function describeSite(uri: string): string {
  const filePath = URI.parse(uri).fsPath;
  const folder = folders.find((candidate) => filePath.startsWith(candidate + path.sep));
  return folder ? path.relative(folder, filePath).split(path.sep).join('/') : path.basename(filePath);
}

documents.listen(connection);
connection.listen();
