import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/config';
import { NotesIndex } from '../../server/src/index/notesIndex';
import type { Position } from '../../server/src/parse/facts';
import { InProcessParser } from '../../server/src/pipeline/inProcessParser';
import { parseNote } from '../../server/src/pipeline/noteFacts';
import { MemoryWorkspace } from '../../server/src/workspace/memoryWorkspace';
import type { Logger } from '../../server/src/workspace/notesWorkspace';

export const SEEDS_DIR = path.resolve(__dirname, '../../seeds');

export const SEED = {
  chips: '000_2a3c44dcec08f07f.md',
  aiOs: '001_7e5cbe7abf80e26e.md',
  frameworks: '002_cb18c87924e80d70.md',
  weekly: '003_60d5967b76ad9911.md',
  learnAi: '004_e64108ec665da56c.md',
} as const;

export function seedText(name: string): string {
  return readFileSync(path.join(SEEDS_DIR, name), 'utf8');
}

/** A seed's line, 1-based as an editor shows it, so tests can cite the line they cover. */
export function seedLine(name: string, line: number): string {
  return seedText(name).split('\n')[line - 1];
}

export function noteUri(name: string): string {
  return `file:///notes/${name}`;
}

/** Facts of a one-off note, parsed for real. */
export function factsOf(markdown: string, name = 'note.md') {
  return parseNote(noteUri(name), markdown);
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`);
  }
}

export async function indexOf(files: Record<string, string | Uint8Array>, logger: Logger = new RecordingLogger()) {
  const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([name, content]) => [noteUri(name), content])));
  const index = new NotesIndex(workspace, new InProcessParser(), DEFAULT_CONFIG, logger);
  await index.indexWorkspace();
  return { index, workspace };
}

let seedIndex: Promise<{ index: NotesIndex; workspace: MemoryWorkspace }> | undefined;

/** The five seed notes indexed once, shared by the tests that only read. */
export function indexedSeeds() {
  seedIndex ??= indexOf(Object.fromEntries(readdirSync(SEEDS_DIR).map((name) => [name, seedText(name)])));
  return seedIndex;
}

/** Position of the n-th occurrence of `needle` on a 1-based line, plus `offset` characters into it. */
export function positionOf(text: string, line: number, needle: string, offset = 1, occurrence = 1): Position {
  const lineText = text.split('\n')[line - 1];
  let character = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    character = lineText.indexOf(needle, character + 1);
    if (character < 0) throw new Error(`'${needle}' not found ${occurrence} time(s) on line ${line}: ${lineText.slice(0, 80)}`);
  }
  return { line: line - 1, character: character + offset };
}

/** First 1-based line of a text containing the needle. */
export function lineContaining(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let line = from; line <= lines.length; line++) if (lines[line - 1].includes(needle)) return line;
  throw new Error(`'${needle}' not found`);
}
