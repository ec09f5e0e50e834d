import type { EntityCandidate } from '../parse/facts';
import type { ParsedNote } from '../parse/parseNote';
import { boldSubCardCandidates } from './boldSubCards';
import { explicitCandidates, suppressedLines } from './explicit';
import { headingCardCandidates } from './headingCards';
import { linkedHeadingCandidates } from './linkedHeadings';
import { listRecordCandidates } from './listRecords';
import { looseListCandidates } from './looseLists';
import { paperLinkCandidates } from './paperLinks';
import { projectCardCandidates } from './projectCards';
import { writingSectionSpans } from './sections';
import { tableRowCandidates } from './tableRows';

/** Shared by the shape extractors of one note: a link that names one candidate is not reused by another. */
export interface ExtractionContext {
  note: ParsedNote;
  claimedLinks: Set<number>;
  /** Lines of sections headed as writing (`## 文章`, `## Articles`), whose entries are articles: see sections.ts. */
  writingSpans: ReadonlyArray<{ start: number; end: number }>;
}

/** Runs every entity shape over a parsed note, strongest shapes first. */
export function extractEntities(note: ParsedNote): EntityCandidate[] {
  const context: ExtractionContext = { note, claimedLinks: new Set(), writingSpans: writingSectionSpans(note) };
  const candidates = [
    ...explicitCandidates(context),
    ...tableRowCandidates(context),
    ...linkedHeadingCandidates(context),
    ...boldSubCardCandidates(context),
    ...projectCardCandidates(context),
    ...headingCardCandidates(context),
    ...looseListCandidates(context),
    ...listRecordCandidates(context),
    ...paperLinkCandidates(context),
  ];
  const suppressed = suppressedLines(note);
  return onePerIdentity(candidates.filter((candidate) => !suppressed.has(candidate.range.start.line)));
}

/**
 * Two shapes reading the same record (a loose list and the list item holding it) yield one candidate: the
 * first, strongest shape's. Records on other lines stay sites of their own.
 */
function onePerIdentity(candidates: EntityCandidate[]): EntityCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (!candidate.identity) return true;
    const key = `${candidate.identity}@${candidate.range.start.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
