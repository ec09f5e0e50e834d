import type { EntityCandidate, EntityKind, EntityLinks, EntityShape, Range } from '../parse/facts';
import { squashName } from '../entities/candidate';
import { urlKey } from '../entities/identity';
import { isCaseSensitiveName, normalizeName, unique, withoutParentheses } from '../entities/names';

export interface EntitySite {
  uri: string;
  range: Range;
  shape: EntityShape;
}

/** A project or paper as the whole workspace describes it: every candidate that names it, merged. */
export interface Entity {
  /** Stable across re-indexing: the identity key (`github:owner/repo`, `arxiv:…`, `url:…`) or `name:…`. */
  id: string;
  /** The identity keys the entity's definitions carry: one, since identities never merge. */
  identities: string[];
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
  'list-record': 2,
  'paper-link': 1,
};

interface Located {
  uri: string;
  candidate: EntityCandidate;
  /** Read through its home page: it adds a site and an identity, but names nothing. */
  throughHomePage?: boolean;
}

/**
 * Groups candidates into entities by identity: every candidate anchored by the same repository, paper,
 * model or homepage is one entity, and two identities are never one entity, whatever names they share.
 * A candidate known by its name alone joins the one identity entity that has that name; a name that
 * several identities share is ambiguous, so such a candidate stays an entity of its own. Names never
 * chain: only a candidate's own identity decides where it belongs.
 */
export function buildEntities(
  candidatesByNote: Iterable<[string, readonly EntityCandidate[]]>,
  ownRepositories: ReadonlySet<string> = new Set(),
): Entity[] {
  const byIdentity = new Map<string, Located[]>();
  const named: Located[] = [];
  const isOwn = ownRepositoryTest(ownRepositories);
  for (const [uri, candidates] of candidatesByNote) {
    for (const candidate of candidates) {
      if (candidate.identity && isOwn(candidate.identity)) continue;
      if (candidate.identity) appendTo(byIdentity, candidate.identity, { uri, candidate });
      else named.push({ uri, candidate });
    }
  }
  // A weak candidate (a passing link) only adds a site to an entity that a record describes; a web page
  // that records call by several names (`[显存优化](https://hf-mirror.com)`, `[算子融合](…same…)`) is a site
  // about many things, not one of them.
  for (const [key, group] of byIdentity) if (group.every((item) => item.candidate.weak) || isSharedSite(key, group)) byIdentity.delete(key);
  const homePages = joinHomePages(byIdentity);
  const identitiesByName = nameOwners(byIdentity);
  const byName = new Map<string, Located[]>();
  const weak: Located[] = [];
  for (const item of named) {
    const owners = namesOf(item.candidate)
      .map((name) => identitiesByName.get(name))
      .find((keys) => keys !== undefined);
    if (owners?.size === 1) byIdentity.get([...owners][0])!.push(item);
    else if (item.candidate.weak) weak.push(item);
    else if (!owners) appendTo(byName, `name:${joinKey(item.candidate.name)}`, item);
  }
  // A passing, unlinked reading of a name adds a site to the one entity a record defines by that name.
  const namedByName = nameOwners(byName);
  for (const item of weak) {
    const owners = namesOf(item.candidate)
      .map((name) => namedByName.get(name))
      .find((keys) => keys !== undefined);
    if (owners?.size === 1) byName.get([...owners][0])!.push(item);
  }
  const entities: Entity[] = [];
  for (const [key, group] of byIdentity) entities.push(mergeGroup(key, group, homePages.get(key) ?? []));
  for (const [key, group] of byName) if (!isFieldLabel(group)) entities.push(mergeGroup(key, group));
  return entities.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * A page that a repository's or paper's record gives as its home page (`[[Web](http://www.pulp-platform.org/)]`
 * under PULPino) is that entity's, when exactly one gives it: a link to it elsewhere, however it is
 * labelled (`[详细信息参见PULPino官网](…)`), is a site of that entity. Returns the home pages each joined.
 */
function joinHomePages(byIdentity: Map<string, Located[]>): Map<string, string[]> {
  const owners = new Map<string, Set<string>>();
  for (const [key, group] of byIdentity) {
    if (key.startsWith('url:')) continue;
    for (const { candidate } of group) {
      if (!candidate.links.homepage) continue;
      const page = `url:${urlKey(candidate.links.homepage)}`;
      const set = owners.get(page) ?? new Set<string>();
      set.add(key);
      owners.set(page, set);
    }
  }
  const joined = new Map<string, string[]>();
  for (const [page, keys] of owners) {
    const group = byIdentity.get(page);
    if (!group || keys.size !== 1) continue;
    const [owner] = keys;
    byIdentity.get(owner)!.push(...group.map((item) => ({ ...item, throughHomePage: true })));
    byIdentity.delete(page);
    joined.set(owner, [...(joined.get(owner) ?? []), page]);
  }
  return joined;
}

function isSharedSite(key: string, group: Located[]): boolean {
  if (!key.startsWith('url:')) return false;
  return new Set(group.map(({ candidate }) => joinKey(withoutParentheses(candidate.name)))).size >= SHARED_SITE_NAMES;
}

const SHARED_SITE_NAMES = 3;

/**
 * A name that opens many records, each saying something else after it (`Written in: Ruby`, `Written in:
 * C++` …), labels a field of those records rather than naming one thing.
 */
function isFieldLabel(group: Located[]): boolean {
  const summaries = new Set(group.map((item) => item.candidate.summary));
  return group.length >= FIELD_LABEL_RECORDS && summaries.size >= FIELD_LABEL_RECORDS;
}

const FIELD_LABEL_RECORDS = 3;

/**
 * Whether an identity is the notes' own repository or a page in it (`url:github.com/owner/repo/blob/…`):
 * a list of one's notes linking each note is not a list of projects.
 */
function ownRepositoryTest(ownRepositories: ReadonlySet<string>): (identity: string) => boolean {
  const pages = [...ownRepositories]
    .filter((key) => key.startsWith('github:'))
    .map((key) => `url:github.com/${key.slice('github:'.length)}/`);
  return (identity) => ownRepositories.has(identity) || pages.some((prefix) => identity.toLowerCase().startsWith(prefix));
}

/** Which groups (identities, or names) each normalised name or alias belongs to. */
function nameOwners(groups: Map<string, Located[]>): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const [key, group] of groups) {
    // The repository's own spelling (`orca` of VectorBlox/orca) finds the entity in text, but does not
    // make a thing the notes write otherwise (`Orca`, a paper) the same thing.
    const repository = /^(?:github|gitlab|gitee|codeberg|bitbucket):[^/]+\/(.+)$/.exec(key)?.[1];
    for (const { candidate } of group) {
      const aliases = candidate.aliases.filter((alias) => alias !== repository);
      for (const name of [...namesOf(candidate), ...aliases.map(joinKey)]) {
        const set = owners.get(name) ?? new Set<string>();
        set.add(key);
        owners.set(name, set);
      }
    }
  }
  return owners;
}

/** The candidate's name, and the same without its parentheses (`NVDLA (NVIDIA Deep Learning Accelerator)` → `NVDLA`). */
function namesOf(candidate: EntityCandidate): string[] {
  const bare = withoutParentheses(candidate.name);
  return unique([candidate.name, bare].filter(Boolean).map(joinKey));
}

/**
 * How names are compared when one joins another's entity: without case, but for names that match only
 * as written (`ORCA` the processor is not `Orca` the serving paper).
 */
function joinKey(name: string): string {
  return isCaseSensitiveName(name.trim()) ? name.normalize('NFKC').replace(/\s+/g, ' ').trim() : normalizeName(name);
}

function appendTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function mergeGroup(key: string, members: Located[], homePages: string[] = []): Entity {
  const described = members.filter((item) => !item.candidate.fallback && !item.throughHomePage);
  const group = described.length ? described : members;
  const ranked = [...group].sort((a, b) => score(b.candidate) - score(a.candidate) || a.candidate.name.length - b.candidate.name.length);
  const lead = ranked[0].candidate;
  const links: EntityLinks = {};
  const fields: Record<string, string> = {};
  for (const { candidate } of ranked) {
    if (candidate.links.github && (!links.github || (!links.github.includes('/') && candidate.links.github.includes('/'))))
      links.github = candidate.links.github;
    links.arxiv ??= candidate.links.arxiv;
    links.hf ??= candidate.links.hf;
    links.homepage ??= candidate.links.homepage;
    for (const [key, value] of Object.entries(candidate.fields)) fields[key] ??= value;
  }
  const names = unique(ranked.flatMap(({ candidate }) => [candidate.name, ...candidate.aliases]));
  const sites = withoutBareReferences([...group, ...members.filter((item) => item.throughHomePage)])
    .map(({ uri, candidate }) => ({ uri, range: candidate.range, shape: candidate.shape }))
    .sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line);
  return {
    id: key,
    identities: [key, ...homePages],
    name: lead.name,
    kind: kindOf(key, lead),
    aliases: names.filter((name) => name !== lead.name),
    summary: summaryOf(group, lead),
    links,
    fields,
    sites,
  };
}

/**
 * The description of the records that call the entity by its name, the richest shape first: the name may
 * come from a terse list item while a card describes it better. A record under another name that links the
 * same repository (a news item's headline, `BOOMv2 代码地址`, a card on `DeepSpeed-FastGen` crediting
 * DeepSpeed) describes an event or a part of it, and describes the entity only when nothing else does.
 */
function summaryOf(group: readonly Located[], lead: EntityCandidate): string {
  const byShape = [...group].sort((a, b) => SHAPE_PRIORITY[b.candidate.shape] - SHAPE_PRIORITY[a.candidate.shape]);
  const named = byShape.find(({ candidate }) => candidate.summary && callsBy(candidate.name, lead.name));
  return (named ?? byShape.find(({ candidate }) => candidate.summary))?.candidate.summary ?? '';
}

/**
 * Whether a record's name calls the thing by `name`: spelled alike, or alike up to a paper title's colon (`GQA`
 * of `GQA: Training Generalized …`), or after its owner or maker (`NVIDIA/Megatron-LM`, `英伟达NVIDIA-Megatron-LM`, `谷歌jax`).
 */
function callsBy(recordName: string, name: string): boolean {
  const short = shortName(name);
  if (!short) return false;
  if (shortName(recordName) === short) return true;
  const spelled = name.trim().toLowerCase();
  const record = recordName.trim().toLowerCase();
  return record.length > spelled.length && record.endsWith(spelled) && !/[a-z0-9]/.test(record[record.length - spelled.length - 1]);
}

/** A paper is called by the words before its title's colon too. */
function shortName(name: string): string {
  return squashName(name.split(/[:：]/)[0]);
}

/**
 * A link-only list item (`- [英伟达NVIDIA/Megatron-LM](…)` under the card that describes it) refers to the
 * entity rather than defining it when the same note describes it elsewhere.
 */
function withoutBareReferences(group: Located[]): Located[] {
  const described = new Set(group.filter(({ candidate }) => candidate.summary).map(({ uri }) => uri));
  return group.filter(({ uri, candidate }) => candidate.summary || candidate.shape !== 'list-record' || !described.has(uri));
}

const PAPER_IDENTITY = /^(arxiv|openreview|acl|doi):/;

/**
 * A paper's identity makes a paper, whatever a record naming it without the link took it for; only a record
 * that holds the link itself and calls the thing a project (the tool its cited paper presents) says otherwise.
 */
function kindOf(key: string, lead: EntityCandidate): EntityKind {
  if (!PAPER_IDENTITY.test(key)) return lead.kind;
  return lead.kind === 'project' && lead.identity === key ? 'project' : 'paper';
}

function score(candidate: EntityCandidate): number {
  const repo = candidate.links.github?.split('/')[1];
  const namedLikeRepo = repo !== undefined && squashName(repo) === squashName(candidate.name);
  // A link in passing, with nothing said of it, names the entity worse than a record that describes it.
  const passing = candidate.shape === 'list-record' && !candidate.summary;
  return SHAPE_PRIORITY[candidate.shape] + (namedLikeRepo ? 3 : 0) - (passing ? 2 : 0) - (candidate.weak ? 10 : 0);
}
