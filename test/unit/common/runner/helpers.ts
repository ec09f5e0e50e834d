// Shared by the snippet tests: code-block facts built by hand or read from a fixture note, and a
// way to see which of our test processes are still alive.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeBlockFact } from '../../../../server/src/parse/facts';

/** A fenced block as the parser would report it, opening fence on `line` (zero-based). */
export function fence(info: string, value: string, line = 0): CodeBlockFact {
  const [lang = '', ...rest] = info.trim().split(/\s+/);
  const lines = value.split('\n').length;
  return {
    lang,
    meta: rest.join(' '),
    value,
    fenced: true,
    range: { start: { line, character: 0 }, end: { line: line + lines + 1, character: 3 } },
  };
}

/**
 * The fenced blocks of a Markdown text: enough of CommonMark for the fixture notes (backtick and
 * tilde fences, info strings), so these tests do not depend on the note parser.
 */
export function readFencedBlocks(text: string): CodeBlockFact[] {
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlockFact[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const marker = open[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j]);
      j++;
    }
    const [lang = '', ...rest] = open[2].trim().split(/\s+/);
    blocks.push({
      lang,
      meta: rest.join(' '),
      value: body.join('\n'),
      fenced: true,
      range: { start: { line: i, character: 0 }, end: { line: j, character: marker.length } },
    });
    i = j;
  }
  return blocks;
}

/** A marker unique to one test run, used as `sleep <marker>` so `ps` finds only our processes. */
export function uniqueSleepArgument(): string {
  return `1000.${process.pid}${Math.floor(Math.random() * 1e6)}`;
}

/** Live (non-zombie) processes whose command line contains `text`, as `ps` lists them. */
export function processesMatching(text: string): string[] {
  const listing = execFileSync('ps', ['-eo', 'pid,pgid,stat,args'], { encoding: 'utf8' });
  return listing
    .split('\n')
    .slice(1)
    .filter((line) => line.includes(text))
    .filter((line) => !/^\s*\d+\s+\d+\s+Z/.test(line));
}

/** Polls until `check` holds or `ms` pass; returns whether it held. */
export async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const tempDirs: string[] = [];

/** A fresh directory under the system temp dir, removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `marginalia-test-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export const fixturesDir = path.resolve(__dirname, '../../../fixtures');
