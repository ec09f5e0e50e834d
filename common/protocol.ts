// The protocol between the Marginalia server and its editor client beyond LSP itself: every custom
// request and notification, the command ids one side names and the other implements, and the data
// they carry, declared once. Plain types and constants only: both ends import this file, so it may
// import nothing from the server, the client, the editor or the LSP libraries.
import type { RunnableBlock } from './runner/runnable';

/** A request's method, with its parameter and result types carried along for both ends to use. */
export interface RequestType<Params, Result> {
  readonly method: string;
  /** Never set: it only ties the types to the method. */
  readonly types?: { params: Params; result: Result };
}

/** A notification's method, with the type of what it carries. */
export interface NotificationType<Params> {
  readonly method: string;
  /** Never set: it only ties the type to the method. */
  readonly types?: { params: Params };
}

export type ParamsOf<T> = T extends RequestType<infer Params, unknown> ? Params : T extends NotificationType<infer Params> ? Params : never;
export type ResultOf<T> = T extends RequestType<unknown, infer Result> ? Result : never;

// ---- status ------------------------------------------------------------------------------

/** How far the server is: sent while indexing and when the entity count changes, and answered on request. */
export interface ServerStatus {
  state: 'starting' | 'indexing' | 'ready';
  indexed: number;
  total: number;
  entities: number;
}

const STATUS_METHOD = 'marginalia/status';

/** `marginalia/status` as a notification: progress while indexing, then each new entity count. */
export const STATUS_NOTIFICATION: NotificationType<ServerStatus> = { method: STATUS_METHOD };

/** `marginalia/status` as a request: answered once indexing is done. */
export const STATUS_REQUEST: RequestType<void, ServerStatus> = { method: STATUS_METHOD };

/** Whether a value the other end sent is a ServerStatus: a newer or older server may send other shapes. */
export function isServerStatus(value: unknown): value is ServerStatus {
  if (typeof value !== 'object' || value === null) return false;
  const status = value as Record<string, unknown>;
  return typeof status.state === 'string' && ['indexed', 'total', 'entities'].every((key) => typeof status[key] === 'number');
}

// ---- entities ----------------------------------------------------------------------------

export interface Position {
  /** Zero-based. */
  line: number;
  /** Zero-based, in the units agreed at initialize: UTF-16 code units unless the client asked for UTF-8 bytes or code points. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One project, paper or other entity of the workspace, as the entity list shows it. */
export interface EntityListItem {
  /** Stable across re-indexing: the identity key (`github:owner/repo`, `arxiv:…`, `url:…`) or `name:…`. */
  id: string;
  identities: string[];
  name: string;
  kind: 'project' | 'paper' | 'article' | string;
  aliases: string[];
  summary: string;
  links: { github?: string; arxiv?: string; hf?: string; homepage?: string };
  /** Where notes define the entity; the first is the richest description, where "go to the entity" should land. */
  sites: Array<{ uri: string; range: Range }>;
}

/** `marginalia/entities`: every entity of the workspace, answered once indexing is done. */
export const ENTITIES_REQUEST: RequestType<void, EntityListItem[]> = { method: 'marginalia/entities' };

// ---- the entities view --------------------------------------------------------------------

export interface NoteEntitiesParams {
  textDocument: { uri: string };
}

/**
 * `marginalia/noteEntities`: the entities a note defines, in the order the note defines them. Answered
 * once indexing is done and the note's pending edits are in.
 */
export const NOTE_ENTITIES_REQUEST: RequestType<NoteEntitiesParams, EntityListItem[]> = { method: 'marginalia/noteEntities' };

export interface EntityDetailParams {
  entityId: string;
}

/** Where a note defines an entity, and in what shape (`table-row`, `project-card`, `paper-link`, …). */
export interface EntityDefinitionSite {
  uri: string;
  range: Range;
  shape: string;
}

/** The places one note mentions or links to an entity, definitions left out. */
export interface NoteMentioning {
  uri: string;
  /** How many such places the note holds; `ranges` lists the first of them, up to a cap. */
  count: number;
  ranges: Range[];
}

export interface EntityDetail {
  /** Richest description first, as in `EntityListItem.sites`. */
  definitions: EntityDefinitionSite[];
  /** The notes that mention or link to the entity, most mentions first. */
  notes: NoteMentioning[];
}

/** `marginalia/entityDetail`: where an entity is defined and which notes mention it; null for an unknown id. */
export const ENTITY_DETAIL_REQUEST: RequestType<EntityDetailParams, EntityDetail | null> = { method: 'marginalia/entityDetail' };

/** An entity mentioned in the same notes as another, and in how many of them. */
export interface RelatedEntity {
  id: string;
  name: string;
  kind: string;
  notes: number;
}

/**
 * `marginalia/relatedEntities`: the entities mentioned in the notes that mention an entity (or define it),
 * most shared notes first, at most 12; what the entity graph draws around it. Empty for an unknown id.
 */
export const RELATED_ENTITIES_REQUEST: RequestType<EntityDetailParams, RelatedEntity[]> = { method: 'marginalia/relatedEntities' };

// ---- marked names and entity references --------------------------------------------------

/**
 * The semantic token type of a name the index resolves to an entity (never an ordinary word). Its
 * modifiers say what the name stands for: `project`, `paper` or `article` for each kind among the
 * entities it names, `shared` where it names several, `definition` where the note defines it there.
 */
export const ENTITY_TOKEN_TYPE = 'marginaliaEntity';

export const ENTITY_TOKEN_MODIFIERS = ['project', 'paper', 'article', 'shared', 'definition'] as const;

export type EntityTokenModifier = (typeof ENTITY_TOKEN_MODIFIERS)[number];

/** The server's semantic tokens legend: one type, the modifiers above, as bit positions in that order. */
export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [ENTITY_TOKEN_TYPE], tokenModifiers: [...ENTITY_TOKEN_MODIFIERS] };

/**
 * What `marginalia.showEntityReferences` is called with: the entity, and the place where the references
 * open (the mention whose card holds the link).
 */
export interface EntityReferencesArgs {
  entityId: string;
  uri: string;
  position: Position;
}

export interface EntityReferencesParams {
  entityId: string;
}

/** `marginalia/entityReferences`: every mention of and link to an entity, definitions included. */
export const ENTITY_REFERENCES_REQUEST: RequestType<EntityReferencesParams, Array<{ uri: string; range: Range }>> = {
  method: 'marginalia/entityReferences',
};

// ---- commands ----------------------------------------------------------------------------

/**
 * Commands the server offers through workspace/executeCommand. The language client registers a
 * VS Code command under each such id itself, so a palette command that calls one needs an id of its own.
 */
export const SERVER_COMMANDS = {
  checkExternalLinks: 'marginalia.checkExternalLinks',
  /** Runs a snippet in the server's process, for clients that declare `serverRunsSnippets` (see ServerSnippetArgs). */
  runSnippetOnServer: 'marginalia.runSnippetOnServer',
} as const;

/**
 * Commands the client implements and the server puts into hover cards as `command:` links. The server
 * links to one only when the client lists it in `initializationOptions.hoverCommands`; elsewhere the
 * card says the same as plain text.
 */
export const HOVER_COMMANDS = {
  showEntityReferences: 'marginalia.showEntityReferences',
} as const;

/** What a client says about itself when it starts the server. */
export interface ClientInitializationOptions {
  /** Whether the workspace is trusted: only then are snippets run and web links checked. */
  trusted?: boolean;
  /** A folder the server may keep its caches in. */
  storagePath?: string;
  /** The `HOVER_COMMANDS` the client runs from links in hover cards. */
  hoverCommands?: string[];
  /** Asks for `marginalia/status` notifications (indexing counts for a status bar); `$/progress` is sent to every client. */
  statusNotifications?: boolean;
  /** Says the client runs snippets from ▶ Run lenses (their command is the client's); other clients get no run lenses. */
  runSnippets?: boolean;
  /**
   * Asks the server to run snippets itself, for editors without a runner of their own: together with
   * `trusted: true`, ▶ Run lenses carry `SERVER_COMMANDS.runSnippetOnServer` and the server offers that
   * command. Never on by default; `runSnippets` wins where a client says both.
   */
  serverRunsSnippets?: boolean;
}

/** What `marginalia.checkExternalLinks` answers; the client shows it as a summary. */
export interface ExternalCheckSummary {
  checked: number;
  dead: number;
  unverified: number;
  message: string;
}

/** The commands behind the snippet lenses: the server puts them on lenses, the client implements them. */
export const SNIPPET_COMMANDS = {
  run: 'marginalia.runSnippet',
  runInTerminal: 'marginalia.runSnippetInTerminal',
  copy: 'marginalia.copySnippet',
  runAll: 'marginalia.runAllSnippets',
  stop: 'marginalia.stopSnippet',
  insertOutput: 'marginalia.insertSnippetOutput',
} as const;

/** What a snippet lens passes to its command: the note and the zero-based line of the block's opening fence. */
export interface SnippetLensArgs {
  uri: string;
  line: number;
  /** The block's `name=`: finds the block again when edits have moved it off `line`. */
  name?: string;
}

// ---- snippets ----------------------------------------------------------------------------

/**
 * What a ▶ Run lens passes to `marginalia.runSnippetOnServer`: the block as it read when the lens was
 * made, so that a block edited since is refused rather than run unseen.
 */
export interface ServerSnippetArgs extends SnippetLensArgs {
  /** A hash of the block's run plan (script, options, the file blocks it writes), lines left out. */
  digest: string;
}

/** What `marginalia.runSnippetOnServer` answers after a run; a block it refuses to run is an error response. */
export interface ServerSnippetRun {
  /** `note.md:3` or `note.md:3 (gpu-check)`, 1-based. */
  label: string;
  /** The shell's exit code; null when it was killed by a signal or never started. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Stopped by a $/cancelRequest. */
  cancelled: boolean;
  succeeded: boolean;
  durationMs: number;
  /** stdout and stderr interleaved, capped at `marginalia.snippets.maxOutputMB` with a marker where cut. */
  output: string;
  truncated: boolean;
  /** `✓ exit 0 · 1.2 s` and the like. */
  outcome: string;
  /** What the run found out, in one line (a GPU and driver for nvidia-smi, the first error of a build). */
  summary: string;
  /** Why the snippet could not start (missing shell, bad working directory, bad file block). */
  error?: string;
  /** The directory it ran in. */
  cwd?: string;
}

export interface RunnablesParams {
  textDocument: { uri: string };
}

/**
 * `marginalia/runnables`: the shell blocks of a note, in note order, each with its lines, name and
 * whole run plan (script, language, info-string options, the file blocks it writes, what stops it).
 * Answered after the note's pending edits, so it describes the text the editor shows.
 */
export const RUNNABLES_REQUEST: RequestType<RunnablesParams, RunnableBlock[]> = { method: 'marginalia/runnables' };
