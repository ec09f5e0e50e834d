// Typed settings with defaults: the one place that reads the `marginalia.*` configuration.

import type { EntityLinkSetting } from './features/completion/entities';
import { isLinkCode, SEVERITY_SETTINGS, type LinkCode, type SeveritySetting } from './features/links/codes';
import { ANCHOR_STYLES, type AnchorStyle } from './features/links/policy';
import { isRecord } from './workspace/vaultConfig';

export interface MarginaliaConfig {
  include: string[];
  exclude: string[];
  respectGitignore: boolean;
  maxFileSizeMB: number;
  hover: { enabled: boolean };
  /** Whether the names that have cards are marked as semantic tokens (the VS Code client's underline is its own setting). */
  entities: { semanticTokens: boolean };
  snippets: SnippetsConfig;
  links: LinksConfig;
  /** What accepting a project or paper's name inserts: the name, a Markdown link to it, or both as two items. */
  completion: { entityLinks: EntityLinkSetting };
}

export interface SnippetsConfig {
  /** Whether notes show ▶ Run lenses over their shell blocks. */
  codeLens: boolean;
  // How a run goes where the server runs snippets itself (initializationOptions.serverRunsSnippets);
  // the VS Code client reads the same settings from the editor and runs them with the same runner.
  /** Path or name on PATH; empty for the block's own (bash, or zsh for zsh blocks). */
  shell: string;
  /** Added to the server's environment. */
  env: Record<string, string>;
  /** Where blocks without `cwd=` run. */
  cwd: 'scratch' | 'note';
  /** Limit for blocks without `timeout=`; 0 for none. */
  timeoutSeconds: number;
  /** Output kept per run. */
  maxOutputMB: number;
}

export interface LinksConfig {
  /** Overrides of each check's default severity (`error`, `warning`, `info` or `off`), by diagnostic code. */
  severity: Partial<Record<LinkCode, SeveritySetting>>;
  /** Link targets never reported: exact targets as written, or glob patterns. */
  ignore: string[];
  /** Whether a `#fragment` must be a heading's exact anchor, as on GitHub, or may be text that slugs to it. */
  anchors: AnchorStyle;
  /**
   * Whether renaming or moving a file updates the links to it and in it: `ask` lets the VS Code client ask
   * first; to any other editor the server answers as for `always`.
   */
  updateOnFileMove: FileMoveUpdates;
  external: {
    /** Check http(s) links automatically (trusted workspaces only); the check command works without it. */
    enabled: boolean;
    /** Hosts, IP addresses or CIDR ranges that the guard against local and private addresses lets through. */
    allowList: string[];
    /** Sent with every request; empty for the built-in browser-like one. */
    userAgent: string;
    timeoutSeconds: number;
    /** How long a checked link's result is reused. */
    cacheMaxAgeHours: number;
  };
}

export const FILE_MOVE_UPDATES = ['always', 'ask', 'never'] as const;
export type FileMoveUpdates = (typeof FILE_MOVE_UPDATES)[number];

export const DEFAULT_CONFIG: MarginaliaConfig = {
  include: ['**/*.md', '**/*.markdown'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  respectGitignore: true,
  maxFileSizeMB: 64,
  hover: { enabled: true },
  entities: { semanticTokens: true },
  snippets: { codeLens: true, shell: '', env: {}, cwd: 'scratch', timeoutSeconds: 60, maxOutputMB: 4 },
  links: {
    severity: {},
    ignore: [],
    anchors: 'github',
    updateOnFileMove: 'ask',
    external: { enabled: false, allowList: [], userAgent: '', timeoutSeconds: 10, cacheMaxAgeHours: 24 },
  },
  completion: { entityLinks: 'name' },
};

/** Reads a raw settings object; a wrong value falls back to its default and is reported, never thrown. */
export function readConfig(raw: unknown, report: (problem: string) => void = () => {}): MarginaliaConfig {
  const source = isRecord(raw) ? raw : {};
  const hover = isRecord(source.hover) ? source.hover : {};
  const entities = isRecord(source.entities) ? source.entities : {};
  return {
    include: stringList(source.include, DEFAULT_CONFIG.include, 'include', report),
    // VS Code's `files.exclude`, sent by its client: hidden in the editor, hidden from the index.
    exclude: [
      ...stringList(source.exclude, DEFAULT_CONFIG.exclude, 'exclude', report),
      ...stringList(source.filesExclude, [], 'filesExclude', report),
    ],
    respectGitignore: boolean(source.respectGitignore, DEFAULT_CONFIG.respectGitignore, 'respectGitignore', report),
    maxFileSizeMB: positiveNumber(source.maxFileSizeMB, DEFAULT_CONFIG.maxFileSizeMB, 'maxFileSizeMB', report),
    hover: { enabled: boolean(hover.enabled, DEFAULT_CONFIG.hover.enabled, 'hover.enabled', report) },
    entities: {
      semanticTokens: boolean(entities.semanticTokens, DEFAULT_CONFIG.entities.semanticTokens, 'entities.semanticTokens', report),
    },
    snippets: readSnippetsConfig(source.snippets, report),
    links: readLinksConfig(source.links, report),
    completion: { entityLinks: entityLinks(isRecord(source.completion) ? source.completion.entityLinks : undefined, report) },
  };
}

const ENTITY_LINK_SETTINGS: readonly EntityLinkSetting[] = ['name', 'link', 'both'];

function entityLinks(value: unknown, report: (problem: string) => void): EntityLinkSetting {
  const fallback = DEFAULT_CONFIG.completion.entityLinks;
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (ENTITY_LINK_SETTINGS as readonly string[]).includes(value)) return value as EntityLinkSetting;
  report(`marginalia.completion.entityLinks must be name, link or both; using ${fallback}`);
  return fallback;
}

function stringList(value: unknown, fallback: string[], name: string, report: (problem: string) => void): string[] {
  if (value === undefined || value === null) return fallback;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  report(`marginalia.${name} must be a list of glob patterns; using the default`);
  return fallback;
}

function boolean(value: unknown, fallback: boolean, name: string, report: (problem: string) => void): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  report(`marginalia.${name} must be true or false; using ${fallback}`);
  return fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, name: string, report: (problem: string) => void): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  report(`marginalia.${name} must be one of ${allowed.join(', ')}; using ${fallback}`);
  return fallback;
}

function positiveNumber(value: unknown, fallback: number, name: string, report: (problem: string) => void): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  report(`marginalia.${name} must be a positive number; using ${fallback}`);
  return fallback;
}

const SNIPPET_CWDS: ReadonlyArray<SnippetsConfig['cwd']> = ['scratch', 'note'];

function readSnippetsConfig(raw: unknown, report: (problem: string) => void): SnippetsConfig {
  const source = isRecord(raw) ? raw : {};
  const defaults = DEFAULT_CONFIG.snippets;
  const shell = source.shell;
  if (shell !== undefined && shell !== null && typeof shell !== 'string')
    report('marginalia.snippets.shell must be a string; using the default');
  return {
    codeLens: boolean(source.codeLens, defaults.codeLens, 'snippets.codeLens', report),
    shell: typeof shell === 'string' ? shell.trim() : defaults.shell,
    env: stringRecord(source.env, 'snippets.env', report),
    cwd: oneOf(source.cwd, SNIPPET_CWDS, defaults.cwd, 'snippets.cwd', report),
    timeoutSeconds: nonNegativeNumber(source.timeoutSeconds, defaults.timeoutSeconds, 'snippets.timeoutSeconds', report),
    maxOutputMB: positiveNumber(source.maxOutputMB, defaults.maxOutputMB, 'snippets.maxOutputMB', report),
  };
}

function nonNegativeNumber(value: unknown, fallback: number, name: string, report: (problem: string) => void): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  report(`marginalia.${name} must be a number, 0 or more; using ${fallback}`);
  return fallback;
}

/** Variables that are not strings are left out and reported; the rest apply. */
function stringRecord(value: unknown, name: string, report: (problem: string) => void): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    report(`marginalia.${name} must map names to strings; using none`);
    return {};
  }
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (entries.length < Object.keys(value).length) report(`marginalia.${name}: values that are not strings are left out`);
  return Object.fromEntries(entries);
}

function readLinksConfig(raw: unknown, report: (problem: string) => void): LinksConfig {
  const source = isRecord(raw) ? raw : {};
  const external = isRecord(source.external) ? source.external : {};
  const defaults = DEFAULT_CONFIG.links.external;
  const userAgent = external.userAgent;
  if (userAgent !== undefined && userAgent !== null && typeof userAgent !== 'string')
    report('marginalia.links.external.userAgent must be a string; using the default');
  return {
    severity: severityOverrides(source.severity, report),
    ignore: stringList(source.ignore, DEFAULT_CONFIG.links.ignore, 'links.ignore', report),
    anchors: oneOf(source.anchors, ANCHOR_STYLES, DEFAULT_CONFIG.links.anchors, 'links.anchors', report),
    updateOnFileMove: oneOf(
      source.updateOnFileMove,
      FILE_MOVE_UPDATES,
      DEFAULT_CONFIG.links.updateOnFileMove,
      'links.updateOnFileMove',
      report,
    ),
    external: {
      enabled: boolean(external.enabled, defaults.enabled, 'links.external.enabled', report),
      allowList: stringList(external.allowList, defaults.allowList, 'links.external.allowList', report),
      userAgent: typeof userAgent === 'string' ? userAgent.trim() : defaults.userAgent,
      timeoutSeconds: positiveNumber(external.timeoutSeconds, defaults.timeoutSeconds, 'links.external.timeoutSeconds', report),
      cacheMaxAgeHours: positiveNumber(external.cacheMaxAgeHours, defaults.cacheMaxAgeHours, 'links.external.cacheMaxAgeHours', report),
    },
  };
}

/** `{ "link.reference-unused": "off", ... }`; unknown codes and levels are reported and skipped. */
function severityOverrides(value: unknown, report: (problem: string) => void): Partial<Record<LinkCode, SeveritySetting>> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    report('marginalia.links.severity must map diagnostic codes to error, warning, info or off; using the defaults');
    return {};
  }
  const overrides: Partial<Record<LinkCode, SeveritySetting>> = {};
  for (const [code, level] of Object.entries(value)) {
    if (!isLinkCode(code)) report(`marginalia.links.severity: unknown code '${code}' is ignored`);
    else if (typeof level !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(level))
      report(`marginalia.links.severity: '${code}' must be error, warning, info or off; using the default`);
    else overrides[code] = level as SeveritySetting;
  }
  return overrides;
}
