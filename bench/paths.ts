// Where the benchmark finds the build it measures and keeps what it writes.

import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const CLI_JS = path.join(ROOT, 'dist', 'cli.js');

/** XDG_CACHE_HOME of every server and CLI run for a vault of `notes` notes; removed before the cold start. */
export const cacheHomeFor = (notes: number) => path.join(ROOT, '.bench', `cache-${notes}`);

/** A path as the report shows it: relative to the project when inside it. */
export function shownPath(file: string): string {
  return path.relative(ROOT, file) || file;
}
