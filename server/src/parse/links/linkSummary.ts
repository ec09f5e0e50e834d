// What other notes' links need of a note, small enough to hold for every note of a large vault and to
// keep in the cache's summary: with it, building the link graph and checking links into a note never
// parse that note's facts, which a start from the cache holds only as JSON.

import type { LostHeadingFact, NoteFacts } from '../facts';
import { noteAnchors } from './anchors';
import { classifyTarget } from './target';

export interface NoteLinkSummary {
  /** The file paths the note's links and definitions point at, as written, without `?query` and `#fragment`; each once. */
  localTargets: string[];
  /** Whether the note has wiki links, which may resolve differently after any change elsewhere. */
  hasWikiLinks: boolean;
  /** The lower-cased `#fragment`s the note answers to. */
  anchors: string[];
  /** Lines written as headings that are not headings: what a link to one is told. */
  lostHeadings: LostHeadingFact[];
}

export function linkSummaryOf(
  facts: Pick<NoteFacts, 'links' | 'referenceDefinitions' | 'headings' | 'htmlAnchors' | 'lostHeadings'>,
): NoteLinkSummary {
  const localTargets = new Set<string>();
  const add = (written: string) => {
    const target = classifyTarget(written);
    if (target.kind === 'local' && target.writtenPath) localTargets.add(target.writtenPath);
  };
  // A reference link's target is its definition's, added once below.
  for (const link of facts.links) if (link.kind !== 'wiki' && link.kind !== 'reference') add(link.target);
  for (const definition of facts.referenceDefinitions) add(definition.target);
  return {
    localTargets: [...localTargets],
    hasWikiLinks: facts.links.some((link) => link.kind === 'wiki'),
    anchors: noteAnchors(facts),
    lostHeadings: facts.lostHeadings,
  };
}
