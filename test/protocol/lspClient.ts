import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const SERVER_JS = path.resolve(__dirname, '../../dist/server.js');
export const SEEDS = path.resolve(__dirname, '../../seeds');

/**
 * An editor as the server sees it: spawns `node dist/server.js --stdio` and speaks JSON-RPC over its
 * pipes. Tests use it exactly as an LSP client would: initialize, open documents, send requests.
 */
export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  /** What the server advertised in its initialize result. */
  capabilities: Record<string, unknown> = {};
  /** The whole initialize result, fields beside the capabilities included. */
  initializeResult: Record<string, unknown> = {};
  private readonly statusWaiters: Array<() => void> = [];
  private ready = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly root: string,
  ) {}

  /**
   * Starts the server on a folder and completes the handshake; waits until the first indexing is done unless
   * told not to. `versionedEdits` says, as VS Code does, that the client takes `documentChanges`;
   * `textDocument` adds to what the client says it can do with documents (`definition: { linkSupport: true }`),
   * `workspace` to what it can do with the workspace (`semanticTokens: { refreshSupport: true }`), `general`
   * to its general capabilities (`positionEncodings: ['utf-8']`).
   */
  static async start(
    root: string,
    initializationOptions: Record<string, unknown> = {},
    settings: Record<string, unknown> = {},
    {
      waitForIndex = true,
      versionedEdits = false,
      textDocument = {} as Record<string, unknown>,
      workspace = {} as Record<string, unknown>,
      general = {} as Record<string, unknown>,
    } = {},
  ): Promise<LspTestClient> {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, root);
    child.stderr!.on('data', (chunk: Buffer) => {
      client.logs.push(chunk.toString());
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params);
    });
    connection.onNotification('marginalia/status', (params: { state: string }) => {
      if (params.state === 'ready') client.markReady();
    });
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'marginalia' ? settings : null)),
    );
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    const folder = URI.file(root).toString();
    const initialized = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: path.basename(root) }],
      // As the VS Code client does: status notifications tell the tests when indexing is done.
      initializationOptions: { statusNotifications: true, runSnippets: true, ...initializationOptions },
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
          workspaceEdit: { documentChanges: versionedEdits },
          ...workspace,
        },
        window: { workDoneProgress: true },
        general,
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true },
          ...textDocument,
        },
      },
    });
    client.capabilities = initialized.capabilities;
    client.initializeResult = initialized;
    await connection.sendNotification('initialized', {});
    if (waitForIndex) await client.waitUntilIndexed();
    return client;
  }

  /** Whether the server has said its first indexing is done. */
  get indexed(): boolean {
    return this.ready;
  }

  uri(relative: string): string {
    return URI.file(path.join(this.root, relative)).toString();
  }

  async open(relative: string, text: string, version = 1): Promise<string> {
    const uri = this.uri(relative);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    return uri;
  }

  async waitUntilIndexed(timeoutMs = 30_000): Promise<void> {
    if (this.ready) return;
    await withTimeout(
      new Promise<void>((resolve) => this.statusWaiters.push(resolve)),
      timeoutMs,
      `the server did not finish indexing within ${timeoutMs} ms\n${this.logs.join('')}`,
    );
  }

  /** The diagnostics last published for a note, once they satisfy `check`. */
  async waitForDiagnostics(uri: string, check: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const published = this.diagnostics.get(uri)?.diagnostics;
      if (published && check(published)) return published;
      if (Date.now() > deadline)
        throw new Error(`diagnostics of ${uri} not as expected within ${timeoutMs} ms: ${JSON.stringify(published)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends shutdown and exit, and waits for the process to end; kills it if it does not. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 5000, 'shutdown timed out');
      await this.connection.sendNotification('exit');
      return await withTimeout(exited, 5000, 'the server did not exit');
    } catch (error) {
      this.process.kill('SIGKILL');
      throw error;
    } finally {
      this.connection.dispose();
    }
  }

  private markReady(): void {
    this.ready = true;
    for (const resolve of this.statusWaiters.splice(0)) resolve();
  }
}

/** A scratch copy of a folder (the seeds by default), so tests may edit, add and delete notes. */
export function scratchCopy(source = SEEDS): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-protocol-'));
  cpSync(source, root, { recursive: true });
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** A scratch folder holding the given notes (paths relative to it), for tests on a few small notes. */
export function scratchNotes(notes: Record<string, string>): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-protocol-'));
  for (const [file, text] of Object.entries(notes)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

/**
 * For a suite of tests on the seeds: starts a server on a scratch copy before the tests and, after
 * them, checks that it shuts down cleanly and removes the copy.
 */
export function serverOnSeedCopy(): { readonly client: LspTestClient; readonly root: string } {
  let scratch: ReturnType<typeof scratchCopy> | undefined;
  let client: LspTestClient | undefined;
  before(async () => {
    scratch = scratchCopy();
    client = await LspTestClient.start(scratch.root);
  });
  after(async () => {
    const code = await client?.stop();
    scratch?.dispose();
    if (code !== 0) throw new Error(`the server exited with code ${code} after shutdown and exit`);
  });
  return {
    get client() {
      if (!client) throw new Error('the server has not started');
      return client;
    },
    get root() {
      if (!scratch) throw new Error('the scratch copy does not exist');
      return scratch.root;
    },
  };
}
