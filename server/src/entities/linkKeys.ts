// What a URL says about the thing it points at: a GitHub repository or an arXiv paper.

export interface GithubRef {
  owner: string;
  /** Absent for an organisation or user page such as https://github.com/nvdla. */
  repo?: string;
}

const GITHUB_RESERVED_OWNERS = new Set(['orgs', 'topics', 'search', 'settings', 'features', 'marketplace', 'about', 'collections', 'trending', 'sponsors', 'login', 'explore']);

export function githubRefOf(url: string): GithubRef | undefined {
  const match = /^(?:https?:\/\/)?(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]*)(?:\/([A-Za-z0-9._-]+))?/i.exec(url.trim());
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
  const match = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v\d+)?(?:\.pdf)?(?:[?#/].*)?$/i.exec(url.trim());
  return match?.[1];
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}
