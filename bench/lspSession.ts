// The benchmark's editor: spawns `node dist/server.js --stdio` and speaks JSON-RPC over its pipes, as
// test/protocol/lspClient.ts does, but with timing in mind: it does not wait for indexing on start, keeps
// the time of spawn, samples the process's memory, and lets a caller wait for a given diagnostics version.
// It passes no initializationOptions.storagePath, like an editor other than VS Code, so the server keeps its
// index cache under $XDG_CACHE_HOME/marginalia: the caller points XDG_CACHE_HOME at a folder it owns (`env`).

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const SERVER_JS = path.resolve(__dirname, '..', 'dist', 'server.js');

export interface ServerStatus {
  state: string;
  indexed?: number;
  total?: number;
  entities?: number;
}

/** Every child process the benchmark started and has not seen exit; killed on the way out whatever happens. */
const liveChildren = new Set<ChildProcess>();

export function track(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

export function killAllChildren(): void {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  liveChildren.clear();
}

export class LspSession {
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  readonly logs: string[] = [];
  readyAt: number | undefined;
  readyStatus: ServerStatus | undefined;
  private readonly readyWaiters: Array<() => void> = [];
  private readonly diagnosticWaiters: Array<(params: PublishDiagnosticsParams, at: number) => boolean> = [];
  private readonly sampler: NodeJS.Timeout;
  private peakRssKb = 0;
  private lastHwmKb = 0;
  private exited = false;
  readonly exit: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly root: string,
    spawnedAt: number,
  ) {
    this.spawnedAt = spawnedAt;
    this.exit = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exited = true;
        resolve(code);
      }),
    );
    this.sampler = setInterval(() => this.sampleMemory(), 200);
    this.sampler.unref();
  }

  /**
   * Spawns the server and completes the handshake; does not wait for indexing. `env` is added to this
   * process's environment for the server (the benchmark sets XDG_CACHE_HOME there).
   */
  static async start(
    root: string,
    options: { settings?: Record<string, unknown>; env?: Record<string, string> } = {},
  ): Promise<LspSession> {
    const spawnedAt = performance.now();
    // BENCH_SERVER_NODE_ARGS (say `--cpu-prof --cpu-prof-dir=/tmp/profiles`) goes to every server's node, for profiling.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, SERVER_JS, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    track(child);
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection, root, spawnedAt);
    child.stderr!.on('data', (chunk: Buffer) => session.log(chunk.toString()));
    child.on('error', (error) => session.log(`spawn error: ${error.message}`));
    connection.onError(([error]) => session.log(`connection error: ${error.message}`));
    connection.onNotification('window/logMessage', (params: { message: string }) => session.log(params.message));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const at = performance.now();
      for (let index = session.diagnosticWaiters.length - 1; index >= 0; index--) {
        if (session.diagnosticWaiters[index](params, at)) session.diagnosticWaiters.splice(index, 1);
      }
    });
    connection.onNotification('marginalia/status', (params: ServerStatus) => {
      if (params.state === 'ready' && session.readyAt === undefined) {
        session.readyAt = performance.now();
        session.readyStatus = params;
        for (const resolve of session.readyWaiters.splice(0)) resolve();
      }
    });
    connection.onRequest('workspace/configuration', (params: { items?: Array<{ section?: string }> }) =>
      (params.items ?? []).map((item) => (item.section === 'marginalia' ? (options.settings ?? {}) : null)),
    );
    // Whatever else a server may ask of its editor (progress tokens, registrations, refreshes) gets an empty answer.
    for (const method of [
      'window/workDoneProgress/create',
      'client/registerCapability',
      'client/unregisterCapability',
      'workspace/codeLens/refresh',
      'workspace/diagnostic/refresh',
      'workspace/inlayHint/refresh',
      'workspace/semanticTokens/refresh',
      'window/showMessageRequest',
    ]) {
      connection.onRequest(method, () => null);
    }
    connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
    connection.onRequest('window/showDocument', () => ({ success: false }));
    connection.listen();
    const folder = URI.file(root).toString();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: path.basename(root) }],
      // No storagePath: the server falls back to $XDG_CACHE_HOME/marginalia, as with editors other than VS Code.
      initializationOptions: { statusNotifications: true },
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return session;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  elapsedSinceSpawn(): number {
    return performance.now() - this.spawnedAt;
  }

  uri(relative: string): string {
    return URI.file(path.join(this.root, relative)).toString();
  }

  /** Opens a note of the vault with its text on disk, as an editor does when a tab opens. */
  async openFromDisk(relative: string, version = 1): Promise<{ uri: string; text: string }> {
    const text = readFileSync(path.join(this.root, relative), 'utf8');
    const uri = this.uri(relative);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    return { uri, text };
  }

  /** Resolves when the server has announced `marginalia/status` ready (at once if it already has). */
  waitUntilReady(): Promise<void> {
    if (this.readyAt !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Resolves with the arrival time of the first publishDiagnostics for `uri` that `accept` takes. */
  waitForDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean): { promise: Promise<number>; cancel(): void } {
    let waiter!: (params: PublishDiagnosticsParams, at: number) => boolean;
    const promise = new Promise<number>((resolve) => {
      waiter = (params, at) => {
        if (params.uri !== uri || !accept(params)) return false;
        resolve(at);
        return true;
      };
      this.diagnosticWaiters.push(waiter);
    });
    return {
      promise,
      cancel: () => {
        const index = this.diagnosticWaiters.indexOf(waiter);
        if (index >= 0) this.diagnosticWaiters.splice(index, 1);
      },
    };
  }

  /** Peak resident memory of the server process (worker threads included: they share the process), in MB. */
  peakRssMb(): number | undefined {
    this.sampleMemory();
    const kb = Math.max(this.peakRssKb, this.lastHwmKb);
    return kb > 0 ? kb / 1024 : undefined;
  }

  /** The last lines the server logged, for error messages. */
  tail(lines = 20): string {
    return this.logs.join('').split('\n').slice(-lines).join('\n');
  }

  /** Asks the server to shut down and exit; kills it when it does not within a few seconds. Never throws. */
  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 5000, 'shutdown timed out');
        await this.connection.sendNotification('exit');
        await withTimeout(this.exit, 5000, 'the server did not exit');
      } catch (error) {
        this.log(`stop: ${error instanceof Error ? error.message : String(error)}; killing the server\n`);
        this.child.kill('SIGKILL');
        await withTimeout(this.exit, 5000, 'the server did not die').catch(() => undefined);
      }
    }
    this.connection.dispose();
  }

  private sampleMemory(): void {
    const pid = this.child.pid;
    if (!pid || this.exited) return;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      if (rss) this.peakRssKb = Math.max(this.peakRssKb, Number(rss[1]));
      if (hwm) this.lastHwmKb = Math.max(this.lastHwmKb, Number(hwm[1]));
    } catch {
      // /proc is Linux only, and the process may just have exited.
    }
  }

  private log(message: string): void {
    this.logs.push(message.endsWith('\n') ? message : `${message}\n`);
    if (this.logs.length > 400) this.logs.splice(0, this.logs.length - 400);
  }
}

export class TimeoutError extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(message)), ms);
    }),
  ]);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
