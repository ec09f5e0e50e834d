import type { EntityCandidate, EntityKind, EntityLinks, EntityShape, Range } from '../parse/facts';
import { arxivIdOf, githubRefOf, githubSlug, identityOf, isHttpUrl, isPdfAddress, unwrapRedirect, type Identity } from './identity';
import { isCommonWord, isFieldTerm } from './words';
import { aliasesFromName, isMatchableName, latinNameBesideKind, shortNameOf, unique, withoutParentheses } from './names';

const MAX_SUMMARY = 1200;

/** Shapes whose text is a name (`华为mindspore`) rather than a title, so its Latin parts are aliases. */
const NAME_SHAPES = new Set<EntityShape>(['project-card', 'table-row', 'loose-list', 'explicit']);

export interface CandidateInput {
  name: string;
  shape: EntityShape;
  range: Range;
  urls?: string[];
  summary?: string;
  fields?: Record<string, string>;
  kind?: EntityKind;
  aliases?: string[];
  weak?: boolean;
  fallback?: boolean;
  /** The link that anchors the candidate, when the shape knows it; otherwise the first URL with an identity. */
  identity?: Identity | null;
}

/**
 * `GitHub Copilot` at copilot.github.com is called `Copilot`, `Apache Mynewt` at github.com/apache/… `Mynewt`:
 * a name that opens with the maker its link shows. An abbreviation left alone (`MPI` of `Intel MPI`), a
 * kind of thing (`HPC compilers`) or a language (`Verilog` of `Icarus Verilog`) names the general thing,
 * not the maker's.
 */
function withoutMaker(name: string, identity: Identity): string | undefined {
  const match = /^([A-Za-z][\w-]*)\s+(\S.*)$/.exec(name);
  if (!match) return undefined;
  const [, maker, written] = match;
  if (!makersOf(identity).includes(maker.toLowerCase())) return undefined;
  // `Acme - Exploring Event Sourcing` at acme.com: the maker heads the label and the dash is no part of the title.
  const rest = written.replace(/^[-–—:：|]\s*/, '');
  if (rest.length < 3 || /^[A-Z0-9]{2,4}$/.test(rest) || isFieldTerm(rest) || namesAKind(rest) || !isMatchableName(rest)) return undefined;
  return rest;
}

/** `HPC compilers`: ends in an ordinary lower-case word, or in a kind of document (`GCC Manual`, `CUDA Docs`). */
function namesAKind(words: string): boolean {
  const last = words.split(/\s+/).pop() ?? '';
  return (/^[a-z]+$/.test(last) && isCommonWord(last)) || DOCUMENT_KIND.test(last);
}

const DOCUMENT_KIND = /^(?:manual|docs?|documentation|guide|handbook|reference|tutorials?|blog|wiki|homepage|website|faq)$/i;

/** Who the link shows made the thing: the labels of its host and, for a repository, its owner. */
function makersOf(identity: Identity): string[] {
  let host = '';
  try {
    host = new URL(identity.url).hostname.toLowerCase();
  } catch {
    return [];
  }
  const owner = identity.kind === 'repository' ? identity.key.slice(identity.key.indexOf(':') + 1).split('/')[0] : undefined;
  return [...host.split('.').filter((label) => !/^(www|com|org|net|io|ai|dev|cn|co|edu|gov)$/.test(label)), ...(owner ? [owner] : [])];
}

/** Builds a candidate with the links, kind and aliases its name and URLs imply. */
export function makeCandidate(input: CandidateInput): EntityCandidate {
  const identity = input.identity === null ? undefined : (input.identity ?? firstIdentity(input.urls ?? [], input.name));
  const links = linksFrom(identity ? [identity.url, ...(input.urls ?? [])] : (input.urls ?? []));
  // A page inside a repository (`…/riscv-sodor/wiki/Chisel-Learning-Journey`) is the thing's page: the card links it.
  if (identity?.kind === 'homepage') links.homepage = identity.url;
  const kind = input.kind ?? kindOf(identity, input.name) ?? (links.arxiv ? 'paper' : 'project');
  const asWritten = input.name.trim();
  // `ChatLaw-法律大模型` is called `ChatLaw`; what the note wrote stays an alias.
  const latin = kind === 'project' || kind === 'model' || kind === 'dataset' ? latinNameBesideKind(asWritten) : undefined;
  const name = latin ?? asWritten;
  const aliases = [...(input.aliases ?? []), ...(latin ? [asWritten] : [])];
  // An article's title is not a name: its words and parentheses name other things.
  if (kind !== 'article') {
    const latinParts = NAME_SHAPES.has(input.shape);
    aliases.push(...aliasesFromName(name, { latinParts }));
    const short = shortNameOf(name);
    if (short) aliases.push(short, ...aliasesFromName(short, { latinParts }));
  }
  const repo = identity?.repositoryName;
  // The repository's name is what a reader types for it (`vllm`; `DeepSpeed-MII` of a row spelling it
  // `DeepSpeed-Mll`), also as the name writes it where the name holds it (`TVM` of `Apache TVM`, apache/tvm).
  if (repo && repo.length >= 3) {
    const written = new RegExp(`(?:^|[\\s/])(${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})$`, 'i').exec(withoutParentheses(name))?.[1];
    for (const form of [written, repo]) if (form && isMatchableName(form)) aliases.push(form);
  }
  if (identity?.kind === 'paper' && links.arxiv) aliases.push(links.arxiv);
  const unprefixed = identity && kind !== 'article' ? withoutMaker(name, identity) : undefined;
  if (unprefixed) aliases.push(unprefixed);
  return {
    name,
    kind,
    shape: input.shape,
    aliases: unique(aliases).filter((alias) => alias !== name),
    // A summary that only repeats the name says nothing.
    summary: sameWords(tidySummary(input.summary ?? ''), name) ? '' : tidySummary(input.summary ?? ''),
    links,
    fields: input.fields ?? {},
    ...(identity ? { identity: identity.key } : {}),
    range: input.range,
    ...(input.weak ? { weak: true } : {}),
    ...(input.fallback ? { fallback: true } : {}),
  };
}

function firstIdentity(urls: string[], name: string): Identity | undefined {
  for (const url of urls) {
    const identity = identityOf(url, name);
    if (identity) return identity;
  }
  return undefined;
}

const MIN_PAPER_TITLE_WORDS = 4;

/** Whether a name is long enough to be a paper's title rather than the short name of a thing. */
export function readsAsTitle(name: string): boolean {
  return name.trim().split(/\s+/).length >= MIN_PAPER_TITLE_WORDS;
}

function kindOf(identity: Identity | undefined, name: string): string | undefined {
  if (!identity) return undefined;
  if (identity.kind === 'paper') return 'paper';
  // `[Efficient Parallel Scan Algorithms for Many-core GPUs](…/scan.pdf)`: a titled PDF is a paper, not a project.
  if (identity.kind === 'homepage' && isPdfAddress(identity.url) && readsAsTitle(name)) return 'paper';
  if (identity.kind === 'model' || identity.kind === 'dataset') return identity.kind;
  return undefined;
}

/** The GitHub repository, arXiv id, Hugging Face page and homepage among a candidate's URLs; the first of each kind wins. */
export function linksFrom(rawUrls: string[]): EntityLinks {
  const links: EntityLinks = {};
  for (const url of rawUrls.map(unwrapRedirect)) {
    const arxiv = arxivIdOf(url);
    if (arxiv) {
      links.arxiv ??= arxiv;
      continue;
    }
    const github = githubRefOf(url);
    if (github) {
      // A repository beats an organisation page found earlier.
      if (!links.github || (github.repo && !links.github.includes('/'))) links.github = githubSlug(github);
      continue;
    }
    const identity = identityOf(url);
    if (identity && (identity.kind === 'model' || identity.kind === 'dataset')) {
      links.hf ??= identity.key.slice('hf:'.length);
      continue;
    }
    if (isHttpUrl(url)) links.homepage ??= url.trim();
  }
  return links;
}

function sameWords(summary: string, name: string): boolean {
  return squashName(summary) === squashName(name);
}

export function tidySummary(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > MAX_SUMMARY ? `${collapsed.slice(0, MAX_SUMMARY - 1)}…` : collapsed;
}

/** A name without case, spaces or punctuation, for comparing `Megatron-LM` with `megatron_lm`. */
export function squashName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9\u3400-\u9fff]/g, '');
}
