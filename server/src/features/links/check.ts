// Link diagnostics for notes of an index: local checks, plus external results when there are any.

import type { NotesView } from '../../index/notesView';
import type { NoteFacts } from '../../parse/facts';
import { finish, type Steps } from '../../parse/steps';
import type { ExternalLinkResult } from './external';
import { reportable, type LinkDiagnostic, type LinkSettings } from './policy';
import { compareRanges, linkProblemSteps } from './validate';
import { externalProblems } from './webLinks';

const NO_RESULTS: ReadonlyMap<string, ExternalLinkResult> = new Map();

/**
 * Reported diagnostics of one note, as steps (see `steps.ts`): a large note's facts are read and its links
 * checked a slice at a time. Call `index.linkGraph.prepare` for it first.
 */
export function* noteDiagnosticSteps(
  index: NotesView,
  uri: string,
  settings: LinkSettings,
  external: ReadonlyMap<string, ExternalLinkResult> = NO_RESULTS,
): Steps<LinkDiagnostic[]> {
  const facts = yield* index.factsSteps(uri);
  return facts ? yield* diagnosticSteps(index, uri, facts, settings, external) : [];
}

/** `noteDiagnosticSteps` of facts already read from the note. */
export function* diagnosticSteps(
  index: NotesView,
  uri: string,
  facts: NoteFacts,
  settings: LinkSettings,
  external: ReadonlyMap<string, ExternalLinkResult> = NO_RESULTS,
): Steps<LinkDiagnostic[]> {
  const problems = yield* linkProblemSteps(index, uri, facts, settings.anchors);
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
  return new Map(uris.map((uri) => [uri, finish(noteDiagnosticSteps(index, uri, settings, external))]));
}
