// Scoring the server's answers against the gold labels: which entity is a gold entity's, whether its name
// and summary are right, whether a hover's first card is the mentioned entity, whether a no-card position
// shows a card, and which entities merge distinct repositories or papers. Pure functions: the answers
// (entity list, hover markdown) come in as data. Unit-tested in test/unit/bench/evalScoring.test.ts.

import { distance } from 'fastest-levenshtein';
import { describeCard, firstCardIs, splitCards } from './cards';
import type { GoldEntity, GoldMention, GoldNonEntity, Placed } from './gold';
import { canonicalId, entityHasIdentity, entityIdentityKeys, entityNames, normalizeName, type EntityItem } from './identity';

export interface EntityResult {
  placed: Placed<GoldEntity>;
  found?: EntityItem;
  /** The found entity's name or an alias equals the gold name. */
  nameOk: boolean;
  /** Undefined when the label gives no summaryIncludes. */
  summaryOk?: boolean;
  /** For failure lists: what the server has instead (nearest name, entities defined on the line). */
  instead: string;
}

export interface HoverResult<T> {
  placed: T;
  markdown: string;
  ok: boolean;
  /** The first card, described, for failure lists. */
  firstCard: string;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function definedOnLines(entity: EntityItem, file: string, startLine: number, endLine: number): boolean {
  return entity.sites.some((site) => site.file === file && site.line >= startLine && site.line <= endLine);
}

/** The gold entity's entity: one with its identity, preferring one defined on the gold defining line. */
export function matchGoldEntity(placed: Placed<GoldEntity>, entities: readonly EntityItem[]): EntityItem | undefined {
  const candidates = entities.filter((entity) => entityHasIdentity(entity, placed.label.id));
  const { startLine, endLine } = placed.span;
  return candidates.find((entity) => definedOnLines(entity, placed.label.file, startLine, endLine)) ?? candidates[0];
}

/** Whether `needle` occurs in `haystack` as whole words: `isc` is in `isc licence`, not in `lowrisc`. */
function containsWord(haystack: string, needle: string): boolean {
  if (!needle) return false;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + needle.length] ?? ' ';
    if (!/[a-z0-9]/i.test(before) && !/[a-z0-9]/i.test(after)) return true;
  }
  return false;
}

/**
 * The entity whose name or alias is most like a name: one containing it or contained in it as whole words
 * first (the shortest such), else the closest by edit distance if within a third of the name's length. Edit distance
 * alone pairs short names with unrelated ones (BOOM with BYOL), which says nothing to a developer.
 */
export function nearestByName(name: string, entities: readonly EntityItem[]): EntityItem | undefined {
  const wanted = normalizeName(name);
  let containing: { entity: EntityItem; length: number } | undefined;
  let closest: { entity: EntityItem; cost: number } | undefined;
  for (const entity of entities) {
    for (const candidate of entityNames(entity)) {
      if (containsWord(candidate, wanted) || containsWord(wanted, candidate)) {
        if (!containing || candidate.length < containing.length) containing = { entity, length: candidate.length };
      }
      const cost = distance(wanted, candidate);
      if (!closest || cost < closest.cost) closest = { entity, cost };
    }
  }
  if (containing) return containing.entity;
  return closest && closest.cost <= Math.ceil(wanted.length / 3) ? closest.entity : undefined;
}

export function describeEntity(entity: EntityItem): string {
  const keys = entityIdentityKeys(entity).filter((key) => key !== canonicalId(entity.id));
  return `${entity.name} [${[entity.id, ...keys].join(', ')}]`;
}

/** Lines either side of a gold defining line searched for what the server made of it (links often sit on the next line). */
const NEARBY_LINES = 2;

function whatInstead(placed: Placed<GoldEntity>, entities: readonly EntityItem[]): string {
  const { file } = placed.label;
  const { startLine, endLine } = placed.span;
  const onLine = entities.filter((entity) => definedOnLines(entity, file, startLine, endLine));
  const nearby = onLine.length
    ? []
    : entities.filter((entity) => definedOnLines(entity, file, startLine - NEARBY_LINES, endLine + NEARBY_LINES));
  const nearest = nearestByName(placed.label.name, entities);
  const parts: string[] = [];
  if (onLine.length) parts.push(`defined on the line: ${onLine.map(describeEntity).join('; ')}`);
  else if (nearby.length) parts.push(`defined within ${NEARBY_LINES} lines: ${nearby.map(describeEntity).join('; ')}`);
  else parts.push('nothing defined on the line');
  if (nearest && !onLine.includes(nearest) && !nearby.includes(nearest)) parts.push(`nearest name: ${describeEntity(nearest)}`);
  return parts.join('; ');
}

export function scoreEntity(placed: Placed<GoldEntity>, entities: readonly EntityItem[]): EntityResult {
  const { label } = placed;
  const found = matchGoldEntity(placed, entities);
  const nameOk = found !== undefined && entityNames(found).includes(normalizeName(label.name));
  const summaryOk =
    label.summaryIncludes === undefined
      ? undefined
      : found !== undefined && collapse(found.summary).includes(collapse(label.summaryIncludes));
  const instead = found ? describeEntity(found) : whatInstead(placed, entities);
  return { placed, found, nameOk, summaryOk, instead };
}

export function scoreMention<T extends Placed<GoldMention>>(placed: T, markdown: string): HoverResult<T> {
  return { placed, markdown, ok: firstCardIs(markdown, placed.label.id), firstCard: describeCard(splitCards(markdown)[0]) };
}

/** `ok` here means the position correctly shows no card; a non-empty card is a false card. */
export function scoreNonEntity<T extends Placed<GoldNonEntity>>(placed: T, markdown: string): HoverResult<T> {
  const first = splitCards(markdown)[0];
  return { placed, markdown, ok: first === undefined, firstCard: describeCard(first) };
}

export interface MergedEntity {
  name: string;
  /** The distinct repositories and arXiv ids it holds (canonical ids). */
  identities: string[];
}

/**
 * Entities holding more than one distinct GitHub repository or arXiv id (equivalent ids count once).
 * With `identities` in the entity list this is read directly. Without it an entity's links hold at most
 * one repository and one paper, so merges are seen through names instead: each name or alias of the
 * entity that the gold labels give to exactly one repository or paper stands for that identity. This
 * misses merges of things the labels do not name, and cannot tell a merge from an alias shared by chance.
 */
export function mergedIdentities(entities: readonly EntityItem[], goldEntities: readonly GoldEntity[]): MergedEntity[] {
  const byName = unambiguousGoldNames(goldEntities);
  const merged: MergedEntity[] = [];
  for (const entity of entities) {
    const keys = new Set(entityIdentityKeys(entity));
    if (!entity.identities) for (const name of entityNames(entity)) if (byName.has(name)) keys.add(byName.get(name)!);
    const strong = [...keys].filter((key) => key.startsWith('github:') || key.startsWith('arxiv:')).sort();
    const repos = strong.filter((key) => key.startsWith('github:'));
    if (repos.length > 1 || strong.length - repos.length > 1) merged.push({ name: entity.name, identities: strong });
  }
  return merged;
}

/** Normalised gold names and aliases that belong to one GitHub or arXiv identity only. */
function unambiguousGoldNames(goldEntities: readonly GoldEntity[]): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const gold of goldEntities) {
    for (const name of [gold.name, ...(gold.aliases ?? [])].map(normalizeName)) {
      const set = owners.get(name) ?? new Set<string>();
      set.add(canonicalId(gold.id));
      owners.set(name, set);
    }
  }
  const result = new Map<string, string>();
  for (const [name, ids] of owners) {
    const [only] = ids;
    if (ids.size === 1 && (only.startsWith('github:') || only.startsWith('arxiv:'))) result.set(name, only);
  }
  return result;
}

/** The entity defined in the most places, with that count. */
export function largestSiteCount(entities: readonly EntityItem[]): { name: string; sites: number } | undefined {
  let best: EntityItem | undefined;
  for (const entity of entities) if (!best || entity.sites.length > best.sites.length) best = entity;
  return best ? { name: best.name, sites: best.sites.length } : undefined;
}
