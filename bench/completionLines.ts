// The lines the completion phase adds to a session note, one per kind of completion, each written out
// in full: a request puts the cursor somewhere inside the part being completed, as if it were being typed.

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { slug } from 'github-slugger';
import type { Probe } from './generateVault';

export type CompletionKind = 'path' | 'folder' | 'image' | 'ownAnchor' | 'otherAnchor' | 'reference' | 'wiki' | 'name';

export interface CompletionLine {
  kind: CompletionKind;
  text: string;
  /** The cursor goes anywhere from this column to the end of the line. */
  from: number;
}

/** The lines to append to a note of the vault (`file`, relative to `vault`), from its folder's files, its headings and its mentions. */
export function completionLines(vault: string, file: string, text: string, probes: readonly Probe[]): CompletionLine[] {
  const folder = path.dirname(file);
  const siblings = readdirSync(path.join(vault, folder)).filter((name) => name.endsWith('.md') && name !== path.basename(file));
  const sibling = siblings[siblings.length >> 1] ?? path.basename(file);
  const otherFolder = readdirSync(vault).find((name) => name.startsWith('topic-') && name !== folder.split('/')[0]) ?? folder;
  const image = readdirSync(path.join(vault, folder, 'assets')).find((name) => name.endsWith('.png')) ?? 'fig-0.png';
  const ownHeading = slug(headingsOf(text)[1] ?? headingsOf(text)[0] ?? 'notes');
  const otherHeading = slug(headingsOf(readFileSync(path.join(vault, folder, sibling), 'utf8'))[1] ?? 'notes');
  const name = probes.find((probe) => probe.text.length >= 4)?.text ?? 'vLLM';
  const lines: CompletionLine[] = [
    after('path', '[x](', sibling),
    after('folder', '[x](../', `${otherFolder}/note`),
    after('image', '![x](', `assets/${image}`),
    after('ownAnchor', '[x](#', ownHeading),
    after('otherAnchor', `[x](${sibling}#`, otherHeading),
    after('reference', '[x][', 'ref'),
    after('wiki', '[[', sibling.replace(/\.md$/, '')),
    // Names need two typed characters before anything is offered.
    { kind: 'name', text: `利用${name}`, from: 2 + 2 },
    { kind: 'name', text: `We compare ${name}`, from: 11 + 2 },
  ];
  return lines;
}

function after(kind: CompletionKind, opening: string, completed: string): CompletionLine {
  return { kind, text: `${opening}${completed}`, from: opening.length };
}

function headingsOf(text: string): string[] {
  return [...text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((match) => match[1]);
}
