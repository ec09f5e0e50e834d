// Typed settings with defaults: the one place that reads the `marginalia.*` configuration.

export interface MarginaliaConfig {
  include: string[];
  exclude: string[];
  respectGitignore: boolean;
  maxFileSizeMB: number;
  hover: { enabled: boolean };
}

export const DEFAULT_CONFIG: MarginaliaConfig = {
  include: ['**/*.md', '**/*.markdown'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  respectGitignore: true,
  maxFileSizeMB: 10,
  hover: { enabled: true },
};

/** Reads a raw settings object; a wrong value falls back to its default and is reported, never thrown. */
export function readConfig(raw: unknown, report: (problem: string) => void = () => {}): MarginaliaConfig {
  const source = isRecord(raw) ? raw : {};
  const hover = isRecord(source.hover) ? source.hover : {};
  return {
    include: stringList(source.include, DEFAULT_CONFIG.include, 'include', report),
    exclude: stringList(source.exclude, DEFAULT_CONFIG.exclude, 'exclude', report),
    respectGitignore: boolean(source.respectGitignore, DEFAULT_CONFIG.respectGitignore, 'respectGitignore', report),
    maxFileSizeMB: positiveNumber(source.maxFileSizeMB, DEFAULT_CONFIG.maxFileSizeMB, 'maxFileSizeMB', report),
    hover: { enabled: boolean(hover.enabled, DEFAULT_CONFIG.hover.enabled, 'hover.enabled', report) },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

function positiveNumber(value: unknown, fallback: number, name: string, report: (problem: string) => void): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  report(`marginalia.${name} must be a positive number; using ${fallback}`);
  return fallback;
}
