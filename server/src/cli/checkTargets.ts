// What `check` was asked to look at: folders and single notes, several at once (`check docs notes README.md`).
// The index covers the folders and the folder of each single note, so that links between them resolve;
// only the notes asked for are reported.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args';

export interface CheckTargets {
  /** The folders to index: the given folders, and the folder of each given note; none inside another. */
  folders: string[];
  /** Whether a note (an absolute path) is one the user asked about. */
  includes(file: string): boolean;
}

export async function checkTargets(inputs: readonly string[]): Promise<CheckTargets> {
  const folders: string[] = [];
  const files = new Set<string>();
  for (const input of inputs) {
    const resolved = path.resolve(input);
    const stat = await fs.stat(resolved).catch(() => undefined);
    if (!stat) throw new UsageError(`no such file or folder: ${input}`);
    if (stat.isDirectory()) folders.push(resolved);
    else if (stat.isFile()) files.add(resolved);
    else throw new UsageError(`not a file or folder: ${input}`);
  }
  const asked = [...folders];
  return {
    folders: outermost([...folders, ...[...files].map((file) => path.dirname(file))]),
    includes: (file) => files.has(file) || asked.some((folder) => isInside(file, folder)),
  };
}

/** The folders that no other folder in the list holds, in the order given. */
function outermost(folders: string[]): string[] {
  const unique = [...new Set(folders)];
  return unique.filter((folder) => !unique.some((other) => other !== folder && isInside(folder, other)));
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
