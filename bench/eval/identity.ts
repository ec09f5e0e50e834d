// What makes two ids "the same thing" when scoring: gold ids (`github:owner/repo`, `arxiv:NNNN.NNNNN`,
// `hf:org/name`, `url:<link>`, `name:<name>`) against the identities of the server's entities, with the
// pairs the labellers list as one thing. Pure functions, unit-tested in test/unit/bench/evalScoring.test.ts.

/**
 * Ids the labels give to the same thing defined twice with different links. Taken from the corpus's
 * SOURCES-en.md ("How ids were chosen": vLLM, llama.cpp, GPFS, IOR, FIO, BeeGFS, DLIO) and README.md
 * ("across the two files LightLLM, riscv-formal and UVVM differ too"; ids from gold-en.json/gold-zh.json).
 * MegatronLM (an NVIDIA blog article) and Megatron-LM (the repository) are related but deliberately not here.
 */
export const EQUIVALENT_IDS: readonly (readonly string[])[] = [
  ['url:https://vllm.ai', 'github:vllm-project/vllm'],
  ['github:ggerganov/llama.cpp', 'github:ggml-org/llama.cpp'],
  [
    'url:https://www.ibm.com/docs/en/gpfs/4.1.0.4?topic=guide-introducing-general-parallel-file-system',
    'url:https://en.wikipedia.org/wiki/GPFS',
  ],
  ['url:https://www.vi4io.org/tools/benchmarks/ior', 'github:hpc/ior'],
  ['url:https://fio.readthedocs.io/en/latest/fio_doc.html', 'url:https://fio.readthedocs.io/en/latest'],
  ['url:https://www.beegfs.io/c', 'url:https://www.beegfs.io'],
  ['url:https://ieeexplore.ieee.org/document/9499416', 'github:argonne-lcf/dlio_benchmark'],
  ['github:ModelTC/lightllm', 'name:LightLLM'],
  ['github:SymbioticEDA/riscv-formal', 'github:cliffordwolf/riscv-formal'],
  ['github:UVVM/UVVM', 'url:http://www.bitvis.no/products/uvvm'],
];

/** Case-insensitive, whitespace collapsed: how names (and name: ids) compare. */
export function normalizeName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A link without scheme, `www.`, fragment, trailing `/` or `/index.html`: the same page however written
 * (as the server's url keys do, server/src/entities/identity.ts urlKey). The host is lower-cased; the
 * path keeps its case, since web servers may not ignore it.
 */
export function normalizeUrl(url: string): string {
  const rest = url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/#.*$/, '')
    .replace(/\/+$/, '')
    .replace(/\/index\.html?$/i, '');
  const slash = rest.search(/[/?]/);
  return slash < 0 ? rest.toLowerCase() : rest.slice(0, slash).toLowerCase() + rest.slice(slash);
}

/**
 * The comparable form of an id: scheme lower-cased; github, hf, doi, acl and name values lower-cased;
 * arXiv versions dropped; URLs normalised. A URL that is exactly a GitHub repository, an arXiv abstract, a
 * Hugging Face model, an OpenReview forum, an ACL Anthology paper or a DOI becomes that kind of id, as the
 * server's identity keys do, so that a gold `url:` id and an entity's key or homepage link can meet.
 */
export function normalizeId(id: string): string {
  const colon = id.indexOf(':');
  if (colon < 0) return `name:${normalizeName(id)}`;
  const scheme = id.slice(0, colon).toLowerCase();
  const value = id.slice(colon + 1).trim();
  switch (scheme) {
    case 'github':
    case 'hf':
    case 'doi':
    case 'acl':
      return `${scheme}:${value.replace(/\/+$/, '').toLowerCase()}`;
    case 'arxiv':
      return `arxiv:${value.toLowerCase().replace(/v\d+$/, '')}`;
    case 'name':
      return `name:${normalizeName(value)}`;
    case 'url':
    case 'http':
    case 'https':
      return urlId(scheme === 'url' ? value : id);
    default:
      return `${scheme}:${value}`;
  }
}

/** Link shapes that identify a repository, paper or model, and the id kind each becomes. */
const LINK_IDS: ReadonlyArray<{ pattern: RegExp; id: (match: RegExpExecArray) => string }> = [
  {
    pattern: /^github\.com\/([^/?#]+\/[^/?#]+?)(?:\.git)?(?:\/(?:tree|blob)\/[^/?#]+(?:\/README(?:\.md)?)?)?$/i,
    id: (m) => `github:${m[1].toLowerCase()}`,
  },
  { pattern: /^arxiv\.org\/(?:abs|pdf|html)\/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$/i, id: (m) => `arxiv:${m[1]}` },
  { pattern: /^huggingface\.co\/((?:datasets\/)?[^/?#]+\/[^/?#]+)$/i, id: (m) => `hf:${m[1].toLowerCase()}` },
  { pattern: /^openreview\.net\/(?:forum|pdf)\?(?:.*&)?id=([\w-]+)/i, id: (m) => `openreview:${m[1]}` },
  { pattern: /^aclanthology\.org\/([A-Z]?\d{2}-\d{4}|\d{4}\.[\w-]+\.\d+)(?:\.pdf)?$/i, id: (m) => `acl:${m[1].toLowerCase()}` },
  { pattern: /^(?:dx\.)?doi\.org\/(10\.\d{4,9}\/\S+)$/i, id: (m) => `doi:${decodeURIComponent(m[1]).toLowerCase()}` },
];

/** Hugging Face pages that are no model: the first path segment is a section, not an organisation. */
const HF_SECTIONS = /^huggingface\.co\/(spaces|docs|papers|blog|learn|models|collections|tasks|posts)\//i;

function urlId(url: string): string {
  const normalized = normalizeUrl(url);
  if (!HF_SECTIONS.test(normalized)) {
    for (const { pattern, id } of LINK_IDS) {
      const match = pattern.exec(normalized);
      if (match) return id(match);
    }
  }
  return `url:${normalized}`;
}

/** Every normalised id of an equivalence class, indexed by each member. */
function buildClasses(pairs: readonly (readonly string[])[]): Map<string, readonly string[]> {
  const classes = new Map<string, readonly string[]>();
  for (const group of pairs) {
    const members = group.map(normalizeId);
    for (const member of members) classes.set(member, members);
  }
  return classes;
}

const CLASSES = buildClasses(EQUIVALENT_IDS);

/** An id and every id listed as the same thing, all normalised. */
export function equivalentIds(id: string): readonly string[] {
  const normalized = normalizeId(id);
  return CLASSES.get(normalized) ?? [normalized];
}

/** One representative per equivalence class: two ids name the same thing when their canonical ids are equal. */
export function canonicalId(id: string): string {
  return equivalentIds(id)[0];
}

export function sameIdentity(a: string, b: string): boolean {
  return canonicalId(a) === canonicalId(b);
}

/** The part of the entity list item the eval reads (server/src/lsp/entities.ts, EntityListItem). */
export interface EntityItem {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  summary: string;
  links: { github?: string; arxiv?: string; homepage?: string; hf?: string };
  /** Where notes define it, as corpus-relative paths and zero-based lines (the eval converts the server's URIs). */
  sites: Array<{ file: string; line: number }>;
  /** Every identity the entity holds, when the server reports them (planned). */
  identities?: string[];
}

/** An entity's identities: its `identities` when present, else its id and links. Canonical ids, no repeats. */
export function entityIdentityKeys(entity: EntityItem): string[] {
  const raw = entity.identities ?? [
    entity.id,
    ...(entity.links.github ? [`github:${entity.links.github}`] : []),
    ...(entity.links.arxiv ? [`arxiv:${entity.links.arxiv}`] : []),
    ...(entity.links.hf ? [`hf:${entity.links.hf}`] : []),
    ...(entity.links.homepage ? [`url:${entity.links.homepage}`] : []),
  ];
  return [...new Set(raw.map(canonicalId))];
}

/** The entity's name and aliases, normalised. */
export function entityNames(entity: Pick<EntityItem, 'name' | 'aliases'>): string[] {
  return [entity.name, ...entity.aliases].map(normalizeName);
}

/** The name a `name:` id stands for, or undefined for other ids. */
export function nameOfId(id: string): string | undefined {
  return /^name:/i.test(id) ? id.slice(5) : undefined;
}

/**
 * Whether an entity is the gold id's thing: for `name:` ids (and their equivalents) its name or an alias
 * equals the name; for the others one of its identities is the id or an equivalent one.
 */
export function entityHasIdentity(entity: EntityItem, goldId: string): boolean {
  const keys = new Set(entityIdentityKeys(entity));
  const names = entityNames(entity);
  return equivalentIds(goldId).some((member) => {
    const name = nameOfId(member);
    return name !== undefined ? names.includes(normalizeName(name)) : keys.has(canonicalId(member));
  });
}
