// The stable diagnostic codes of link checks and how severe each is unless the user says otherwise.

import { EXTERNAL_DEAD_CODE, EXTERNAL_UNVERIFIED_CODE } from './external/result';

export const LINK_CODES = [
  'link.file-not-found',
  'link.anchor-not-found',
  'link.empty',
  'link.missing-scheme',
  'link.malformed-url',
  'link.reversed',
  'link.reference-undefined',
  'link.reference-unused',
  'link.reference-duplicate',
  'link.wiki-unresolved',
  EXTERNAL_DEAD_CODE,
  EXTERNAL_UNVERIFIED_CODE,
] as const;

export type LinkCode = (typeof LINK_CODES)[number];

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

/**
 * Errors are links a reader cannot follow; warnings are probably mistakes that could be intended
 * (anchors depend on the renderer's slugs, wiki links on the tool); infos change nothing a reader sees.
 */
export const DEFAULT_SEVERITY: Readonly<Record<LinkCode, Severity>> = {
  'link.file-not-found': 'error',
  'link.anchor-not-found': 'warning',
  'link.empty': 'warning',
  'link.missing-scheme': 'error',
  'link.malformed-url': 'error',
  'link.reversed': 'warning',
  'link.reference-undefined': 'warning',
  'link.reference-unused': 'info',
  'link.reference-duplicate': 'warning',
  'link.wiki-unresolved': 'warning',
  'link.external-dead': 'error',
  'link.external-unverified': 'info',
};

export function isLinkCode(value: unknown): value is LinkCode {
  return typeof value === 'string' && (LINK_CODES as readonly string[]).includes(value);
}

/** Orders severities so that a minimum can be applied: error > warning > info. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}
