import { HOVER_COMMANDS, type EntityReferencesArgs } from '../../../common/protocol';
import type { Position, Range } from '../parse/facts';
import type { Entity } from '../index/entityTable';
import type { NotesView } from '../index/notesView';
import { commandLink, escapeMarkdown, markdownLink, truncate } from './markdownText';

export interface HoverCard {
  /** Markdown, every piece of note text escaped. */
  markdown: string;
  range: Range;
}

const SUMMARY_LENGTH = 480;
/** Other entities sharing the name that the card names; the rest are counted. */
const OTHERS_NAMED = 3;

export interface HoverOptions {
  /**
   * Whether the client runs `marginalia.showEntityReferences` from a card: then the mention count is a
   * link that opens the entity's references at the hovered mention; otherwise it is plain text.
   */
  referencesLink?: boolean;
}

/**
 * The card of the entity named at a position, or nothing when no entity is named there. Where several
 * share the name, one card of the one meant (see `NotesIndex.entitiesAt`) reads better than a stack of
 * them; a last line says which others answer to the name.
 */
export function hoverAt(
  index: NotesView,
  uri: string,
  position: Position,
  describeSite: (uri: string) => string,
  options: HoverOptions = {},
): HoverCard | undefined {
  const found = index.entitiesAt(uri, position);
  if (!found || found.entities.length === 0) return undefined;
  const [meant, ...others] = found.entities;
  const card = renderCard(index, meant, describeSite, options.referencesLink ? { uri, position: found.range.start } : undefined);
  return { markdown: others.length ? `${card}\n\n${alsoNamedLine(meant, others, describeSite)}` : card, range: found.range };
}

/** The card of an entity; its mention count opens the references at `referencesFrom` when given. */
export function renderCard(
  index: NotesView,
  entity: Entity,
  describeSite: (uri: string) => string,
  referencesFrom?: { uri: string; position: Position },
): string {
  const lines: string[] = [`**${escapeMarkdown(entity.name)}** · ${escapeMarkdown(entity.kind)}`];
  const aliases = entity.aliases
    .filter((alias) => alias !== entity.links.arxiv && alias.toLowerCase() !== entity.name.toLowerCase())
    .slice(0, 6);
  if (aliases.length) lines.push(`*also:* ${aliases.map(escapeMarkdown).join(', ')}`);
  const fields = Object.entries(entity.fields).slice(0, 4);
  if (fields.length) lines.push(fields.map(([key, value]) => `${escapeMarkdown(key)}: ${escapeMarkdown(truncate(value, 80))}`).join(' · '));
  if (entity.summary) lines.push(escapeMarkdown(truncate(entity.summary, SUMMARY_LENGTH)));
  const links = linkLines(entity);
  if (links) lines.push(links);
  lines.push(siteLine(index, entity, describeSite, referencesFrom));
  return lines.join('\n\n');
}

function linkLines(entity: Entity): string {
  const parts: string[] = [];
  const { github, arxiv, hf, homepage } = entity.links;
  if (github) parts.push(`GitHub: ${markdownLink(github, `https://github.com/${github}`)}`);
  if (hf) parts.push(`Hugging Face: ${markdownLink(hf, `https://huggingface.co/${hf}`)}`);
  if (arxiv) parts.push(`arXiv: ${markdownLink(arxiv, `https://arxiv.org/abs/${arxiv}`)}`);
  if (homepage) parts.push(markdownLink('homepage', homepage));
  return parts.join(' · ');
}

function siteLine(
  index: NotesView,
  entity: Entity,
  describeSite: (uri: string) => string,
  referencesFrom: { uri: string; position: Position } | undefined,
): string {
  const sites = entity.sites.slice(0, 3).map((site) => {
    const line = site.range.start.line + 1;
    return markdownLink(`${describeSite(site.uri)}:${line}`, `${site.uri}#L${line}`);
  });
  const more = entity.sites.length > 3 ? ` and ${entity.sites.length - 3} more` : '';
  const notes = index.noteCountMentioning(entity.id);
  const count = `mentioned in ${notes} ${notes === 1 ? 'note' : 'notes'}`;
  // Until every note is read, only some of the mentions are known.
  const sofar = index.isIndexing ? ' so far (still indexing)' : '';
  return `Defined in ${sites.join(', ')}${more} · ${referencesFrom && notes > 0 ? referencesLink(count, entity, referencesFrom) : escapeMarkdown(count)}${sofar}`;
}

/** The mention count as a link that opens the entity's references where the card was shown. */
function referencesLink(label: string, entity: Entity, from: { uri: string; position: Position }): string {
  const args: EntityReferencesArgs = { entityId: entity.id, uri: from.uri, position: from.position };
  return commandLink(label, HOVER_COMMANDS.showEntityReferences, [args]);
}

/** `Also named "ORCA": 2 other entities — VectorBlox ORCA (resource.md:43), …`, each site a link to it. */
function alsoNamedLine(meant: Entity, others: readonly Entity[], describeSite: (uri: string) => string): string {
  const named = others.slice(0, OTHERS_NAMED).map((entity) => {
    const site = entity.sites[0];
    if (!site) return escapeMarkdown(entity.name);
    const line = site.range.start.line + 1;
    return `${escapeMarkdown(entity.name)} (${markdownLink(`${describeSite(site.uri)}:${line}`, `${site.uri}#L${line}`)})`;
  });
  const more = others.length > OTHERS_NAMED ? ` and ${others.length - OTHERS_NAMED} more` : '';
  const count = `${others.length} other ${others.length === 1 ? 'entity' : 'entities'}`;
  return `*Also named "${escapeMarkdown(sharedName(meant, others))}":* ${count} — ${named.join(', ')}${more}`;
}

/**
 * The name written at the mention, which every other entity answers to, spelled as the meant one spells
 * it (`ORCA` of `VectorBlox ORCA`, which shares it with the paper `Orca`). The meant one may not answer to
 * it at all, where a link's target rather than its label chose it.
 */
function sharedName(meant: Entity, others: readonly Entity[]): string {
  const sharedByOthers = (name: string) => others.every((entity) => answersTo(entity, name));
  return namesOf(meant).find(sharedByOthers) ?? namesOf(others[0]).find(sharedByOthers) ?? meant.name;
}

function namesOf(entity: Entity): string[] {
  return [entity.name, ...entity.aliases];
}

function answersTo(entity: Entity, name: string): boolean {
  return namesOf(entity).some((own) => own.toLowerCase() === name.toLowerCase());
}
