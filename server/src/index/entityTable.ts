import type { EntityCandidate, EntityKind, EntityLinks, EntityShape, Range } from '../parse/facts';
import { squashName } from '../entities/candidate';
import { normalizeName, unique, withoutParentheses } from '../entities/names';

export interface EntitySite {
  uri: string;
  range: Range;
  shape: EntityShape;
}

/** A project or paper as the whole workspace describes it: every candidate that names it, merged. */
export interface Entity {
  /** Stable across re-indexing: built from the repository, arXiv id or name. */
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  summary: string;
  links: EntityLinks;
  fields: Record<string, string>;
  sites: EntitySite[];
}

const SHAPE_PRIORITY: Record<EntityShape, number> = {
  explicit: 6,
  'project-card': 5,
  'table-row': 4,
  'linked-heading': 3,
  'loose-list': 2,
  'paper-link': 1,
};

interface Located {
  uri: string;
  candidate: EntityCandidate;
}

/** Merges candidates that share a repository, an arXiv id or a name into entities. */
export function buildEntities(candidatesByNote: Iterable<[string, readonly EntityCandidate[]]>): Entity[] {
  const located: Located[] = [];
  for (const [uri, candidates] of candidatesByNote) for (const candidate of candidates) located.push({ uri, candidate });
  const groups = new UnionFind(located.length);
  const owners = new Map<string, number>();
  // Strong candidates first, so that a weak one can only join what a strong one started.
  const order = located.map((_, index) => index).sort((a, b) => Number(located[a].candidate.weak ?? false) - Number(located[b].candidate.weak ?? false));
  const strongKeys = new Set<string>();
  for (const index of order) {
    const { candidate } = located[index];
    for (const key of mergeKeys(candidate)) {
      if (candidate.weak && !strongKeys.has(key)) continue;
      if (!candidate.weak) strongKeys.add(key);
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, index);
      else groups.union(owner, index);
    }
  }
  const members = new Map<number, Located[]>();
  located.forEach((item, index) => {
    const root = groups.find(index);
    const list = members.get(root) ?? [];
    list.push(item);
    members.set(root, list);
  });
  const entities: Entity[] = [];
  for (const group of members.values()) {
    if (group.every((item) => item.candidate.weak)) continue;
    entities.push(mergeGroup(group));
  }
  return entities.sort((a, b) => a.name.localeCompare(b.name));
}

function mergeKeys(candidate: EntityCandidate): string[] {
  const keys: string[] = [];
  if (candidate.links.github?.includes('/')) keys.push(`github:${candidate.links.github.toLowerCase()}`);
  if (candidate.links.arxiv) keys.push(`arxiv:${candidate.links.arxiv.toLowerCase()}`);
  keys.push(`name:${normalizeName(candidate.name)}`);
  const bare = withoutParentheses(candidate.name);
  if (bare && bare !== candidate.name) keys.push(`name:${normalizeName(bare)}`);
  return keys;
}

function mergeGroup(members: Located[]): Entity {
  const described = members.filter((item) => !item.candidate.fallback);
  const group = described.length ? described : members;
  const ranked = [...group].sort((a, b) => score(b.candidate) - score(a.candidate) || a.candidate.name.length - b.candidate.name.length);
  const lead = ranked[0].candidate;
  const links: EntityLinks = {};
  const fields: Record<string, string> = {};
  for (const { candidate } of ranked) {
    if (candidate.links.github && (!links.github || (!links.github.includes('/') && candidate.links.github.includes('/')))) links.github = candidate.links.github;
    links.arxiv ??= candidate.links.arxiv;
    links.homepage ??= candidate.links.homepage;
    for (const [key, value] of Object.entries(candidate.fields)) fields[key] ??= value;
  }
  const names = unique(ranked.flatMap(({ candidate }) => [candidate.name, ...candidate.aliases]));
  const sites = group
    .map(({ uri, candidate }) => ({ uri, range: candidate.range, shape: candidate.shape }))
    .sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line);
  return {
    id: entityId(lead, links),
    name: lead.name,
    kind: links.arxiv ? 'paper' : lead.kind,
    aliases: names.filter((name) => name !== lead.name),
    // The name may come from a terse list item while the richest description sits in a card.
    summary: [...group].sort((a, b) => SHAPE_PRIORITY[b.candidate.shape] - SHAPE_PRIORITY[a.candidate.shape]).find(({ candidate }) => candidate.summary)?.candidate.summary ?? '',
    links,
    fields,
    sites,
  };
}

function score(candidate: EntityCandidate): number {
  const repo = candidate.links.github?.split('/')[1];
  const namedLikeRepo = repo !== undefined && squashName(repo) === squashName(candidate.name);
  return SHAPE_PRIORITY[candidate.shape] + (namedLikeRepo ? 3 : 0) - (candidate.weak ? 10 : 0);
}

function entityId(lead: EntityCandidate, links: EntityLinks): string {
  if (links.arxiv) return `arxiv:${links.arxiv}`;
  if (links.github?.includes('/')) return `github:${links.github.toLowerCase()}`;
  return `name:${normalizeName(lead.name)}`;
}

class UnionFind {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }

  find(index: number): number {
    while (this.parent[index] !== index) {
      this.parent[index] = this.parent[this.parent[index]];
      index = this.parent[index];
    }
    return index;
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[rootB] = rootA;
  }
}
