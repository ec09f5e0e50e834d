// The text the client shows: status bar, entity list and link-check summaries. Free of the `vscode`
// module, so that unit tests can check it outside an editor.
import type { EntityListItem } from '../../common/protocol';

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

/** The status bar item's text (with codicons) and tooltip for a server state. */
export function statusBarText(model: StatusModel): { text: string; tooltip: string } {
  switch (model.phase) {
    case 'starting':
      return { text: '$(sync~spin) Marginalia', tooltip: 'Marginalia: starting the language server' };
    case 'restarting':
      return { text: '$(sync~spin) Marginalia restarting', tooltip: 'Marginalia: the language server stopped and is restarting' };
    case 'stopped':
      return { text: '$(error) Marginalia stopped', tooltip: 'Marginalia: the language server is not running. Click to restart it.' };
    case 'indexing':
      return {
        text: model.total > 0 ? `$(sync~spin) Indexing ${model.indexed}/${model.total} notes` : '$(sync~spin) Indexing notes',
        tooltip: 'Marginalia: reading the notes of this workspace',
      };
    case 'ready':
      return {
        text: `$(book) ${plural(model.entities, 'entity', 'entities')} $(link) ${plural(model.deadLinks, 'dead link')}`,
        tooltip: `Marginalia: ${plural(model.total, 'note')} indexed, ${plural(model.entities, 'project or paper', 'projects and papers')}, ${plural(model.deadLinks, 'dead link')}. Click to list the projects and papers.`,
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
  return { project: 'Projects', paper: 'Papers', article: 'Articles' }[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/**
 * A one-line summary of what `marginalia.checkExternalLinks` answered. The server decides the shape; this
 * reads the counts it recognises and otherwise points at the Problems panel.
 */
export function linkCheckSummary(result: unknown): string {
  if (typeof result === 'string' && result.trim()) return result.trim();
  if (typeof result === 'object' && result !== null) {
    const counts = result as Record<string, unknown>;
    if (typeof counts.message === 'string' && counts.message.trim()) return counts.message.trim();
    const number = (...keys: string[]) => keys.map((key) => counts[key]).find((value): value is number => typeof value === 'number');
    const checked = number('checked', 'total');
    const dead = number('dead', 'broken');
    if (checked !== undefined) {
      const unverified = number('unverified');
      const parts = [dead !== undefined ? `${dead} dead` : undefined, unverified ? `${unverified} unverified` : undefined].filter(Boolean);
      return `Checked ${plural(checked, 'external link')}${parts.length ? `: ${parts.join(', ')}` : ''}. Details are in the Problems panel.`;
    }
  }
  return 'External link check finished. Dead links are listed in the Problems panel.';
}

/** An error as one line for a message, without a stack trace. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}
