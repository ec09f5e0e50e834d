// Which of the entities sharing a name a mention means. Notes share names a lot (two `Slurm Exporter`
// projects, `ORCA` the processor core and `Orca` the serving paper), and one right card is worth more
// than several: the candidates are ordered by what the note around the mention says about them.

import type { Position, Range } from '../parse/facts';

export interface DefinitionSite {
  uri: string;
  range: Range;
}

/** What the ordering needs to know of one entity a mention may mean. */
export interface MentionCandidate {
  id: string;
  /** Called exactly what the note says, rather than by a longer name that contains it. */
  exact: boolean;
  summary: string;
  sites: readonly DefinitionSite[];
  /** Distinct notes that name the entity. */
  notesMentioning: number;
}

/** Where the mention is: its note and the cursor in it. */
export interface MentionPlace {
  uri: string;
  position: Position;
}

/**
 * The candidates, the one the mention most likely means first. Where the note defines a thing is the
 * strongest hint of what it means by the name: the definition under the cursor, then any in the same
 * note. The exact spelling comes next, ahead of the folder: a name that is only part of another's
 * (`DeepSpeed` in `微软CNTK加速库、DeepSpeed`) seldom means that one, unless the note itself defines it
 * (a note describing VectorBlox ORCA means it when it says `ORCA`). Then the same folder, then the
 * nearest folder above the note (a vault's top notes speak for all of it; a sibling folder has its own
 * topic), then the best described, then the id, so that the answer never depends on the order the notes
 * were read in.
 */
export function orderByContext<C extends MentionCandidate>(candidates: readonly C[], place: MentionPlace): C[] {
  const ranked = candidates.map((candidate) => ({ candidate, rank: rankOf(candidate, place) }));
  ranked.sort((a, b) => compareRanks(a.rank, b.rank) || compareIds(a.candidate.id, b.candidate.id));
  return ranked.map(({ candidate }) => candidate);
}

/** Higher is likelier, compared from the first number on. */
function rankOf(candidate: MentionCandidate, place: MentionPlace): number[] {
  const folder = folderOf(place.uri);
  const { sites } = candidate;
  return [
    flag(sites.some((site) => site.uri === place.uri && encloses(site.range, place.position))),
    flag(sites.some((site) => site.uri === place.uri)),
    flag(candidate.exact),
    Math.max(0, ...sites.map((site) => folderCloseness(folderOf(site.uri), folder))),
    flag(candidate.summary.length > 0),
    sites.length,
    candidate.notesMentioning,
  ];
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return b[index] - a[index];
  return 0;
}

/** By code unit rather than by locale, so that every machine breaks ties alike. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}

/** The same folder first, then the folders above it, nearest first; 0 for any other. */
function folderCloseness(siteFolder: string, folder: string): number {
  if (siteFolder === folder) return Number.MAX_SAFE_INTEGER;
  return folder.startsWith(`${siteFolder}/`) ? siteFolder.length : 0;
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

/** Ends included, as an editor's cursor may stand just after a name. */
function encloses(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
