// The rows of the Entities view as plain data: what each row says, its icon, and where a click on it goes.
// Free of the `vscode` module, so that unit tests check it outside an editor; `entitiesView.ts` turns the
// rows into tree items. Everything here comes from the server's answers: the client reads no note.
import type { EntityDetail, EntityListItem, Range } from '../../common/protocol';
import { plural } from './format';

/** A spot in a note: where a click on a row opens the note. */
export interface Place {
  uri: string;
  range: Range;
}

export interface EntityRow {
  /** Unique in the tree and stable across refreshes, so that VS Code keeps what was expanded. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id. */
  icon: string;
  place?: Place;
  /** Set on an entity's own row: its children are asked of the server when it is expanded. */
  entityId?: string;
  /** The children of any other row, already known; none means a leaf. */
  children?: EntityRow[];
  expanded?: boolean;
}

/** Names a note for a row, e.g. as a path relative to the workspace folder. */
export type DescribeNote = (uri: string) => string;

const KIND_ICONS: Record<string, string> = { project: 'repo', paper: 'book', article: 'globe' };

/** What each note shape says to a reader: how the note defines the entity there. */
const SHAPE_WORDS: Record<string, string> = {
  explicit: 'entity block',
  'project-card': 'project card',
  'table-row': 'table row',
  'linked-heading': 'linked heading',
  'loose-list': 'list item',
  'list-record': 'list item',
  'paper-link': 'paper link',
};

/** An entity the shown note defines: a click goes to where this note defines it. */
export function entityRow(entity: EntityListItem, noteUri: string): EntityRow {
  const here = entity.sites.find((site) => site.uri === noteUri) ?? entity.sites[0];
  const elsewhere = entity.sites.filter((site) => site.uri !== noteUri).length;
  const summary = entity.summary.replace(/\s+/g, ' ').trim();
  return {
    id: `entity:${entity.id}`,
    label: entity.name,
    description: [entity.kind, elsewhere ? `also defined in ${plural(elsewhere, 'other place')}` : ''].filter(Boolean).join(' · '),
    tooltip: [entity.name, summary, entity.aliases.length ? `Also called: ${entity.aliases.join(', ')}` : ''].filter(Boolean).join('\n\n'),
    icon: KIND_ICONS[entity.kind] ?? 'symbol-misc',
    place: here && { uri: here.uri, range: here.range },
    entityId: entity.id,
  };
}

/** An expanded entity's children: where it is defined, then the notes that mention it. */
export function detailRows(entityId: string, detail: EntityDetail | null, describe: DescribeNote): EntityRow[] {
  if (!detail) return [{ id: `entity:${entityId}/gone`, label: 'No longer in the index: refresh the view', icon: 'warning' }];
  const definitions: EntityRow = {
    id: `entity:${entityId}/definitions`,
    label: 'Defined in',
    description: plural(detail.definitions.length, 'place'),
    icon: 'symbol-class',
    expanded: true,
    children: detail.definitions.map((site) => ({
      id: `entity:${entityId}/definition:${site.uri}:${site.range.start.line}:${site.range.start.character}`,
      label: `${describe(site.uri)}:${site.range.start.line + 1}`,
      description: SHAPE_WORDS[site.shape] ?? site.shape,
      icon: 'go-to-file',
      place: { uri: site.uri, range: site.range },
    })),
  };
  const mentions: EntityRow = {
    id: `entity:${entityId}/mentions`,
    label: 'Mentioned in',
    description: detail.notes.length ? plural(detail.notes.length, 'note') : 'no other place',
    icon: 'references',
    expanded: true,
    children: detail.notes.map((note) => noteRow(entityId, note, describe)),
  };
  return [definitions, mentions];
}

/** A note mentioning the entity: a click goes to its first mention; expanded, it lists them. */
function noteRow(entityId: string, note: EntityDetail['notes'][number], describe: DescribeNote): EntityRow {
  const id = `entity:${entityId}/note:${note.uri}`;
  const listed = note.ranges.length < note.count ? ` (the first ${note.ranges.length} listed)` : '';
  return {
    id,
    label: describe(note.uri),
    description: plural(note.count, 'mention') + listed,
    icon: 'file',
    place: note.ranges[0] && { uri: note.uri, range: note.ranges[0] },
    children: note.ranges.map((range) => ({
      id: `${id}:${range.start.line}:${range.start.character}`,
      label: `Line ${range.start.line + 1}`,
      description: `column ${range.start.character + 1}`,
      icon: 'location',
      place: { uri: note.uri, range },
    })),
  };
}
