// Whole-workspace local link validation, timed in process: indexing and checking separately, so
// the cost of the checks themselves is visible. The benchmark runner calls `benchLinkValidation`.

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from '../server/src/config';
import { createEngine } from '../server/src/engine';
import { workspaceDiagnostics } from '../server/src/features/links/check';
import { silentLogger } from '../server/src/workspace/notesWorkspace';

export interface LinkValidationTiming {
  notes: number;
  /** Diagnostics reported, by code. */
  problems: Record<string, number>;
  /** Reading and parsing every note. */
  indexMs: number;
  /** Checking every link of every note, file-existence checks included (the first, cold, pass). */
  validateMs: number;
  /** A second pass with what the first learnt about the disk, as after an edit in the editor. */
  revalidateMs: number;
}

export async function benchLinkValidation(folder: string): Promise<LinkValidationTiming> {
  const root = path.resolve(folder);
  const engine = createEngine({ folders: [root], logger: silentLogger, parser: { kind: 'in-process' } });
  const { index } = engine;
  const indexStart = performance.now();
  await engine.indexWorkspace({ concurrency: 4 });
  const validateStart = performance.now();
  const diagnostics = await workspaceDiagnostics(index, DEFAULT_CONFIG.links);
  const revalidateStart = performance.now();
  await workspaceDiagnostics(index, DEFAULT_CONFIG.links);
  const end = performance.now();
  const problems: Record<string, number> = {};
  for (const list of diagnostics.values()) for (const diagnostic of list) problems[diagnostic.code] = (problems[diagnostic.code] ?? 0) + 1;
  return {
    notes: index.noteUris().length,
    problems,
    indexMs: validateStart - indexStart,
    validateMs: revalidateStart - validateStart,
    revalidateMs: end - revalidateStart,
  };
}

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    process.stderr.write('usage: node --import tsx bench/links.ts <notes folder>\n');
    process.exit(2);
  }
  benchLinkValidation(folder).then(
    (timing) => process.stdout.write(`${JSON.stringify(timing, null, 2)}\n`),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
