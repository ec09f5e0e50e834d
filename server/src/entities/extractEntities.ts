import type { EntityCandidate } from '../parse/facts';
import type { ParsedNote } from '../parse/parseNote';
import { explicitCandidates, suppressedLines } from './explicit';
import { linkedHeadingCandidates } from './linkedHeadings';
import { looseListCandidates } from './looseLists';
import { paperLinkCandidates } from './paperLinks';
import { projectCardCandidates } from './projectCards';
import { tableRowCandidates } from './tableRows';

/** Shared by the shape extractors of one note: a link that names one candidate is not reused by another. */
export interface ExtractionContext {
  note: ParsedNote;
  claimedLinks: Set<number>;
}

/** Runs every entity shape over a parsed note, strongest shapes first. */
export function extractEntities(note: ParsedNote): EntityCandidate[] {
  const context: ExtractionContext = { note, claimedLinks: new Set() };
  const candidates = [
    ...explicitCandidates(context),
    ...tableRowCandidates(context),
    ...linkedHeadingCandidates(context),
    ...projectCardCandidates(context),
    ...looseListCandidates(context),
    ...paperLinkCandidates(context),
  ];
  const suppressed = suppressedLines(note);
  return candidates.filter((candidate) => !suppressed.has(candidate.range.start.line));
}
