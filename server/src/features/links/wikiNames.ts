// The names a wiki link may give a note: its file name or a trailing part of its path from the workspace
// folder, extension optional, case and spacing aside (`[[Note]]`, `[[b/note]]`, `[[a/b/Note.md]]`).

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { normalizeName } from '../../entities/names';

const NOTE_EXTENSION = /\.(md|markdown)$/i;

/** The key a wiki link's note part is looked up by. */
export function wikiNameKey(name: string): string {
  return normalizeName(withoutNoteExtension(name));
}

export function withoutNoteExtension(name: string): string {
  return name.replace(NOTE_EXTENSION, '');
}

/** Note URIs by every key a wiki link may name them by (see `pathKeys`). */
export function notesByWikiName(uris: Iterable<string>, folders: readonly string[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const uri of uris) {
    for (const key of pathKeys(uri, folders)) {
      const list = byKey.get(key) ?? [];
      list.push(uri);
      byKey.set(key, list);
    }
  }
  return byKey;
}

/** `a/b/Note.md` under a folder gives `note`, `b/note` and `a/b/note`. */
function pathKeys(uri: string, folders: readonly string[]): string[] {
  const segments = wikiPathSegments(uri, folders);
  return segments.map((_, index) => normalizeName(segments.slice(index).join('/')));
}

/** A note's path from its workspace folder (its file name alone outside any), extension dropped, as segments. */
export function wikiPathSegments(uri: string, folders: readonly string[]): string[] {
  const filePath = URI.parse(uri).path;
  const folder = folders.map((candidate) => URI.parse(candidate).path).find((candidate) => filePath.startsWith(`${candidate}/`));
  const relative = folder ? path.posix.relative(folder, filePath) : path.posix.basename(filePath);
  return withoutNoteExtension(relative).split('/');
}

/** Whether a wiki link's note part is written with an extension (`[[gpu.md]]`), which the note's new name keeps. */
export function hasNoteExtension(name: string): boolean {
  return NOTE_EXTENSION.test(name);
}
