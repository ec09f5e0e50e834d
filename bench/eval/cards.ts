// Reading hover cards as server/src/features/hover.ts renders them: cards joined by `\n\n---\n\n`, each
// starting `**Name** · kind`, then `*also:* alias, alias`, fields, the summary, `GitHub: [o/r](https://…)`
// · `arXiv: [id](https://arxiv.org/abs/id)` · `[homepage](url)`, and the sites. Note text is escaped
// (escapeMarkdown) but link targets are not, so identities are looked for in the link targets.
// Pure functions, unit-tested in test/unit/bench/evalScoring.test.ts.

import { equivalentIds, normalizeId, normalizeName } from './identity';

export const CARD_SEPARATOR = '\n\n---\n\n';

export function splitCards(markdown: string): string[] {
  return markdown.split(CARD_SEPARATOR).filter((card) => card.trim() !== '');
}

/** Undoes escapeMarkdown: backslash escapes and the three HTML entities it writes. */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_{}\[\]()#+\-.!|<>&~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The card's bold title (the entity's name), unescaped. */
export function cardTitle(card: string): string | undefined {
  const match = /\*\*((?:\\.|[^*\\])+)\*\*/.exec(card);
  return match ? unescapeMarkdown(match[1]) : undefined;
}

/** The names the card lists after `*also:*`, unescaped. Escaped commas cannot occur: escapeMarkdown leaves `,` alone. */
export function cardAliases(card: string): string[] {
  const line = card.split('\n').find((text) => text.startsWith('*also:* '));
  return line ? line.slice('*also:* '.length).split(', ').map(unescapeMarkdown) : [];
}

/** Every link target in the card, with the characters markdownLink percent-encodes decoded again. */
export function cardLinks(card: string): string[] {
  const links: string[] = [];
  for (const match of card.matchAll(/\]\(([^)\s]+)\)/g)) {
    links.push(match[1].replace(/%28/gi, '(').replace(/%29/gi, ')').replace(/%20/g, ' ').replace(/%3C/gi, '<').replace(/%3E/gi, '>'));
  }
  return links;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether the card's text names a repository, abstract or model page (the card's own link format). */
function cardTextShows(card: string, scheme: string, value: string): boolean {
  // The id must end where the link's path does: `vllm-project/vllm` is not `vllm-project/vllm-ascend`.
  const boundary = '(?![\\w.-])';
  switch (scheme) {
    case 'github':
      return new RegExp(`github\\.com/${escapeRegExp(value)}${boundary}`, 'i').test(card);
    case 'arxiv':
      return new RegExp(`arxiv\\.org/(?:abs|pdf)/${escapeRegExp(value)}(?:v\\d+)?${boundary}`, 'i').test(card);
    case 'hf':
      return new RegExp(`huggingface\\.co/${escapeRegExp(value)}${boundary}`, 'i').test(card);
    default:
      return false;
  }
}

/** Whether a card shows one normalised id (see identity.ts normalizeId). */
function cardShowsNormalizedId(card: string, id: string): boolean {
  const colon = id.indexOf(':');
  const scheme = id.slice(0, colon);
  const value = id.slice(colon + 1);
  if (scheme === 'name') return [cardTitle(card) ?? '', ...cardAliases(card)].map(normalizeName).includes(value);
  // Any link of the card (homepage included) with this identity, or the id in the card's text.
  return cardTextShows(card, scheme, value) || cardLinks(card).some((link) => normalizeId(`url:${link}`) === id);
}

/**
 * Whether a card is the gold entity's card: it shows the id or one listed as equivalent — the repository,
 * abstract or model page in a link, the homepage link, or for `name:` ids the title or an `*also:*` name.
 */
export function cardShowsIdentity(card: string, goldId: string): boolean {
  return equivalentIds(goldId).some((id) => cardShowsNormalizedId(card, id));
}

/** Whether the first card of a hover is the gold entity's card. */
export function firstCardIs(markdown: string, goldId: string): boolean {
  const first = splitCards(markdown)[0];
  return first !== undefined && cardShowsIdentity(first, goldId);
}

/** A short description of a card for failure lists: its title and the identity links it shows. */
export function describeCard(card: string | undefined): string {
  if (card === undefined) return 'no card';
  const title = cardTitle(card) ?? '(no title)';
  const links = cardLinks(card).filter((link) => !link.startsWith('file:'));
  return links.length ? `${title} <${links.join(' ')}>` : title;
}
