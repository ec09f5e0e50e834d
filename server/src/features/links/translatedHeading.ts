// A fragment copied from a translation of the note: `README.zh-CN.md` keeps the English README's
// `#installation`, where its own heading reads `## 安装`. No spelling is near, but the place is the
// same: the heading at the position where the translation has the heading the fragment names.

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { NotesView } from '../../index/notesView';
import type { HeadingFact } from '../../parse/facts';

// `README.zh-CN.md`, `guide_ja.md`, `index-en.markdown`: a name, a language tag, the extension.
const TRANSLATED_NAME = /^(.+?)(?:[._-]([a-z]{2})(?:[-_][a-z]{2,4})?)?\.(?:md|markdown)$/i;

/**
 * The heading of `noteUri` at the place where a translation beside it (same folder, same name but
 * for a language tag) has a heading whose anchor is `fragment`; only when both have as many headings,
 * and that one is of the same level, so the two outlines plainly line up.
 */
export function headingAtTranslatedPlace(index: NotesView, noteUri: string, fragment: string): HeadingFact | undefined {
  const headings = index.outline(noteUri)?.headings;
  if (!headings?.length) return undefined;
  const wanted = fragment.toLowerCase();
  for (const translation of translationsOf(index, noteUri)) {
    const other = index.outline(translation)?.headings;
    if (!other || other.length !== headings.length) continue;
    const place = other.findIndex((heading) => heading.slug.toLowerCase() === wanted);
    if (place >= 0 && headings[place]!.level === other[place]!.level) return headings[place];
  }
  return undefined;
}

function translationsOf(index: NotesView, noteUri: string): string[] {
  const notePath = URI.parse(noteUri).path;
  const stem = stemOf(notePath);
  if (!stem) return [];
  const folder = path.posix.dirname(notePath);
  return index.noteUris().filter((uri) => {
    const other = URI.parse(uri).path;
    return other !== notePath && path.posix.dirname(other) === folder && stemOf(other) === stem;
  });
}

function stemOf(filePath: string): string | undefined {
  return TRANSLATED_NAME.exec(path.posix.basename(filePath))?.[1]?.toLowerCase();
}
