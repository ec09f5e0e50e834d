// The rows of the Entities view as plain data: what each row says, its icon, and where a click on it goes.
// Free of the `vscode` module, so that unit tests check it outside an editor; `entitiesView.ts` turns the
// rows into tree items. Everything here comes from the server's answers: the client reads no note.
import type { EntityDetail, EntityListItem, Range } from '../../common/protocol';
import { l10n } from './l10n';

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
  /** Set on an entity's own row: its children are asked of the server when it is expanded, and its graph can be drawn. */
  entityId?: string;
  /** The children of any other row, already known; none means a leaf. */
  children?: EntityRow[];
  expanded?: boolean;
}

/** Names a note for a row, e.g. as a path relative to the workspace folder. */
export type DescribeNote = (uri: string) => string;

const KIND_ICONS: Record<string, string> = { project: 'repo', paper: 'book', article: 'globe' };

/** What each note shape says to a reader: how the note defines the entity there. */
function shapeWords(shape: string): string {
  const words: Record<string, string> = {
    explicit: l10n.t('entity block'),
    'project-card': l10n.t('project card'),
    'table-row': l10n.t('table row'),
    'linked-heading': l10n.t('linked heading'),
    'loose-list': l10n.t('list item'),
    'list-record': l10n.t('list item'),
    'paper-link': l10n.t('paper link'),
  };
  return words[shape] ?? shape;
}

/** Counts as the rows say them, one text per number form so that each can be translated. */
const counts = {
  otherPlaces: (n: number) => (n === 1 ? l10n.t('also defined in 1 other place') : l10n.t('also defined in {0} other places', n)),
  places: (n: number) => (n === 1 ? l10n.t('1 place') : l10n.t('{0} places', n)),
  notes: (n: number) => (n === 1 ? l10n.t('1 note') : l10n.t('{0} notes', n)),
  mentions: (n: number) => (n === 1 ? l10n.t('1 mention') : l10n.t('{0} mentions', n)),
};

/** An entity the shown note defines: a click goes to where this note defines it. */
export function entityRow(entity: EntityListItem, noteUri: string): EntityRow {
  const here = entity.sites.find((site) => site.uri === noteUri) ?? entity.sites[0];
  const elsewhere = entity.sites.filter((site) => site.uri !== noteUri).length;
  const summary = entity.summary.replace(/\s+/g, ' ').trim();
  return {
    id: `entity:${entity.id}`,
    label: entity.name,
    description: [entity.kind, elsewhere ? counts.otherPlaces(elsewhere) : ''].filter(Boolean).join(' · '),
    tooltip: [entity.name, summary, entity.aliases.length ? l10n.t('Also called: {0}', entity.aliases.join(', ')) : '']
      .filter(Boolean)
      .join('\n\n'),
    icon: KIND_ICONS[entity.kind] ?? 'symbol-misc',
    place: here && { uri: here.uri, range: here.range },
    entityId: entity.id,
  };
}

/** An expanded entity's children: where it is defined, then the notes that mention it. */
export function detailRows(entityId: string, detail: EntityDetail | null, describe: DescribeNote): EntityRow[] {
  if (!detail) return [{ id: `entity:${entityId}/gone`, label: l10n.t('No longer in the index: refresh the view'), icon: 'warning' }];
  const definitions: EntityRow = {
    id: `entity:${entityId}/definitions`,
    label: l10n.t('Defined in'),
    description: counts.places(detail.definitions.length),
    icon: 'symbol-class',
    expanded: true,
    children: detail.definitions.map((site) => ({
      id: `entity:${entityId}/definition:${site.uri}:${site.range.start.line}:${site.range.start.character}`,
      label: `${describe(site.uri)}:${site.range.start.line + 1}`,
      description: shapeWords(site.shape),
      icon: 'go-to-file',
      place: { uri: site.uri, range: site.range },
    })),
  };
  const mentions: EntityRow = {
    id: `entity:${entityId}/mentions`,
    label: l10n.t('Mentioned in'),
    description: detail.notes.length ? counts.notes(detail.notes.length) : l10n.t('no other place'),
    icon: 'references',
    expanded: true,
    children: detail.notes.map((note) => noteRow(entityId, note, describe)),
  };
  return [definitions, mentions];
}

/** A note mentioning the entity: a click goes to its first mention; expanded, it lists them. */
function noteRow(entityId: string, note: EntityDetail['notes'][number], describe: DescribeNote): EntityRow {
  const id = `entity:${entityId}/note:${note.uri}`;
  const listed =
    note.ranges.length < note.count ? l10n.t('{0} (the first {1} listed)', counts.mentions(note.count), note.ranges.length) : '';
  return {
    id,
    label: describe(note.uri),
    description: listed || counts.mentions(note.count),
    icon: 'file',
    place: note.ranges[0] && { uri: note.uri, range: note.ranges[0] },
    children: note.ranges.map((range) => ({
      id: `${id}:${range.start.line}:${range.start.character}`,
      label: l10n.t('Line {0}', range.start.line + 1),
      description: l10n.t('column {0}', range.start.character + 1),
      icon: 'location',
      place: { uri: note.uri, range },
    })),
  };
}
