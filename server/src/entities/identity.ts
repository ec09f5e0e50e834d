// What a link says about the thing it points at. An entity is anchored by the identity of its link:
// two links with one identity are one thing, whatever the notes call it, and two identities are never
// one thing, whatever names they share.
import { withoutTrailingSlashes } from './trim';

export type IdentityKind = 'repository' | 'paper' | 'model' | 'dataset' | 'homepage';

export interface Identity {
  /** Canonical key: `github:owner/repo`, `arxiv:2404.17153`, `hf:org/name`, `doi:10.1/x`, `url:host/path`. */
  key: string;
  kind: IdentityKind;
  /** The link with redirects unwrapped, as a reader would open it. */
  url: string;
  /** The repository name (`vllm` of `vllm-project/vllm`): a name a reader may type. */
  repositoryName?: string;
}

export interface GithubRef {
  owner: string;
  /** Absent for an organisation or user page such as https://github.com/nvdla. */
  repo?: string;
}

const GITHUB_RESERVED_OWNERS = new Set([
  'orgs',
  'topics',
  'search',
  'settings',
  'features',
  'marketplace',
  'about',
  'collections',
  'trending',
  'sponsors',
  'login',
  'explore',
  'apps',
  'users',
  'site',
  'pricing',
  'enterprise',
  'readme',
  'events',
]);
const GITHUB = /^(?:https?:\/\/)?(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]*)(?:\/([A-Za-z0-9._-]+))?(\/[^?#]*)?/i;
/** A text document in a repository other than a README, which stands for its folder: `/blob/main/docs/setup.md`. */
const DOCUMENT_PATH = /^\/blob\/.*\/(?!readme[^/]*$)[^/]+\.(?:md|markdown|mdx|rst|txt|adoc)$/i;
/** A commit, a comparison or one pull request of a repository. */
const CHANGE_PATH = /^\/(?:commit|commits|compare|pull)(?:\/|$)/i;
/** How notes call a change: its hash, `PR 56`, `Rocket-Chip PR #998`, `#998`, `commit 3ac3e44`. */
const CHANGE_NAME =
  /^(?=[a-f]*\d)[0-9a-f]{7,40}$|(?:^|[^A-Za-z0-9])(?:PR|MR) ?#?\d+$|\b[Pp]ull request\b|\b[Cc]ommit [0-9a-f]{7,40}\b|(?:^|\s)#\d+$/;
// Besides the abstract and its formats: the `browse.` mirror of a page and the `ftp/arxiv/papers/YYMM/` path
// of a PDF, which notes copy from a browser's address bar.
const ARXIV =
  /^(?:https?:\/\/)?(?:www\.|export\.|browse\.)?arxiv\.org\/(?:abs|pdf|html|format|ftp\/arxiv\/papers\/\d{4})\/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v\d+)?(?:\.pdf)?(?:[?#/].*)?$/i;
const HUGGING_FACE =
  /^(?:https?:\/\/)?(?:www\.)?huggingface\.co\/(datasets\/|spaces\/)?([A-Za-z0-9][\w.-]*)\/([A-Za-z0-9][\w.-]*)\/?(?:[?#].*)?$/i;
const HF_NOT_ORGS = new Set([
  'docs',
  'blog',
  'papers',
  'learn',
  'models',
  'datasets',
  'spaces',
  'collections',
  'tasks',
  'posts',
  'join',
  'login',
  'pricing',
]);
const GITLAB_LIKE =
  /^(?:https?:\/\/)?(?:www\.)?(gitlab\.com|gitee\.com|codeberg\.org|bitbucket\.org)\/([A-Za-z0-9][\w.-]*)\/([A-Za-z0-9][\w.-]*)\/?(?:[?#].*)?$/i;
const OPENREVIEW = /^(?:https?:\/\/)?(?:www\.)?openreview\.net\/(?:forum|pdf)\?(?:.*&)?id=([\w-]+)/i;
const ACL_ANTHOLOGY = /^(?:https?:\/\/)?(?:www\.)?aclanthology\.org\/([A-Z]?\d{2}-\d{4}|\d{4}\.[\w-]+\.\d+)(?:\.pdf)?\/?$/i;
const DOI = /^(?:https?:\/\/)?(?:dx\.)?doi\.org\/(10\.\d{4,9}\/\S+?)\/?$/i;
/** A paper's page or PDF in the ACM Digital Library, whose path holds its DOI: `dl.acm.org/doi/pdf/10.1145/…`. */
const ACM_DOI =
  /^(?:https?:\/\/)?(?:www\.)?dl\.acm\.org\/doi\/(?:(?:abs|pdf|epdf|full|fullHtml|book)\/)?(10\.\d{4,9}\/[^?#\s]+?)\/?(?:[?#].*)?$/i;
const REDIRECT_PARAMETERS = ['target', 'url', 'u', 'q', 'to', 'link', 'redirect', 'redirect_uri', 'dest', 'destination'];
const TRACKING_PARAMETER = /^(utm_\w+|gclid|fbclid|spm|from|source|ref|ref_src|share_source|vd_source)$/i;

export function githubRefOf(url: string): GithubRef | undefined {
  const match = GITHUB.exec(unwrapRedirect(url).trim());
  if (!match) return undefined;
  const owner = match[1];
  if (GITHUB_RESERVED_OWNERS.has(owner.toLowerCase())) return undefined;
  const repo = match[2]?.replace(/\.git$/i, '');
  return repo ? { owner, repo } : { owner };
}

/** `owner/repo`, or `owner` for an organisation page. */
export function githubSlug(ref: GithubRef): string {
  return ref.repo ? `${ref.owner}/${ref.repo}` : ref.owner;
}

/** New-style (2404.17153) and old-style (cs/0112017) arXiv identifiers, without a version suffix. */
export function arxivIdOf(url: string): string | undefined {
  return ARXIV.exec(unwrapRedirect(url).trim())?.[1];
}

/** Whether an address opens a PDF (`…/scan.pdf`, `…/paper.pdf?download=1`): a document, most often a paper. */
export function isPdfAddress(url: string): boolean {
  return /\.pdf(?:$|[?#])/i.test(url);
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

/**
 * The link a redirect stands for: `…/click?target=https://github.com/o/r` is a link to `o/r`.
 * Only a parameter holding a whole http(s) address counts, so ordinary queries are left alone.
 */
export function unwrapRedirect(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  let parameters: URLSearchParams;
  try {
    parameters = new URLSearchParams(url.slice(query + 1).split('#')[0]);
  } catch {
    return url;
  }
  for (const name of REDIRECT_PARAMETERS) {
    const value = parameters.get(name);
    if (value && /^https?:\/\/[^\s/]+\.[^\s/]+/i.test(value)) return unwrapRedirect(value);
  }
  return url;
}

/**
 * The identity a link gives the thing it points at, or none for links that identify nothing a card can
 * describe: a person's or organisation's page, a search, a local file.
 */
export function identityOf(rawUrl: string, nameHint?: string): Identity | undefined {
  // Notes link the same addresses again and again; reading one takes a URL parse or two.
  const key = nameHint === undefined ? rawUrl : `${rawUrl}\u0000${nameHint}`;
  if (identities.has(key)) return identities.get(key);
  if (identities.size >= IDENTITY_CACHE_SIZE) identities.clear();
  const identity = readIdentity(rawUrl, nameHint);
  identities.set(key, identity);
  return identity;
}

const IDENTITY_CACHE_SIZE = 20_000;
const identities = new Map<string, Identity | undefined>();

function readIdentity(rawUrl: string, nameHint?: string): Identity | undefined {
  const url = unwrapRedirect(rawUrl.trim());
  if (!isHttpUrl(url)) return undefined;
  if (/^(?:https?:\/\/)?(?:www\.)?github\.com(?:[/?#]|$)/i.test(url)) return githubIdentity(url, nameHint);
  return paperIdentity(url) ?? huggingFaceIdentity(url) ?? forgeIdentity(url) ?? homepageIdentity(url);
}

function githubIdentity(url: string, nameHint?: string): Identity | undefined {
  const match = GITHUB.exec(url);
  if (!match) return undefined;
  const owner = match[1];
  const repo = match[2]?.replace(/\.git$/i, '');
  if (GITHUB_RESERVED_OWNERS.has(owner.toLowerCase())) return undefined;
  // A person's or organisation's page describes no one project, unless the project is named after it
  // (`NVDLA` and https://github.com/nvdla): then it is the project's home page.
  // One word only: `Tudor Timi` and github.com/tudortimi is a person; `?type=all&sort=stargazers` lists
  // an organisation's repositories.
  if (!repo)
    return nameHint && !url.includes('?') && /^[\w.-]+$/.test(withoutParenthesesOf(nameHint)) && organisationOf(nameHint, owner)
      ? { key: `url:${urlKey(url)}`, kind: 'homepage', url }
      : undefined;
  const rest = withoutTrailingSlashes(match[3] ?? '');
  // `[[3ac3e44](…/commit/3ac3e44…)] 加入…`, `[PR 56](…/pull/56)`: a change to a repository, not a thing a
  // card describes. `[Apache Mynewt](…/pull/396)` still names what the change is to.
  if (CHANGE_PATH.test(rest) && nameHint && namesAChange(nameHint)) return undefined;
  // `[英伟达A800加速卡常见软件包安装命令](…/blob/main/docs/a800-env-install.md)`: a page of writing kept in a
  // repository is an article, as one on a blog is; it describes something, it is not a thing a card describes.
  if (DOCUMENT_PATH.test(rest) && !(nameHint && namedLike(nameHint, repo))) return undefined;
  // `/tree/main`, `/blob/main/README-zh.md` and `/issues` are the repository's front page; a path into it
  // names a part of it (a sub-project, a document, one issue: `[benchmarked a 176B model](…/issues/2928)`),
  // unless the link is named exactly like the repository.
  const frontPage =
    !rest ||
    /^\/(?:tree|blob)\/[^/]+(?:\/README[^/]*)?$/i.test(rest) ||
    /^\/(?:releases|issues|pulls|discussions)(?:\/(?!\d).*)?$/i.test(rest);
  if (!frontPage && !(nameHint && namedLike(nameHint, repo))) return { key: `url:${urlKey(url)}`, kind: 'homepage', url };
  return { key: `github:${owner}/${repo}`.toLowerCase(), kind: 'repository', url, repositoryName: repo };
}

function paperIdentity(url: string): Identity | undefined {
  const arxiv = ARXIV.exec(url)?.[1];
  if (arxiv) return { key: `arxiv:${arxiv.toLowerCase()}`, kind: 'paper', url };
  const openreview = OPENREVIEW.exec(url)?.[1];
  if (openreview) return { key: `openreview:${openreview}`, kind: 'paper', url };
  const acl = ACL_ANTHOLOGY.exec(url)?.[1];
  if (acl) return { key: `acl:${acl.toLowerCase()}`, kind: 'paper', url };
  const doi = DOI.exec(url)?.[1] ?? ACM_DOI.exec(url)?.[1];
  if (doi) return { key: `doi:${decodeURIComponent(doi).toLowerCase()}`, kind: 'paper', url };
  return undefined;
}

function huggingFaceIdentity(url: string): Identity | undefined {
  const match = HUGGING_FACE.exec(url);
  if (!match || HF_NOT_ORGS.has(match[2].toLowerCase())) return undefined;
  const section = (match[1] ?? '').toLowerCase();
  // A Space is an application page: its address identifies it as any homepage would.
  if (section === 'spaces/') return undefined;
  const kind = section === 'datasets/' ? 'dataset' : 'model';
  return { key: `hf:${section}${match[2]}/${match[3]}`.toLowerCase(), kind, url, repositoryName: match[3] };
}

function forgeIdentity(url: string): Identity | undefined {
  const match = GITLAB_LIKE.exec(url);
  if (!match) return undefined;
  const host = match[1].toLowerCase().split('.')[0];
  return { key: `${host}:${match[2]}/${match[3]}`.toLowerCase(), kind: 'repository', url, repositoryName: match[3] };
}

/** Whether a name is how notes call a change to a repository rather than a thing: `3ac3e44`, `PR 56`, `Rocket-Chip PR #998`. */
export function namesAChange(name: string): boolean {
  return CHANGE_NAME.test(name.trim());
}

/**
 * Sites of articles, videos, posts and mailing lists: a page there is written about something, so it
 * identifies no project (a paper or repository link beside it does).
 */
const ARTICLE_HOSTS =
  /(^|\.)(zhuanlan\.zhihu\.com|zhihu\.com|mp\.weixin\.qq\.com|blog\.csdn\.net|csdn\.net|medium\.com|bilibili\.com|b23\.tv|youtube\.com|youtu\.be|juejin\.cn|cnblogs\.com|jianshu\.com|groups\.google\.com|news\.ycombinator\.com|substack\.com|img\.shields\.io|shields\.io)$/i;
/**
 * Social sites, their own pages only: `research.facebook.com/publications/…` is a company's publication
 * page, `www.facebook.com/…` a post.
 */
const SOCIAL_HOSTS =
  /^(www\.|m\.|mobile\.)?(twitter\.com|x\.com|threadreaderapp\.com|nitter\.net|reddit\.com|old\.reddit\.com|weibo\.com|linkedin\.com|facebook\.com|t\.co)$/i;

function homepageIdentity(url: string): Identity | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.hostname.includes('.') || ARTICLE_HOSTS.test(parsed.hostname) || SOCIAL_HOSTS.test(parsed.hostname)) return undefined;
  return { key: `url:${urlKey(url)}`, kind: 'homepage', url };
}

/**
 * Whether a link's text names the page it opens, as `LibreCores CI` names librecores.org and `UVM` names
 * …/standards/uvm: in running text, only such links define what they point at.
 */
export function anchorNamesUrl(text: string, url: string, { pathOnly = false } = {}): boolean {
  const address = (pathOnly ? url.replace(/^https?:\/\/[^/]+/i, '') : url).toLowerCase().replace(/[^a-z0-9]/g, '');
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 || /\d/.test(word));
  return words.some((word) => word.length >= 2 && address.includes(word));
}

function withoutParenthesesOf(name: string): string {
  return name.replace(/[(（][^()（）]*[)）]/g, ' ').trim();
}

/** Whether a name is the repository's (`Colossal-AI: …` of `ColossalAI`, `ArcticTraining`). */
function namedLike(name: string, repo: string): boolean {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const key = squash(repo);
  const bare = name.replace(/[(（][^()（）]*[)）]/g, ' ');
  return key.length > 0 && [name, name.split(/[:：]/)[0], bare].some((form) => squash(form) === key);
}

/**
 * Whether an organisation is the project's: named like it (`NVDLA` and `nvdla`), or its name and a word
 * that says it is the project's group (`sigrok` and `sigrokproject`, `Yosys` and `YosysHQ`, `Epsilla` and
 * `epsilla-cloud`). A product named after its company (`Wallaroo.AI` and `WallarooLabs`) is the company's.
 */
function organisationOf(name: string, owner: string): boolean {
  const group = ORGANISATION_WORD.exec(owner);
  const named = (form: string) =>
    namedLike(form, owner) || (group !== null && group.index >= 3 && namedLike(form, owner.slice(0, group.index)));
  const company = COMPANY_SUFFIX.exec(name);
  return named(name) || (company !== null && company.index >= 3 && named(name.slice(0, company.index)));
}

const ORGANISATION_WORD = /(?:project|projects|org|hq|team|dev|community|labs?|cloud|inc|ai)$/i;
const COMPANY_SUFFIX = /[.\s-]?(?:ai|labs?|inc)$/i;

/** A web address as a key: no scheme, `www.`, fragment, tracking parameters or trailing slash; the host in lower case. */
export function urlKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim().toLowerCase();
  }
  for (const name of [...parsed.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) parsed.searchParams.delete(name);
  const query = parsed.searchParams.toString();
  const path = withoutTrailingSlashes(parsed.pathname).replace(/\/index\.html?$/i, '');
  return `${parsed.hostname.toLowerCase().replace(/^www\./, '')}${path}${query ? `?${query}` : ''}`;
}

/** The identity of a git remote as `.git/config` writes it: `git@github.com:owner/repo.git`, `ssh://…`, `https://…`. */
export function identityOfRemote(remote: string): Identity | undefined {
  const scp = /^[\w.-]+@([^:/]+):(.+)$/.exec(remote.trim());
  const url = scp ? `https://${scp[1]}/${scp[2]}` : remote.trim().replace(/^(?:ssh|git):\/\/(?:[^@/]+@)?/, 'https://');
  return identityOf(url.replace(/\.git$/, ''));
}

/** How strongly an identity of this kind anchors a record: a repository or paper beats a model page, which beats a homepage. */
export function identityStrength(identity: Identity): number {
  switch (identity.kind) {
    case 'paper':
      return 3;
    case 'repository':
      return 3;
    case 'model':
    case 'dataset':
      return 2;
    default:
      return 1;
  }
}
