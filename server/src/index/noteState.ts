import type { EntityCandidate, HeadingFact, NoteFacts, Range } from '../parse/facts';
import type { LineMap } from '../parse/lineMap';
import { packedBytes, type PackedFacts } from '../parse/packedFacts';
import type { NoteLinkSummary } from '../parse/links/linkSummary';
import type { DiskStamp, EntityLinkSite, StoredFacts } from './indexCache';
import type { NoteMentions } from './noteMentions';

export interface Location {
  uri: string;
  range: Range;
}

/** What quick fixes, wiki links and symbols need of another note: its headings and title. */
export interface NoteOutline {
  title?: string;
  headings: HeadingFact[];
}

/** What the index holds of one note. */
export interface NoteState {
  /**
   * Open notes' facts as objects; a closed note's as JSON bytes (in memory or in the cache file), parsed
   * when a feature asks and kept only among the recently used (see `NoteFactsReader`).
   */
  facts: NoteFacts | StoredFacts;
  entities: EntityCandidate[];
  /** Kept for every note, so that the link graph and other notes' link checks never need a closed note's facts. */
  links: NoteLinkSummary;
  /** Read from the facts the first time another note's link needs it, and kept. */
  outline?: NoteOutline;
  /** Kept for open notes; a closed note's text is dropped once its mentions are found, and read again when names change. */
  text?: string;
  lines: LineMap;
  mentions: NoteMentions;
  entityLinks: EntityLinkSite[];
  /** Hash of the matcher signature that found `mentions` and `entityLinks`; any other means finding them again. */
  matchedWith: string;
  /** Set while an open editor owns the text: disk changes are ignored until it closes. */
  open: boolean;
  /** What the disk said of the note when the facts were read from it; none for an editor's unsaved text. */
  stamp?: DiskStamp;
}

/**
 * Notes longer than this (in characters) are matched, and their facts read from JSON, a slice at a time,
 * so that a note of tens of megabytes never holds requests up for long.
 */
export const LARGE_NOTE_CHARS = 1_000_000;

export function isLarge(state: NoteState): boolean {
  return state.lines.textLength > LARGE_NOTE_CHARS;
}

/** Drops a closed note's text, including the copy its line map holds, which would otherwise keep it alive. */
export function letGoOfText(state: NoteState): void {
  state.text = undefined;
  state.lines = state.lines.withoutText();
}

/** Packed facts held by the index as the cache would hold them: the cache writes the same bytes. */
export function storedInMemory(packed: PackedFacts): StoredFacts {
  const bytes = () => packedBytes(packed);
  return { stored: true, sha1: packed.sha1, bytes, rawBytes: bytes };
}

export function outlineOf({ title, headings }: NoteFacts): NoteOutline {
  return { title, headings };
}
