import type {
  CancellationToken,
  ClientCapabilities,
  CodeAction,
  CodeActionParams,
  Command,
  Connection,
  ExecuteCommandParams,
  TextDocuments,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerStatus } from '../../../common/protocol';
import type { MarginaliaConfig } from '../config';
import type { NotesIndex } from '../index/notesIndex';
import type { Logger } from '../workspace/notesWorkspace';

/** What one feature adds to a code action request's answer. */
export type CodeActionSource = (params: CodeActionParams) => Promise<Array<CodeAction | Command>>;

/** Carries out one command of workspace/executeCommand. */
export type CommandHandler = (
  params: ExecuteCommandParams,
  token: CancellationToken,
  workDone: WorkDoneProgressReporter,
) => Promise<unknown>;

/**
 * What a feature's LSP wiring may use. Each `lsp/<feature>.ts` exports `register(context)` and keeps its
 * handlers to a few lines that forward to `features/`.
 */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  logger: Logger;
  /** The current index, or undefined before the first indexing started. */
  index(): NotesIndex | undefined;
  /** The index once pending edits of this note are applied. */
  ready(uri: string): Promise<NotesIndex | undefined>;
  /** Resolves when the whole-workspace indexing has finished, and the one a settings change started meanwhile. */
  indexed(): Promise<void>;
  /** The whole index with every open note's pending edits in: what an answer about links between notes needs. */
  settled(): Promise<NotesIndex | undefined>;
  config(): MarginaliaConfig;
  /** Workspace folders as file-system paths. */
  folders(): string[];
  /** A note's path relative to its workspace folder, as cards and messages show it. */
  describeSite(uri: string): string;
  /** Called after the index changed, with the notes whose facts changed; also after a full re-index (with every note). */
  onIndexChanged(listener: (index: NotesIndex, changed: string[]) => void): void;
  /** Adds a feature's code actions: a connection takes one handler, which answers with every feature's. */
  addCodeActions(source: CodeActionSource): void;
  /** Adds a command to workspace/executeCommand: a connection takes one handler, which picks the command's. */
  addCommand(command: string, handler: CommandHandler): void;
  /** Whether the client said the workspace is trusted (initializationOptions.trusted === true; false when not said). */
  trusted(): boolean;
  /** A folder the server may keep caches in (initializationOptions.storagePath), when the client gave one. */
  storagePath(): string | undefined;
  /** What the client said it can do, in its initialize request. */
  clientCapabilities(): ClientCapabilities;
  /** Sends `marginalia/status` to a client that asked for it (initializationOptions.statusNotifications). */
  notifyStatus(status: ServerStatus): void;
  /** Whether the client runs snippets from ▶ Run lenses (initializationOptions.runSnippets). */
  clientRunsSnippets(): boolean;
  /**
   * Whether the server runs snippets for the client: it asked (initializationOptions.serverRunsSnippets)
   * and said the workspace is trusted.
   */
  serverRunsSnippets(): boolean;
  /** The commands the client runs from links in hover cards (initializationOptions.hoverCommands; none when not said). */
  hoverCommands(): readonly string[];
}
