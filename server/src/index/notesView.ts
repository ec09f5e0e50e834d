import type { LostHeadingFact, NoteFacts, Position, Range } from '../parse/facts';
import type { LineMap } from '../parse/lineMap';
import type { Steps } from '../parse/steps';
import type { Entity } from './entityTable';
import type { LinkGraph } from './linkGraph';
import type { MentionPlace, MentionQuery } from './noteMentions';
import type { Location, NoteOutline } from './noteState';
import type { NoteFailure } from './noteStore';

export type { Location, NoteOutline } from './noteState';

/** What features ask of the link graph: where the notes are, which files exist, who links to what, and when that changed. */
export type LinkGraphView = Pick<
  LinkGraph,
  | 'folders'
  | 'generation'
  | 'prepare'
  | 'exists'
  | 'noteAt'
  | 'existingFiles'
  | 'existingOtherFiles'
  | 'notesLinkingTo'
  | 'wikiLinkingNotes'
  | 'unsettled'
>;

/**
 * The index as features see it: only the questions they ask, none of the changes. Features take this
 * rather than `NotesIndex`, so that what they may depend on is stated here, and a test can hand them
 * anything that answers it.
 */
export interface NotesView {
  /** Whether the first walk over the notes is still going: counts of mentions are partial until it ends. */
  readonly isIndexing: boolean;
  readonly linkGraph: LinkGraphView;
  noteUris(): string[];
  /** Whether the index holds the note (reading none of its facts). */
  has(uri: string): boolean;
  /** Whether the note is over a million characters long: work on it takes long enough to be done a slice at a time. */
  isLarge(uri: string): boolean;
  /** The notes that could not be read or parsed, and why. */
  failures(): ReadonlyMap<string, NoteFailure>;
  facts(uri: string): NoteFacts | undefined;
  /** `facts` as steps (see `steps.ts`): a large note's are parsed a slice at a time. */
  factsSteps(uri: string): Steps<NoteFacts | undefined>;
  outline(uri: string): NoteOutline | undefined;
  anchors(uri: string): readonly string[] | undefined;
  /** Lines of the note written as headings that are not headings, held for every note like its anchors. */
  lostHeadings(uri: string): readonly LostHeadingFact[] | undefined;
  lineMap(uri: string): LineMap | undefined;
  /** The text the facts were read from; only notes open in an editor keep theirs. */
  text(uri: string): string | undefined;
  allEntities(): Entity[];
  entity(id: string): Entity | undefined;
  /** The entities a note defines (a site of theirs is in it): looked up, not searched for. */
  entitiesDefinedIn(uri: string): readonly Entity[];
  entitiesAt(uri: string, position: Position): { entities: Entity[]; range: Range } | undefined;
  entityLinkedBy(url: string): Entity | undefined;
  mentionsOf(entityId: string): Location[];
  /** A note's mentions in order, as `MentionQuery` narrows them: looked up in its packed mentions, never a scan of its text. */
  mentionsIn(uri: string, query: MentionQuery): MentionPlace[];
  linksTo(entityId: string): Location[];
  noteCountMentioning(entityId: string): number;
}
