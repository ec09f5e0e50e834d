// Driving the real server over stdio for the eval (through bench/lspSession.ts): a fresh workspace copy, a
// fresh index cache, the entity list and hovers. Any failure to start or answer is a ServerFailure
// (exit code 3).

import { chmodSync, cpSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspSession, withTimeout } from '../lspSession';
import type { EntityItem } from './identity';
import type { Position } from './positions';

export class ServerFailure extends Error {}

const READY_TIMEOUT_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 60_000;
// A server that dies at start leaves the handshake unanswered rather than failed; do not wait for it long.
const HANDSHAKE_TIMEOUT_MS = 30_000;

/** A temporary folder that is removed, read-only copies included, when disposed. */
export interface Scratch {
  root: string;
  dispose(): void;
}

export function scratchFolder(prefix: string): Scratch {
  // realpath: the server reports URIs of the real path, and site files are made relative to `root`.
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Copies the given folders of `source` into a fresh workspace. The corpus is read-only on disk and cpSync
 * keeps modes, so everything copied is made writable again: otherwise the copy could not be removed.
 */
export function copyFolders(source: string, folders: readonly string[], into: string): void {
  for (const folder of folders) cpSync(path.join(source, folder), path.join(into, folder), { recursive: true });
  makeWritable(into);
}

function makeWritable(target: string): void {
  const isDirectory = statSync(target).isDirectory();
  chmodSync(target, isDirectory ? 0o755 : 0o644);
  if (isDirectory) for (const entry of readdirSync(target)) makeWritable(path.join(target, entry));
}

/** The folders directly inside a corpus: its repositories (the README, SOURCES and gold files are not notes). */
export function repositoryFolders(corpusDir: string): string[] {
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

function hoverMarkdown(hover: Hover | null): string {
  if (!hover) return '';
  const { contents } = hover;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n\n');
  return contents.value;
}

interface ServerEntity extends Omit<EntityItem, 'sites'> {
  sites: Array<{ uri: string; range: { start: { line: number } } }>;
}

/** A server indexing one workspace, with a cache folder of its own. */
export class EvalServer {
  private readonly opened = new Set<string>();

  private constructor(
    private readonly session: LspSession,
    readonly indexMs: number,
  ) {}

  /** Spawns the server, waits for `marginalia/status` ready; index time is spawn to ready. */
  static async start(root: string, cacheHome: string): Promise<EvalServer> {
    let session: LspSession | undefined;
    try {
      // XDG_CACHE_HOME: no storagePath is passed (see lspSession.ts), so this fresh folder holds the index cache.
      session = await withTimeout(
        LspSession.start(root, { env: { XDG_CACHE_HOME: cacheHome } }),
        HANDSHAKE_TIMEOUT_MS,
        'the initialize handshake timed out',
      );
      const exited = session.exit.then((code) => Promise.reject(new Error(`the server exited with code ${code}`)));
      exited.catch(() => undefined); // handled by the race below; an exit after ready (at stop) is no failure
      await withTimeout(
        Promise.race([session.waitUntilReady(), exited]),
        READY_TIMEOUT_MS,
        `no ready status within ${READY_TIMEOUT_MS / 1000} s`,
      );
      return new EvalServer(session, (session.readyAt ?? 0) - session.spawnedAt);
    } catch (error) {
      const tail = session?.tail() ?? '';
      await session?.stop();
      throw new ServerFailure(`the server on ${root} failed: ${message(error)}${tail ? `\n--- server log ---\n${tail}` : ''}`);
    }
  }

  /** The `marginalia/entities` list, with sites as workspace-relative paths and zero-based lines. */
  async entities(): Promise<EntityItem[]> {
    const items = await this.request<ServerEntity[]>('marginalia/entities', undefined);
    return items.map((item) => ({
      ...item,
      sites: item.sites.map((site) => ({ file: this.relative(site.uri), line: site.range.start.line })),
    }));
  }

  /** The hover markdown at a position of a note, opened first as an editor would; '' for no card. */
  async hover(file: string, position: Position): Promise<string> {
    if (!this.opened.has(file)) {
      this.opened.add(file);
      await this.session.openFromDisk(file);
    }
    const hover = await this.request<Hover | null>('textDocument/hover', { textDocument: { uri: this.session.uri(file) }, position });
    return hoverMarkdown(hover);
  }

  stop(): Promise<void> {
    return this.session.stop();
  }

  private async request<T>(method: string, params: unknown): Promise<T> {
    try {
      return await withTimeout(this.session.connection.sendRequest<T>(method, params), REQUEST_TIMEOUT_MS, `${method} timed out`);
    } catch (error) {
      throw new ServerFailure(`${method} failed: ${message(error)}\n--- server log ---\n${this.session.tail()}`);
    }
  }

  private relative(uri: string): string {
    return path.relative(this.session.root, URI.parse(uri).fsPath).split(path.sep).join('/');
  }
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
