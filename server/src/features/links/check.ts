// Link diagnostics for notes of an index: local checks, plus external results when there are any.

import type { NotesIndex } from '../../index/notesIndex';
import type { ExternalLinkResult } from './external';
import { reportable, type LinkDiagnostic, type LinkSettings } from './policy';
import { compareRanges, linkProblems } from './validate';
import { externalProblems } from './webLinks';

const NO_RESULTS: ReadonlyMap<string, ExternalLinkResult> = new Map();

/** Reported diagnostics of one note; call `index.linkGraph.prepare` for it first. */
export function noteDiagnostics(index: NotesIndex, uri: string, settings: LinkSettings, external: ReadonlyMap<string, ExternalLinkResult> = NO_RESULTS): LinkDiagnostic[] {
  const facts = index.facts(uri);
  if (!facts) return [];
  const problems = linkProblems(index, uri);
  if (external.size) problems.push(...externalProblems(facts, external));
  problems.sort((a, b) => compareRanges(a.range, b.range));
  return reportable(problems, settings, new Set(facts.silencedLines));
}

/** Every note's diagnostics, notes with none included; the disk is asked once per distinct linked file. */
export async function workspaceDiagnostics(index: NotesIndex, settings: LinkSettings, external?: ReadonlyMap<string, ExternalLinkResult>): Promise<Map<string, LinkDiagnostic[]>> {
  const uris = index.noteUris();
  await index.linkGraph.prepare(uris);
  return new Map(uris.map((uri) => [uri, noteDiagnostics(index, uri, settings, external)]));
}
