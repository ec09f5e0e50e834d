// What a written link target points at: a web address, another scheme, or a file (and heading) of
// the workspace. Pure string work; whether the file exists is asked elsewhere.

import * as path from 'node:path';
import { URI } from 'vscode-uri';

export type LinkTarget =
  | { kind: 'empty' }
  | { kind: 'web'; url: string }
  /** `mailto:`, `tel:`, `data:`, `vscode:`, `C:\…` and the like: valid, but not ours to check. */
  | { kind: 'other'; scheme: string }
  | LocalTarget;

export interface LocalTarget {
  kind: 'local';
  /** The path as written, before `?` and `#`; empty for `#heading` and `?query` links to the note itself. */
  writtenPath: string;
  /** The path with percent-escapes decoded. */
  path: string;
  /** The fragment after `#`, decoded; undefined when there is no `#`. */
  fragment?: string;
  /** `/docs/a.md`: resolved from the workspace folder rather than the note's folder. */
  rootRelative: boolean;
}

const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

export function classifyTarget(raw: string): LinkTarget {
  const target = raw.trim();
  if (!target) return { kind: 'empty' };
  const scheme = SCHEME.exec(target)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'web', url: target };
  if (scheme) return { kind: 'other', scheme };
  // A drive letter (`C:\notes`) is not a scheme, but it is no relative link either.
  if (/^[a-z]:[\\/]/i.test(target)) return { kind: 'other', scheme: 'file' };
  if (target.startsWith('//')) return { kind: 'web', url: `https:${target}` };
  return localTarget(target);
}

function localTarget(target: string): LocalTarget {
  const hash = target.indexOf('#');
  const beforeHash = hash < 0 ? target : target.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const writtenPath = query < 0 ? beforeHash : beforeHash.slice(0, query);
  return {
    kind: 'local',
    writtenPath,
    path: safeDecode(writtenPath),
    ...(hash < 0 ? {} : { fragment: safeDecode(target.slice(hash + 1)) }),
    rootRelative: writtenPath.startsWith('/'),
  };
}

/** `decodeURIComponent`, but a stray `%` (as in `100%.md`) leaves the text as written. */
export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The file a local target names, as a canonical URI (the form `URI.toString()` gives), or undefined
 * for a link to the note itself. Root-relative paths start at the workspace folder holding the note.
 */
export function resolveLocalTarget(target: LocalTarget, noteUri: string, folders: readonly string[]): string | undefined {
  if (!target.path) return undefined;
  const note = URI.parse(noteUri);
  const base = target.rootRelative ? (folderOf(note.path, folders) ?? path.posix.dirname(note.path)) : path.posix.dirname(note.path);
  const joined = path.posix.join(base, target.rootRelative ? target.path.slice(1) : target.path);
  return note.with({ path: stripTrailingSlash(joined), query: '', fragment: '' }).toString();
}

function folderOf(notePath: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const folderPath = stripTrailingSlash(URI.parse(folder).path);
    if (notePath.startsWith(`${folderPath}/`) && (!best || folderPath.length > best.length)) best = folderPath;
  }
  return best;
}

function stripTrailingSlash(value: string): string {
  return value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value;
}

/** The one spelling of a URI that maps compare: `file:///a/%E7%9B%AE.md` for `file:///a/目.md`. */
export function canonicalUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/** `#L10`, `#L10-L20`, `#L10C5-L12C2`: line fragments as GitHub and editors write them. */
export function isLineFragment(fragment: string): boolean {
  return /^L\d+(C\d+)?(-L?\d+(C\d+)?)?$/i.test(fragment);
}

// Top-level domains common in notes. File extensions that are also TLDs (.md, .py, .sh, .rs) are
// left out on purpose: `setup.py/` is a folder far more often than a website.
const WEB_TLDS = new Set([
  'com',
  'org',
  'net',
  'edu',
  'gov',
  'io',
  'ai',
  'dev',
  'app',
  'cn',
  'co',
  'uk',
  'de',
  'jp',
  'fr',
  'ru',
  'info',
  'me',
  'tv',
  'xyz',
  'site',
  'tech',
  'cc',
  'us',
  'ca',
  'au',
  'in',
  'kr',
  'tw',
  'hk',
  'eu',
  'ch',
  'nl',
  'se',
  'biz',
  'top',
]);

/**
 * Whether a target that names no existing file is a web address written without its scheme:
 * `www.coursera.org/learn/x`, `github.com/owner/repo`, `arxiv.org/abs/2401.1`.
 */
export function looksLikeWebAddress(target: string): boolean {
  const trimmed = target.trim();
  if (/^www\.[^\s/.]+\.[^\s/]+/i.test(trimmed)) return true;
  const host = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?=[/?#:]|$)/i.exec(trimmed)?.[1];
  if (!host) return false;
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  return WEB_TLDS.has(tld);
}

/** Why a web address cannot be used as written, or undefined when it parses. */
export function malformedUrlReason(url: string): string | undefined {
  if (/\s/.test(url)) return 'it contains whitespace';
  if (!balanced(url, '(', ')') || !balanced(url, '[', ']')) return 'its brackets are unbalanced';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'it cannot be parsed as a URL';
  }
  if (!parsed.hostname) return 'it has no host';
  if (!parsed.hostname.startsWith('[') && parsed.hostname.split('.').some((label, index, labels) => !label && index < labels.length - 1)) {
    return `its host ${parsed.hostname} has an empty label`;
  }
  return undefined;
}

function balanced(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === open) depth++;
    else if (c === close && --depth < 0) return false;
  }
  return depth === 0;
}
