// The one place the index is assembled: the workspace over the notes folders, the parser (worker pools
// and their sizes), the index cache and the index itself. The server, the CLI commands that index a folder
// and the bench build their index here, so that a change to how notes are read, parsed or cached is made once.

import * as os from 'node:os';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { DEFAULT_CONFIG, type MarginaliaConfig } from './config';
import { InProcessParser } from './pipeline/inProcessParser';
import { cacheFileFor, FileIndexCache } from './index/indexCache';
import { NotesIndex, type IndexingOptions } from './index/notesIndex';
import { limitHeapGrowth } from './parse/heapGrowth';
import { parserBuildId, type NoteParser } from './parse/noteParser';
import { RoutedParser } from './parse/routedParser';
import { WorkerPoolParser } from './parse/workerParser';
import { NodeWorkspace } from './workspace/nodeWorkspace';
import type { Logger } from './workspace/notesWorkspace';

/** How notes are parsed. */
export type ParserOptions =
  /** The server's: worker threads only, so that the main thread is free for requests. */
  | { kind: 'server'; isOpen(uri: string): boolean }
  /** A command run to completion (`check`): workers when one was built beside it, else the calling thread. */
  | { kind: 'batch' }
  /** The calling thread: tests, `entities`, the bench's in-process timings. */
  | { kind: 'in-process' };

/** A parser and how many notes to keep in flight with it while a workspace is indexed. */
export interface SizedParser {
  readonly parser: NoteParser;
  readonly concurrency: number;
}

export interface EngineOptions {
  /** The notes folders, as file-system paths. */
  folders: readonly string[];
  config?: MarginaliaConfig;
  logger: Logger;
  /** Options to build a parser the engine owns, or a parser shared between engines (the server's, across settings changes). */
  parser: ParserOptions | SizedParser;
  /** Keeps the index cache between runs; off unless asked for. */
  cache?: boolean;
  /** Where the cache goes (the editor's storage folder); the user's cache folder when not given. */
  storagePath?: string;
}

export interface Engine {
  readonly index: NotesIndex;
  readonly folders: readonly string[];
  readonly config: MarginaliaConfig;
  /** Set once the engine is disposed or closed: its walk has stopped, and what it counted is partial. */
  readonly stopped: boolean;
  /** Indexes every note, as many at once as the parser keeps busy; returns early once the engine stops. */
  indexWorkspace(options?: Omit<IndexingOptions, 'cancellation'>): Promise<void>;
  /** Writes the cache now if anything changed since it was last written. */
  flush(): Promise<void>;
  /** Stops indexing, writes the cache and releases the parser if the engine built it (at shutdown). */
  close(): Promise<void>;
  /**
   * Stops indexing, drops a cache write still pending (an engine replaced after a settings change) and
   * releases the parser if the engine built it.
   */
  dispose(): void;
}

export function createEngine(options: EngineOptions): Engine {
  const { folders, logger } = options;
  const config = options.config ?? DEFAULT_CONFIG;
  const owned = !('parser' in options.parser);
  const sized = 'parser' in options.parser ? options.parser : createParser(options.parser);
  const cache = options.cache ? new FileIndexCache(cacheFileFor(folders, options.storagePath), parserBuildId(), logger) : undefined;
  const index = new NotesIndex(new NodeWorkspace([...folders], config, logger), sized.parser, config, logger, cache);
  let stopped = false;
  const release = (): void => {
    stopped = true;
    if (owned) sized.parser.dispose();
  };
  return {
    index,
    folders,
    config,
    get stopped() {
      return stopped;
    },
    indexWorkspace: (indexing = {}) =>
      index.indexWorkspace({
        concurrency: sized.concurrency,
        ...indexing,
        cancellation: {
          get isCancellationRequested() {
            return stopped;
          },
        },
      }),
    flush: () => index.flushCache(),
    close: async () => {
      stopped = true;
      await index.flushCache();
      release();
    },
    dispose: () => {
      index.dispose();
      release();
    },
  };
}

/** Builds a parser with its workers; whoever asked for it disposes of it. */
export function createParser(options: ParserOptions): SizedParser {
  if (options.kind === 'server') return serverParser(options.isOpen);
  if (options.kind === 'batch') return batchParser();
  // The index's own default: parsing holds the thread, so notes in flight only overlap their reads.
  return { parser: new InProcessParser(), concurrency: 2 };
}

/** The parse worker's bundle, built as dist/parseWorker.js beside the server and the CLI that load this module. */
const WORKER_SCRIPT = path.join(__dirname, 'parseWorker.js');

function serverParser(isOpen: (uri: string) => boolean): SizedParser {
  // One parse worker per core but one, which is left to the main thread for requests while a vault is indexed.
  const bulkWorkers = Math.max(1, os.availableParallelism() - 1);
  // Two, so that one slow note open in the editor leaves a worker for the others and for hovers.
  const editorWorkers = 2;
  const parser = new RoutedParser(
    new WorkerPoolParser(WORKER_SCRIPT, bulkWorkers),
    new WorkerPoolParser(WORKER_SCRIPT, editorWorkers),
    isOpen,
  );
  // Several notes in flight per worker, so that no worker waits while the next note is read and decoded.
  return { parser, concurrency: bulkWorkers * 4 };
}

/** Parsing dominates a check: the built CLI parses on worker threads (its parse worker sits next to it). */
function batchParser(): SizedParser {
  const workers = Math.max(1, Math.min(4, os.cpus().length));
  // Even on one core: a note that exhausts a worker's memory must not take the CLI down with it.
  if (!existsSync(WORKER_SCRIPT)) return { parser: limitingHeapGrowthOnceParsed(new InProcessParser()), concurrency: 2 };
  return { parser: limitingHeapGrowthOnceParsed(new WorkerPoolParser(WORKER_SCRIPT, workers)), concurrency: workers * 2 };
}

/** Once every note is parsed, the heap holds what the index keeps: from then on it should grow little (see heapGrowth.ts). */
function limitingHeapGrowthOnceParsed(parser: NoteParser): NoteParser {
  return {
    parse: (uri, text, options) => parser.parse(uri, text, options),
    releaseIdle: () => {
      parser.releaseIdle?.();
      limitHeapGrowth();
    },
    dispose: () => parser.dispose(),
  };
}
