// The bridge between the notes and the external checker: which web addresses a note links to, and
// the diagnostics that the checker's results make of them.

import type { LinksConfig } from '../../config';
import type { NotesView } from '../../index/notesView';
import type { NoteFacts, Range } from '../../parse/facts';
import { proxyRoutesFrom, type ExternalCheckOptions, type ExternalLinkResult } from './external';
import { ignoreMatcher, type LinkSettings } from './policy';
import type { LinkProblem } from './problem';
import { definitionsByLabel, isCommentDefinition } from '../../parse/links/references';
import { classifyTarget, malformedUrlReason } from '../../parse/links/target';

export interface WebLink {
  /** The address as it will be checked (`//host/x` gains `https:`). */
  url: string;
  /** The target as written. */
  target: string;
  range: Range;
}

/** Every well-formed http(s) address of a note: links, images, raw HTML and definitions. */
export function webLinksOf(facts: NoteFacts): WebLink[] {
  const written: Array<{ target: string; range: Range }> = facts.links
    .filter((link) => link.kind !== 'wiki' && link.kind !== 'reference')
    .map((link) => ({ target: link.target, range: link.targetRange }));
  for (const definition of definitionsByLabel(facts).values()) {
    if (!isCommentDefinition(definition)) written.push({ target: definition.target, range: definition.targetRange });
  }
  const links: WebLink[] = [];
  for (const { target, range } of written) {
    const classified = classifyTarget(target);
    if (classified.kind === 'web' && !malformedUrlReason(classified.url)) links.push({ url: classified.url, target, range });
  }
  return links;
}

/**
 * Dead and unverified links become problems. Links the guard blocked (a `localhost` example) or
 * the checker skipped say nothing about the link's health, so they are not reported.
 */
export function externalProblems(facts: NoteFacts, results: ReadonlyMap<string, ExternalLinkResult>): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const link of webLinksOf(facts)) {
    const result = results.get(link.url);
    if (result?.status === 'dead' || result?.status === 'unverified') {
      problems.push({ code: result.code, message: result.message, range: link.range, target: link.target });
    }
  }
  return problems;
}

/**
 * The distinct addresses worth checking in these notes: ignored targets and silenced lines are
 * left out, so that an ignore setting also keeps requests from being sent.
 */
export function webUrlsToCheck(index: NotesView, uris: Iterable<string>, settings: LinkSettings): string[] {
  const ignored = ignoreMatcher(settings.ignore);
  const urls = new Set<string>();
  for (const uri of uris) {
    const facts = index.facts(uri);
    if (!facts) continue;
    const silenced = new Set(facts.silencedLines);
    for (const link of webLinksOf(facts)) if (!ignored(link.target) && !silenced.has(link.range.start.line)) urls.add(link.url);
  }
  return [...urls];
}

/**
 * The checker's options from the user's settings, and the proxies from the environment (`HTTPS_PROXY`,
 * `HTTP_PROXY`, `NO_PROXY`); `cacheDir` keeps results between sessions.
 */
export function externalCheckOptions(
  settings: LinksConfig['external'],
  cacheDir: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Partial<ExternalCheckOptions> {
  return {
    allowList: settings.allowList,
    ...(settings.userAgent ? { userAgent: settings.userAgent } : {}),
    timeoutMs: settings.timeoutSeconds * 1000,
    cacheMaxAgeMs: settings.cacheMaxAgeHours * 60 * 60 * 1000,
    cacheDir,
    proxy: proxyRoutesFrom(env),
  };
}
