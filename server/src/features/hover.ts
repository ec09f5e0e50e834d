import type { Position, Range } from '../parse/facts';
import type { Entity } from '../index/entityTable';
import type { NotesIndex } from '../index/notesIndex';
import { escapeMarkdown, markdownLink, truncate } from './markdownText';

export interface HoverCard {
  /** Markdown, every piece of note text escaped. */
  markdown: string;
  range: Range;
}

const SUMMARY_LENGTH = 480;
const MAX_CARDS = 3;

/** The summary card(s) of the entity named at a position, or nothing when no entity is named there. */
export function hoverAt(index: NotesIndex, uri: string, position: Position, describeSite: (uri: string) => string): HoverCard | undefined {
  const found = index.entitiesAt(uri, position);
  if (!found || found.entities.length === 0) return undefined;
  const cards = found.entities.slice(0, MAX_CARDS).map((entity) => renderCard(index, entity, describeSite));
  return { markdown: cards.join('\n\n---\n\n'), range: found.range };
}

export function renderCard(index: NotesIndex, entity: Entity, describeSite: (uri: string) => string): string {
  const lines: string[] = [`**${escapeMarkdown(entity.name)}** · ${escapeMarkdown(entity.kind)}`];
  const aliases = entity.aliases.filter((alias) => alias !== entity.links.arxiv && alias.toLowerCase() !== entity.name.toLowerCase()).slice(0, 6);
  if (aliases.length) lines.push(`*also:* ${aliases.map(escapeMarkdown).join(', ')}`);
  const fields = Object.entries(entity.fields).slice(0, 4);
  if (fields.length) lines.push(fields.map(([key, value]) => `${escapeMarkdown(key)}: ${escapeMarkdown(truncate(value, 80))}`).join(' · '));
  if (entity.summary) lines.push(escapeMarkdown(truncate(entity.summary, SUMMARY_LENGTH)));
  const links = linkLines(entity);
  if (links) lines.push(links);
  lines.push(siteLine(index, entity, describeSite));
  return lines.join('\n\n');
}

function linkLines(entity: Entity): string {
  const parts: string[] = [];
  const { github, arxiv, homepage } = entity.links;
  if (github) parts.push(`GitHub: ${markdownLink(github, `https://github.com/${github}`)}`);
  if (arxiv) parts.push(`arXiv: ${markdownLink(arxiv, `https://arxiv.org/abs/${arxiv}`)}`);
  if (homepage) parts.push(markdownLink('homepage', homepage));
  return parts.join(' · ');
}

function siteLine(index: NotesIndex, entity: Entity, describeSite: (uri: string) => string): string {
  const sites = entity.sites.slice(0, 3).map((site) => {
    const line = site.range.start.line + 1;
    return markdownLink(`${describeSite(site.uri)}:${line}`, `${site.uri}#L${line}`);
  });
  const more = entity.sites.length > 3 ? ` and ${entity.sites.length - 3} more` : '';
  const notes = index.noteCountMentioning(entity.id);
  // Until every note is read, only some of the mentions are known.
  const sofar = index.isIndexing ? ' so far (still indexing)' : '';
  return `Defined in ${sites.join(', ')}${more} · mentioned in ${notes} ${notes === 1 ? 'note' : 'notes'}${sofar}`;
}
