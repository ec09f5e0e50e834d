// What the user asked to hear: severities per code (or off), ignored targets, silenced lines.

import picomatch from 'picomatch';
import type { Range } from '../../parse/facts';
import { DEFAULT_SEVERITY, type LinkCode, type Severity, type SeveritySetting } from './codes';
import type { LinkProblem } from './problem';

/**
 * How `#fragment`s must name headings: `github` as GitHub resolves them (the exact anchor, ignoring case);
 * `loose` also accepts heading text that slugs to the anchor (`#Heading Text`), as Obsidian and others do.
 */
export const ANCHOR_STYLES = ['github', 'loose'] as const;
export type AnchorStyle = (typeof ANCHOR_STYLES)[number];

export interface LinkSettings {
  /** Overrides of the default severity, by code. */
  severity: Partial<Record<LinkCode, SeveritySetting>>;
  /** Targets never reported: exact targets as written, or glob patterns (`https://intranet/**`, `*.pdf`, `drafts/**`). */
  ignore: readonly string[];
  /** How fragments are matched to headings; `github` when absent. */
  anchors?: AnchorStyle;
}

export const DEFAULT_LINK_SETTINGS: LinkSettings = { severity: {}, ignore: [], anchors: 'github' };

export interface LinkDiagnostic {
  code: LinkCode;
  severity: Severity;
  message: string;
  range: Range;
  problem: LinkProblem;
}

/** The user's severity for the problem's code, else the problem's own, else the code's default. */
export function severityOf(problem: Pick<LinkProblem, 'code' | 'severity'>, settings: LinkSettings): SeveritySetting {
  return settings.severity[problem.code] ?? problem.severity ?? DEFAULT_SEVERITY[problem.code];
}

/** Problems as they are reported: silenced lines and ignored targets dropped, severities applied. */
export function reportable(problems: readonly LinkProblem[], settings: LinkSettings, silenced: ReadonlySet<number>): LinkDiagnostic[] {
  const ignored = ignoreMatcher(settings.ignore);
  const diagnostics: LinkDiagnostic[] = [];
  for (const problem of problems) {
    const severity = severityOf(problem, settings);
    if (severity === 'off' || silenced.has(problem.range.start.line)) continue;
    if (problem.target !== undefined && ignored(problem.target)) continue;
    diagnostics.push({ code: problem.code, severity, message: problem.message, range: problem.range, problem });
  }
  return diagnostics;
}

const matchers = new WeakMap<readonly string[], (target: string) => boolean>();

/** Matches a target, with or without its `#fragment` and `?query`, against the ignore list. */
export function ignoreMatcher(patterns: readonly string[]): (target: string) => boolean {
  const cached = matchers.get(patterns);
  if (cached) return cached;
  const exact = new Set(patterns);
  const globs = globMatcher(patterns);
  const matcher = (target: string) => {
    const trimmed = target.trim();
    const withoutFragment = trimmed.split('#')[0];
    const withoutQuery = withoutFragment.split('?')[0];
    return [trimmed, withoutFragment, withoutQuery].some((form) => form !== '' && (exact.has(form) || globs(form)));
  };
  matchers.set(patterns, matcher);
  return matcher;
}

function globMatcher(patterns: readonly string[]): (target: string) => boolean {
  // A pattern without a slash (`*.pdf`) matches the last part of a path or URL; one with a slash, the whole target.
  const withSlash = patterns.filter((pattern) => pattern.includes('/'));
  const withoutSlash = patterns.filter((pattern) => !pattern.includes('/'));
  const matchers = [compile(withSlash, false), compile(withoutSlash, true)];
  return (target) => matchers.some((matches) => matches(target));
}

function compile(patterns: string[], basename: boolean): (target: string) => boolean {
  if (!patterns.length) return () => false;
  try {
    return picomatch(patterns, { dot: true, basename });
  } catch {
    // A pattern picomatch cannot compile still works as an exact target.
    return () => false;
  }
}
