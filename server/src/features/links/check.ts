// Link diagnostics for notes of an index: local checks, plus external results when there are any.

import type { NotesView } from '../../index/notesView';
import type { ExternalLinkResult } from './external';
import { reportable, type LinkDiagnostic, type LinkSettings } from './policy';
import type { NoteFacts } from '../../parse/facts';
import type { LinkProblem } from './problem';
import { compareRanges, linkProblems, linkProblemsInSlices } from './validate';
import { externalProblems } from './webLinks';

const NO_RESULTS: ReadonlyMap<string, ExternalLinkResult> = new Map();

/** Reported diagnostics of one note; call `index.linkGraph.prepare` for it first. */
export function noteDiagnostics(
  index: NotesView,
  uri: string,
  settings: LinkSettings,
  external: ReadonlyMap<string, ExternalLinkResult> = NO_RESULTS,
): LinkDiagnostic[] {
  const facts = index.facts(uri);
  return facts ? reported(facts, linkProblems(index, uri), settings, external) : [];
}

/** `noteDiagnostics` for a large note, from facts read with `index.factsInSlices`: its links checked a slice at a time, with `pause` between. */
export async function noteDiagnosticsInSlices(
  index: NotesView,
  uri: string,
  facts: NoteFacts,
  settings: LinkSettings,
  external: ReadonlyMap<string, ExternalLinkResult>,
  pause: () => Promise<void>,
): Promise<LinkDiagnostic[]> {
  return reported(facts, await linkProblemsInSlices(index, uri, facts, pause), settings, external);
}

function reported(
  facts: NoteFacts,
  problems: LinkProblem[],
  settings: LinkSettings,
  external: ReadonlyMap<string, ExternalLinkResult>,
): LinkDiagnostic[] {
  if (external.size) problems.push(...externalProblems(facts, external));
  problems.sort((a, b) => compareRanges(a.range, b.range));
  return reportable(problems, settings, new Set(facts.silencedLines));
}

/** Every note's diagnostics, notes with none included; the disk is asked once per distinct linked file. */
export async function workspaceDiagnostics(
  index: NotesView,
  settings: LinkSettings,
  external?: ReadonlyMap<string, ExternalLinkResult>,
): Promise<Map<string, LinkDiagnostic[]>> {
  const uris = index.noteUris();
  await index.linkGraph.prepare(uris);
  return new Map(uris.map((uri) => [uri, noteDiagnostics(index, uri, settings, external)]));
}
