import { HOVER_COMMANDS, type EntityReferencesArgs } from '../../../common/protocol';
import type { Position, Range } from '../parse/facts';
import type { Entity } from '../index/entityTable';
import type { NotesView } from '../index/notesView';
import { MARKDOWN_CARD, PLAIN_CARD, type CardText } from './cardText';
import { truncate } from './markdownText';

export interface HoverCard {
  /** Markdown with every piece of note text escaped, or plain text when asked for. */
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
  /** Plain text for clients that show hovers as text; Markdown otherwise. */
  plaintext?: boolean;
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
  const write = options.plaintext ? PLAIN_CARD : MARKDOWN_CARD;
  const card = renderCard(index, meant, describeSite, options.referencesLink ? { uri, position: found.range.start } : undefined, write);
  return { markdown: others.length ? `${card}\n\n${alsoNamedLine(meant, others, describeSite, write)}` : card, range: found.range };
}

/** The card of an entity; its mention count opens the references at `referencesFrom` when given. */
export function renderCard(
  index: NotesView,
  entity: Entity,
  describeSite: (uri: string) => string,
  referencesFrom?: { uri: string; position: Position },
  write: CardText = MARKDOWN_CARD,
): string {
  const lines: string[] = [`${write.strong(entity.name)} · ${write.text(entity.kind)}`];
  const aliases = entity.aliases
    .filter((alias) => alias !== entity.links.arxiv && alias.toLowerCase() !== entity.name.toLowerCase())
    .slice(0, 6);
  if (aliases.length) lines.push(`${write.emphasis('also:')} ${aliases.map(write.text).join(', ')}`);
  const fields = Object.entries(entity.fields).slice(0, 4);
  if (fields.length) lines.push(fields.map(([key, value]) => `${write.text(key)}: ${write.text(truncate(value, 80))}`).join(' · '));
  if (entity.summary) lines.push(write.text(truncate(entity.summary, SUMMARY_LENGTH)));
  const links = linkLines(entity, write);
  if (links) lines.push(links);
  lines.push(siteLine(index, entity, describeSite, referencesFrom, write));
  return lines.join('\n\n');
}

function linkLines(entity: Entity, write: CardText): string {
  const parts: string[] = [];
  const { github, arxiv, hf, homepage } = entity.links;
  if (github) parts.push(`GitHub: ${write.link(github, `https://github.com/${github}`)}`);
  if (hf) parts.push(`Hugging Face: ${write.link(hf, `https://huggingface.co/${hf}`)}`);
  if (arxiv) parts.push(`arXiv: ${write.link(arxiv, `https://arxiv.org/abs/${arxiv}`)}`);
  if (homepage) parts.push(write.link('homepage', homepage));
  return parts.join(' · ');
}

function siteLine(
  index: NotesView,
  entity: Entity,
  describeSite: (uri: string) => string,
  referencesFrom: { uri: string; position: Position } | undefined,
  write: CardText,
): string {
  const sites = entity.sites.slice(0, 3).map((site) => {
    const line = site.range.start.line + 1;
    return write.link(`${describeSite(site.uri)}:${line}`, `${site.uri}#L${line}`);
  });
  const more = entity.sites.length > 3 ? ` and ${entity.sites.length - 3} more` : '';
  const notes = index.noteCountMentioning(entity.id);
  const count = `mentioned in ${notes} ${notes === 1 ? 'note' : 'notes'}`;
  // Until every note is read, only some of the mentions are known.
  const sofar = index.isIndexing ? ' so far (still indexing)' : '';
  return `Defined in ${sites.join(', ')}${more} · ${referencesFrom && notes > 0 ? referencesLink(count, entity, referencesFrom, write) : write.text(count)}${sofar}`;
}

/** The mention count as a link that opens the entity's references where the card was shown. */
function referencesLink(label: string, entity: Entity, from: { uri: string; position: Position }, write: CardText): string {
  const args: EntityReferencesArgs = { entityId: entity.id, uri: from.uri, position: from.position };
  return write.command(label, HOVER_COMMANDS.showEntityReferences, [args]);
}

/** `Also named "ORCA": 2 other entities — VectorBlox ORCA (resource.md:43), …`, each site a link to it. */
function alsoNamedLine(meant: Entity, others: readonly Entity[], describeSite: (uri: string) => string, write: CardText): string {
  const named = others.slice(0, OTHERS_NAMED).map((entity) => {
    const site = entity.sites[0];
    if (!site) return write.text(entity.name);
    const line = site.range.start.line + 1;
    return `${write.text(entity.name)} (${write.link(`${describeSite(site.uri)}:${line}`, `${site.uri}#L${line}`)})`;
  });
  const more = others.length > OTHERS_NAMED ? ` and ${others.length - OTHERS_NAMED} more` : '';
  const count = `${others.length} other ${others.length === 1 ? 'entity' : 'entities'}`;
  return `${write.emphasis(`Also named "${sharedName(meant, others)}":`)} ${count} — ${named.join(', ')}${more}`;
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
