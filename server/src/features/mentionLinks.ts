// "Link this mention": a plain-text name becomes a Markdown link to what it names, its repository or
// paper (or the note that defines it), at the cursor or at every mention of it in the note.
import { URI } from 'vscode-uri';
import type { Entity } from '../index/entityTable';
import type { NotesView } from '../index/notesView';
import { insideStart } from '../index/positions';
import type { Position, Range } from '../parse/facts';
import { entityUrl } from './completion/entities';
import { spell, spellingOf, type PathSpelling } from './completion/spelling';
import { relativePath } from './edits/linkSpelling';
import { noteWithText, sourceAt, type NoteWithText, type TextEditLike } from './edits/noteEdits';

/** The code action kind of every mention link. */
export const LINK_MENTION_KIND = 'refactor.rewrite.marginalia.linkMention';
/** Mentions of the entity one "link all" action looks at: the first ones of a note that has more. */
const LINK_ALL_LIMIT = 1000;

export interface MentionLinkAction {
  title: string;
  kind: typeof LINK_MENTION_KIND;
  edits: TextEditLike[];
  isPreferred?: boolean;
}

interface LinkTarget {
  destination: string;
  /** What the title calls it: `its repository (github.com/ucb-bar/gemmini)`. */
  description: string;
}

/**
 * The links a plain-text mention at the position can become: to the web page of the entity the hover
 * shows there (preferred), to the note defining it, and all its plain mentions in the note at once. None
 * where the name is already inside a link, in a heading (a linked heading would read as a definition) or
 * is where the note defines the entity (the record would change shape).
 */
export function mentionLinkActions(index: NotesView, uri: string, position: Position): MentionLinkAction[] {
  const note = noteWithText(index, uri);
  const found = index.entitiesAt(uri, position);
  const entity = found?.entities[0];
  if (!note || !found || !entity) return [];
  const isPlain = plainTextTest(note, found.entities);
  if (!isPlain(found.range)) return [];
  const targets = [webTarget(entity), noteTarget(index, note, entity)].filter((target): target is LinkTarget => target !== undefined);
  const name = sourceAt(note, found.range);
  const actions: MentionLinkAction[] = targets.map((target, rank) => ({
    title: `Link “${name}” to ${target.description}`,
    kind: LINK_MENTION_KIND,
    edits: [linkEdit(note, found.range, target)],
    ...(rank === 0 ? { isPreferred: true } : {}),
  }));
  const { mentions, more } = mentionsMeaning(index, uri, entity);
  const all = mentions.filter(isPlain);
  if (targets.length && all.length > 1)
    actions.push({
      title: `Link ${more ? 'the first' : 'all'} ${all.length} mentions of “${name}” in this note to ${targets[0].description}`,
      kind: LINK_MENTION_KIND,
      edits: all.map((range) => linkEdit(note, range, targets[0])),
    });
  return actions;
}

/** The mentions of the note that mean the entity: of a name several share, those where the hover shows it. */
function mentionsMeaning(index: NotesView, uri: string, entity: Entity): { mentions: Range[]; more: boolean } {
  const found = index.mentionsIn(uri, { entityId: entity.id, limit: LINK_ALL_LIMIT });
  const mentions = found
    .filter((mention) => mention.entityIds.length === 1 || index.entitiesAt(uri, insideStart(mention.range))?.entities[0]?.id === entity.id)
    .map((mention) => mention.range);
  // Where the limit cut the list, the note may hold more: the title must not say "all".
  return { mentions, more: found.length === LINK_ALL_LIMIT };
}

/**
 * Whether a mention stands in plain text where a link may be written: outside links, reference
 * definitions and headings, and not where the note defines one of the entities it names. The spans are
 * sorted once, so that testing every mention of a long note stays a binary search each.
 */
function plainTextTest(note: NoteWithText, entities: readonly Entity[]): (range: Range) => boolean {
  const { facts } = note;
  const ranges = [
    ...facts.links.map((link) => link.range),
    ...facts.referenceDefinitions.map((definition) => definition.range),
    ...facts.headings.map((heading) => heading.range),
    ...entities.flatMap((entity) => entity.sites.filter((site) => site.uri === note.uri).map((site) => site.range)),
  ];
  const spans = ranges
    .map((range) => [note.lines.offsetAt(range.start), note.lines.offsetAt(range.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  // The furthest end of the spans up to each one: spans nest and overlap (a link in a heading).
  const reach: number[] = [];
  for (const [, end] of spans) reach.push(Math.max(end, reach[reach.length - 1] ?? -1));
  return (range) => {
    const start = note.lines.offsetAt(range.start);
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (spans[mid][0] <= start) low = mid + 1;
      else high = mid;
    }
    return low === 0 || reach[low - 1] <= start;
  };
}

/** The entity's web page, as completion links it: a paper's arXiv page first, a project's repository first. */
function webTarget(entity: Entity): LinkTarget | undefined {
  const url = entityUrl(entity);
  if (!url) return undefined;
  const host = new URL(url).hostname;
  const what =
    host === 'github.com'
      ? 'its repository'
      : host === 'arxiv.org'
        ? 'its paper'
        : host === 'huggingface.co'
          ? 'its model'
          : 'its home page';
  // Spaces, parentheses and angle brackets would end or break the destination.
  const destination = url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return { destination, description: `${what} (${url.replace(/^https?:\/\//, '')})` };
}

/**
 * The section of the note that defines the entity (its first definition): the path from this note, and the
 * heading above the definition, spelled as this note spells its local links.
 */
function noteTarget(index: NotesView, note: NoteWithText, entity: Entity): LinkTarget | undefined {
  const site = entity.sites[0];
  if (!site) return undefined;
  const spelling = spellingOf(note.facts);
  const heading = index
    .outline(site.uri)
    ?.headings.filter((candidate) => candidate.range.start.line <= site.range.start.line)
    .pop();
  const anchor = heading ? `#${spell(heading.slug, spelling, false)}` : '';
  if (site.uri === note.uri) return anchor ? { destination: anchor, description: `its section (${anchor})` } : undefined;
  const destination = spellPath(relativePath(URI.parse(note.uri).path, URI.parse(site.uri).path), spelling) + anchor;
  return { destination, description: `its note (${destination})` };
}

function spellPath(relative: string, spelling: PathSpelling): string {
  return relative
    .split('/')
    .map((segment) => spell(segment, spelling, false))
    .join('/');
}

/** The mention as a link; brackets and backslashes in its text are escaped so that they stay text. */
function linkEdit(note: NoteWithText, range: Range, target: LinkTarget): TextEditLike {
  return { range, newText: `[${sourceAt(note, range).replace(/[[\]\\]/g, '\\$&')}](${target.destination})` };
}
