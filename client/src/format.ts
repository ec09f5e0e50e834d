// The text the client shows: status bar, entity list and link-check summaries. Free of the `vscode`
// module, so that unit tests can check it outside an editor.
import type { EntityListItem } from '../../common/protocol';
import { l10n } from './l10n';

export type ServerPhase = 'starting' | 'indexing' | 'ready' | 'restarting' | 'stopped';

export interface StatusModel {
  phase: ServerPhase;
  indexed: number;
  total: number;
  entities: number;
  deadLinks: number;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Counts as the status bar and messages say them, one text per number form so that each can be translated. */
export const counts = {
  notes: (n: number) => (n === 1 ? l10n.t('1 note') : l10n.t('{0} notes', n)),
  entities: (n: number) => (n === 1 ? l10n.t('1 entity') : l10n.t('{0} entities', n)),
  deadLinks: (n: number) => (n === 1 ? l10n.t('1 dead link') : l10n.t('{0} dead links', n)),
  projectsAndPapers: (n: number) => (n === 1 ? l10n.t('1 project or paper') : l10n.t('{0} projects and papers', n)),
  externalLinks: (n: number) => (n === 1 ? l10n.t('1 external link') : l10n.t('{0} external links', n)),
  links: (n: number) => (n === 1 ? l10n.t('1 link') : l10n.t('{0} links', n)),
};

/** The status bar item's text (with codicons) and tooltip for a server state. */
export function statusBarText(model: StatusModel): { text: string; tooltip: string } {
  switch (model.phase) {
    case 'starting':
      return { text: '$(sync~spin) Marginalia', tooltip: l10n.t('Marginalia: starting the language server') };
    case 'restarting':
      return {
        text: `$(sync~spin) ${l10n.t('Marginalia restarting')}`,
        tooltip: l10n.t('Marginalia: the language server stopped and is restarting'),
      };
    case 'stopped':
      return {
        text: `$(error) ${l10n.t('Marginalia stopped')}`,
        tooltip: l10n.t('Marginalia: the language server is not running. Click to restart it.'),
      };
    case 'indexing':
      return {
        text: `$(sync~spin) ${model.total > 0 ? l10n.t('Indexing {0}/{1} notes', model.indexed, model.total) : l10n.t('Indexing notes')}`,
        tooltip: l10n.t('Marginalia: reading the notes of this workspace'),
      };
    case 'ready':
      return {
        text: `$(book) ${counts.entities(model.entities)} $(link) ${counts.deadLinks(model.deadLinks)}`,
        tooltip: l10n.t(
          'Marginalia: {0} indexed, {1}, {2}. Click to list the projects and papers.',
          counts.notes(model.total),
          counts.projectsAndPapers(model.entities),
          counts.deadLinks(model.deadLinks),
        ),
      };
  }
}

const SUMMARY_CHARS = 160;

/** The three lines of an entity's Quick Pick item; `where` names a note position such as `notes.md:12`. */
export function entityItemText(entity: EntityListItem, where: string | undefined): { label: string; description: string; detail: string } {
  const aliases = entity.aliases.slice(0, 3).join(', ') + (entity.aliases.length > 3 ? ', …' : '');
  const summary = oneLine(entity.summary);
  return {
    label: entity.name,
    description: [entity.kind, aliases].filter(Boolean).join(' · '),
    detail: [summary.length > SUMMARY_CHARS ? `${summary.slice(0, SUMMARY_CHARS - 1)}…` : summary, where].filter(Boolean).join(' — '),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Kinds in the order the entity list groups them; others follow. */
export const KIND_ORDER = ['project', 'paper', 'article'];

export function kindHeading(kind: string): string {
  const headings: Record<string, string> = { project: l10n.t('Projects'), paper: l10n.t('Papers'), article: l10n.t('Articles') };
  return headings[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/**
 * A one-line summary of what `marginalia.checkExternalLinks` answered. The server decides the shape; this
 * reads the counts it recognises and otherwise points at the Problems panel.
 */
export function linkCheckSummary(result: unknown): string {
  if (typeof result === 'string' && result.trim()) return result.trim();
  if (typeof result === 'object' && result !== null) {
    const fields = result as Record<string, unknown>;
    if (typeof fields.message === 'string' && fields.message.trim()) return fields.message.trim();
    const number = (...keys: string[]) => keys.map((key) => fields[key]).find((value): value is number => typeof value === 'number');
    const checked = number('checked', 'total');
    const dead = number('dead', 'broken');
    if (checked !== undefined) {
      const unverified = number('unverified');
      const parts = [
        dead !== undefined ? l10n.t('{0} dead', dead) : undefined,
        unverified ? l10n.t('{0} unverified', unverified) : undefined,
      ].filter(Boolean);
      return parts.length
        ? l10n.t('Checked {0}: {1}. Details are in the Problems panel.', counts.externalLinks(checked), parts.join(l10n.t(', ')))
        : l10n.t('Checked {0}. Details are in the Problems panel.', counts.externalLinks(checked));
    }
  }
  return l10n.t('External link check finished. Dead links are listed in the Problems panel.');
}

/** An error as one line for a message, without a stack trace. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}
