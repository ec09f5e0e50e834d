// The server's one owner of changing state: the client's folders, trust and capabilities, the engine
// (replaced when the settings change), and the queue that applies edits and file events to its index in
// order. Features read it through `ServerContext`; only this class changes it.
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type ClientCapabilities,
  type CodeActionParams,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { STATUS_NOTIFICATION, type ClientInitializationOptions, type ServerStatus } from '../../../common/protocol';
import { DEFAULT_CONFIG, readConfig, type MarginaliaConfig } from '../config';
import { createEngine, type Engine, type SizedParser } from '../engine';
import type { FileChange, NotesIndex } from '../index/notesIndex';
import type { Logger } from '../workspace/notesWorkspace';
import { FolderWatcher } from '../workspace/folderWatcher';
import { findVaultConfig, isRecord, layerSettings, VAULT_CONFIG_FILE } from '../workspace/vaultConfig';
import type { CodeActionSource, CommandHandler, ServerContext } from './context';

/** What the client said at the handshake that the session keeps. */
interface ClientSettings {
  folders: string[];
  trusted: boolean;
  storagePath: string | undefined;
  capabilities: ClientCapabilities;
  hoverCommands: string[];
  /** Whether the client asked for `marginalia/status` notifications; every client gets `$/progress`. */
  statusNotifications: boolean;
  /** Whether the client runs snippets from ▶ Run lenses: others get none, rather than lenses that do nothing. */
  runSnippets: boolean;
  /** Whether the client asked the server to run snippets itself (granted only with `trusted`). */
  serverRunsSnippets: boolean;
}

export class ServerSession implements ServerContext {
  private client: ClientSettings = {
    folders: [],
    trusted: false,
    storagePath: undefined,
    capabilities: {},
    hoverCommands: [],
    statusNotifications: false,
    runSnippets: false,
    serverRunsSnippets: false,
  };
  /** Settings a client pushed with didChangeConfiguration, for clients that cannot be asked for them. */
  private pushedSettings: unknown;
  private watcher: FolderWatcher | undefined;
  /** The index and what it was built with; replaced when the settings change. */
  private engine: Engine | undefined;
  private indexing: Promise<void> = Promise.resolve();
  private readonly pendingUpdates = new Map<string, Promise<void>>();
  private readonly indexListeners: Array<(index: NotesIndex, changed: string[]) => void> = [];
  private readonly codeActionSources: CodeActionSource[] = [];
  private readonly commands = new Map<string, CommandHandler>();
  /** Requests that arrive between the handshake and the start of indexing wait for the index rather than answer nothing. */
  private indexCreated: () => void = () => undefined;
  private readonly created = new Promise<void>((resolve) => (this.indexCreated = resolve));

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly logger: Logger,
    /** Outlives each engine: a settings change builds a new index, not new workers. */
    private readonly parser: SizedParser,
  ) {}

  index(): NotesIndex | undefined {
    return this.engine?.index;
  }

  // Each wait below is taken again when a settings change replaced the index meanwhile: the new index is
  // read from scratch, and an answer from it before it has the note (or the vault) would be wrong.

  async ready(uri: string): Promise<NotesIndex | undefined> {
    await this.created;
    let engine: Engine | undefined;
    do {
      engine = this.engine;
      await this.pendingUpdates.get(uri);
    } while (engine !== this.engine);
    return engine?.index;
  }

  async indexed(): Promise<void> {
    let run: Promise<void>;
    do {
      run = this.indexing;
      await run;
    } while (run !== this.indexing);
  }

  async settled(): Promise<NotesIndex | undefined> {
    await this.created;
    let engine: Engine | undefined;
    do {
      engine = this.engine;
      await this.indexed();
      await Promise.all(this.documents.all().map((document) => this.pendingUpdates.get(document.uri)));
    } while (engine !== this.engine);
    return engine?.index;
  }

  config(): MarginaliaConfig {
    return this.engine?.config ?? DEFAULT_CONFIG;
  }

  folders(): string[] {
    return this.client.folders;
  }

  trusted(): boolean {
    return this.client.trusted;
  }

  storagePath(): string | undefined {
    return this.client.storagePath;
  }

  clientCapabilities(): ClientCapabilities {
    return this.client.capabilities;
  }

  hoverCommands(): readonly string[] {
    return this.client.hoverCommands;
  }

  onIndexChanged(listener: (index: NotesIndex, changed: string[]) => void): void {
    this.indexListeners.push(listener);
  }

  addCodeActions(source: CodeActionSource): void {
    this.codeActionSources.push(source);
    if (this.codeActionSources.length > 1) return;
    // One feature's failure leaves the others' actions standing.
    const answers = (params: CodeActionParams) =>
      this.codeActionSources.map((next) =>
        next(params).catch((error) => {
          this.logger.error(`code actions: ${messageOf(error)}`);
          return [];
        }),
      );
    this.connection.onCodeAction(async (params) => (await Promise.all(answers(params))).flat());
  }

  addCommand(command: string, handler: CommandHandler): void {
    this.commands.set(command, handler);
    if (this.commands.size > 1) return;
    this.connection.onExecuteCommand((params, token, workDone) => {
      const handler = this.commands.get(params.command);
      if (!handler) return new ResponseError(ErrorCodes.InvalidParams, `Marginalia has no command ${params.command}`);
      return handler(params, token, workDone);
    });
  }

  /** A property, not a method: features hand it on as a function. */
  readonly describeSite = (uri: string): string => {
    const filePath = URI.parse(uri).fsPath;
    const folder = this.client.folders.find((candidate) => filePath.startsWith(candidate + path.sep));
    return folder ? path.relative(folder, filePath).split(path.sep).join('/') : path.basename(filePath);
  };

  /** Takes what the client says about itself; trust is never assumed. */
  initialize(params: InitializeParams): void {
    const roots = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // Whatever the client sent: each option is checked before it is used.
    const options = params.initializationOptions as { [key in keyof ClientInitializationOptions]?: unknown } | undefined;
    this.client = {
      folders: roots.map((uri) => URI.parse(uri).fsPath),
      // A client that does not say the workspace is trusted gets no runs and no web requests.
      trusted: options?.trusted === true,
      storagePath: typeof options?.storagePath === 'string' && options.storagePath ? options.storagePath : undefined,
      capabilities: params.capabilities,
      hoverCommands: Array.isArray(options?.hoverCommands) ? options.hoverCommands.filter((id) => typeof id === 'string') : [],
      statusNotifications: options?.statusNotifications === true,
      runSnippets: options?.runSnippets === true,
      serverRunsSnippets: options?.serverRunsSnippets === true,
    };
  }

  /** After the handshake: watches files when the client can, and indexes with the client's settings. */
  async start(): Promise<void> {
    if (this.client.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Every file, not only notes: link checks must hear when a linked image or folder appears or goes.
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    } else {
      this.watcher = new FolderWatcher(
        this.client.folders,
        (changes) => this.applyFileChanges(changes),
        (problem) => this.logger.warn(problem),
      );
    }
    this.startIndexing(await this.loadConfig());
  }

  /** Re-indexes when the client's settings really changed; `pushed` are the settings a client sent along, if any. */
  async reloadConfig(pushed?: unknown): Promise<void> {
    if (isRecord(pushed) && pushed.marginalia !== undefined) this.pushedSettings = pushed.marginalia;
    const config = await this.loadConfig();
    // Clients also send this notification when nothing changed; re-indexing a vault for that would waste minutes.
    if (JSON.stringify(config) !== JSON.stringify(this.config())) this.startIndexing(config);
  }

  textChanged(document: TextDocument): void {
    void this.queueUpdate([document.uri], (current) => current.setOpenText(document.uri, document.getText()));
  }

  closed(document: TextDocument): void {
    void this.queueUpdate([document.uri], (current) => current.closeNote(document.uri));
  }

  /** A burst of file events (a `git checkout`, a sync) is taken by the index as one batch. */
  filesChanged(params: DidChangeWatchedFilesParams): void {
    this.applyFileChanges(params.changes.map((change) => ({ uri: change.uri, deleted: change.type === FileChangeType.Deleted })));
  }

  private applyFileChanges(changes: FileChange[]): void {
    if (changes.some((change) => path.basename(URI.parse(change.uri).fsPath) === VAULT_CONFIG_FILE)) void this.reloadConfig();
    void this.queueUpdate([...new Set(changes.map((change) => change.uri))], (current) => current.applyFileChanges(changes));
  }

  async status(): Promise<ServerStatus> {
    await this.indexing;
    return this.engine ? statusOf(this.engine.index, 'ready') : { state: 'starting', indexed: 0, total: 0, entities: 0 };
  }

  notifyStatus(status: ServerStatus): void {
    if (this.client.statusNotifications) void this.connection.sendNotification(STATUS_NOTIFICATION.method, status);
  }

  clientRunsSnippets(): boolean {
    return this.client.runSnippets;
  }

  serverRunsSnippets(): boolean {
    // Snippets are commands from files in the workspace: asked for but untrusted means nothing runs.
    return this.client.serverRunsSnippets && this.client.trusted;
  }

  async shutdown(): Promise<void> {
    this.watcher?.dispose();
    await this.engine?.close();
    this.parser.parser.dispose();
  }

  /** The vault's config file with the editor's settings over it; a problem in either is shown, never fatal. */
  private async loadConfig(): Promise<MarginaliaConfig> {
    const file = this.client.folders.length ? await findVaultConfig(this.client.folders[0]) : undefined;
    const editor = this.client.capabilities.workspace?.configuration
      ? await this.connection.workspace.getConfiguration('marginalia').catch(() => undefined)
      : this.pushedSettings;
    const problems = [...(file?.problems ?? [])];
    const config = readConfig(layerSettings(file?.settings, editor), (problem) =>
      problems.push(file ? `${problem} (in the editor settings or ${file.file})` : problem),
    );
    for (const problem of problems) this.logger.warn(problem);
    // A notification, not a request: nothing waits for an answer a client may never give.
    if (file?.problems.length)
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Marginalia: ${file.problems[0]}`,
      });
    return config;
  }

  private startIndexing(config: MarginaliaConfig): void {
    const { folders, storagePath } = this.client;
    const current = createEngine({ folders, config, logger: this.logger, parser: this.parser, cache: true, storagePath });
    this.engine?.dispose();
    this.engine = current;
    this.indexCreated();
    current.index.onDidChange((changed) => {
      if (this.engine === current) for (const listener of this.indexListeners) listener(current.index, changed);
    });
    const started = Date.now();
    // Open notes are parsed while the vault is read (from the cache, or note by note), so they answer early.
    // Queued like edits, so that a request about an open note waits for its facts.
    const opening = Promise.all(
      this.documents
        .all()
        .map((document) => this.queueUpdate([document.uri], (next) => next.setOpenText(document.uri, document.getText()))),
    );
    const reading = this.readWorkspace(current);
    this.indexing = (async () => {
      await Promise.all([opening, reading]);
      // A newer indexing run (settings changed) or shutdown replaced this one: its counts are partial.
      if (this.engine !== current || current.stopped) return;
      this.logger.info(
        `indexed ${current.index.progress.total} notes, ${current.index.allEntities().length} entities in ${Date.now() - started} ms`,
      );
      this.notifyStatus(statusOf(current.index, 'ready'));
    })().catch((error) => this.logger.error(`indexing failed: ${messageOf(error)}`));
  }

  /** Walks the vault with progress; stops when the engine is replaced or the server shuts down. */
  private async readWorkspace(current: Engine): Promise<void> {
    // Progress is shown once the client has made room for it; the walk starts at once, so that the first
    // request already finds it under way.
    const progress = this.connection.window.createWorkDoneProgress().catch(() => undefined);
    void progress.then((reporter) => reporter?.begin('Marginalia', 0, 'Indexing notes', false));
    let reported = -1;
    await current.indexWorkspace({
      onProgress: (done, total) => {
        // One message a percent, not a note: from the cache, ten thousand notes come back in a second,
        // and as many messages would hold the ready notification back for seconds behind them.
        const percent = Math.floor((done / Math.max(total, 1)) * 100);
        if (percent === reported) return;
        reported = percent;
        void progress.then((reporter) => reporter?.report(percent, `Indexing ${done}/${total} notes`));
        this.notifyStatus(statusOf(current.index, 'indexing'));
      },
    });
    (await progress)?.done();
  }

  /** Runs index updates in order for each note they touch, so that a request can wait for its note to be current. */
  private queueUpdate(uris: string[], update: (current: NotesIndex) => Promise<void>): Promise<void> {
    const current = this.engine?.index;
    if (!current) return Promise.resolve();
    const previous = Promise.all(uris.map((uri) => this.pendingUpdates.get(uri)));
    const next = previous
      .then(() => update(current))
      .catch((error) => this.logger.error(`${uris.length === 1 ? uris[0] : `${uris.length} files`}: ${messageOf(error)}`));
    for (const uri of uris) this.pendingUpdates.set(uri, next);
    void next.then(() => {
      for (const uri of uris) if (this.pendingUpdates.get(uri) === next) this.pendingUpdates.delete(uri);
    });
    return next;
  }
}

function statusOf(index: NotesIndex, state: 'indexing' | 'ready'): ServerStatus {
  return { state, ...index.progress, entities: index.allEntities().length };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
