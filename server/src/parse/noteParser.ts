import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FACTS_VERSION } from './facts';
import type { ParsedFacts } from './packedFacts';

export interface ParseOptions {
  /** Someone is waiting on this note (a hover during indexing): it goes before notes queued earlier. */
  urgent?: boolean;
}

/** Turns note text into facts; the server parses in worker threads (workerParser.ts), tests in-process (pipeline/inProcessParser.ts). */
export interface NoteParser {
  parse(uri: string, text: string, options?: ParseOptions): Promise<ParsedFacts>;
  /** No more notes in bulk for now: resources kept for the next note can go (parsing later still works). */
  releaseIdle?(): void;
  dispose(): void;
}

let buildId: string | undefined;

/**
 * Identifies the code that turns notes into facts, so that facts cached by another build are never
 * trusted: FACTS_VERSION only bumps when someone remembers to. The parse worker's bundle holds all of
 * that code and is shipped beside the server and the CLI, so both name the same build.
 */
export function parserBuildId(): string {
  if (buildId) return buildId;
  const worker = path.join(__dirname, 'parseWorker.js');
  const code = existsSync(worker) ? worker : __filename;
  let digest = 'unreadable';
  try {
    digest = createHash('sha1').update(readFileSync(code)).digest('hex').slice(0, 16);
  } catch {
    // Without its own code to hash, the build is still told apart by the facts version.
  }
  buildId = `facts-${FACTS_VERSION}-${digest}`;
  return buildId;
}
