// Fixes that point a dead link somewhere that exists: the heading a fragment slugs to, or the files and
// headings nearest to what was written. Only a suggestion similar enough, and clearly ahead of the
// next, is preferred; the rest are offered for the user to choose.

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { canonicalUri, classifyTarget, resolveLocalTarget, safeDecode } from '../../parse/links/target';
import { preferred, sourceOf, type FixNote, type LinkFix } from './fix';
import type { HeadingFact } from '../../parse/facts';
import { isPreferable, nearestFiles, nearestHeadings, type Suggestion } from './nearest';
import type { LinkDiagnostic } from './policy';
import { headingAtTranslatedPlace } from './translatedHeading';

export function nearestFileFixes(note: FixNote, diagnostic: LinkDiagnostic): LinkFix[] {
  const written = diagnostic.problem.target ?? '';
  const target = classifyTarget(written);
  if (target.kind !== 'local' || !target.path) return [];
  const graph = note.index.linkGraph;
  const noteDirectory = path.posix.dirname(URI.parse(note.uri).path);
  const own = canonicalUri(note.uri);
  const missing = resolveLocalTarget(target, note.uri, graph.folders);
  const candidates = graph.existingFiles().filter((file) => file !== own && file !== missing);
  const rootFolder = target.rootRelative ? folderPathOf(note.uri, graph.folders) : undefined;
  const suffix = written.slice(target.writtenPath.length);
  return suggestionFixes(nearestFiles(target.path, candidates, noteDirectory), diagnostic, (file) => {
    const replacement = linkPathTo(URI.parse(file).path, noteDirectory, rootFolder) + suffix;
    return { title: `Change to ${replacement}`, newText: replacement };
  });
}

/** A path as a link writes it: relative to the note (or `/`-rooted when the original was), Markdown-safe. */
function linkPathTo(filePath: string, noteDirectory: string, rootFolder: string | undefined): string {
  const relative = rootFolder ? `/${path.posix.relative(rootFolder, filePath)}` : path.posix.relative(noteDirectory, filePath);
  // Spaces and brackets would end or break an inline link's destination; other characters (CJK included) stay readable.
  return relative.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function folderPathOf(noteUri: string, folders: readonly string[]): string | undefined {
  const notePath = URI.parse(noteUri).path;
  return folders.map((folder) => URI.parse(folder).path).find((folder) => notePath.startsWith(`${folder}/`));
}

/** The exact anchor when the fragment slugs to one, else the nearest headings by fragment and link text. */
export function headingFixes(note: FixNote, diagnostic: LinkDiagnostic): LinkFix[] {
  const exact = exactAnchorFix(note, diagnostic);
  if (exact) return [exact];
  const { anchorNote, link } = diagnostic.problem;
  const facts = anchorNote ? note.index.outline(anchorNote) : undefined;
  const source = sourceOf(note, diagnostic.range);
  const hash = source.indexOf('#');
  if (!facts || hash < 0) return [];
  const fragment = safeDecode(source.slice(hash + 1));
  const change = (heading: HeadingFact, why = '') => ({
    title: `Change to #${heading.slug} (${heading.text})${why}`,
    newText: `${source.slice(0, hash + 1)}${heading.slug}`,
  });
  const suggestions = nearestHeadings(fragment, facts.headings, link?.isImage ? '' : link?.text);
  const fixes = suggestionFixes(suggestions, diagnostic, change);
  const translated = anchorNote && headingAtTranslatedPlace(note.index, anchorNote, fragment);
  if (!translated || suggestions.some((suggestion) => suggestion.value === translated)) return fixes;
  // A guess by place: first unless a spelling is close, and, as the two disagree, neither is preferred.
  const [byPlace] = suggestionFixes([{ value: translated, similarity: 0 }], diagnostic, (heading) =>
    change(heading, `, where a translation of the note has #${fragment}`),
  );
  const others = fixes.map((fix) => ({ ...fix, isPreferred: false }));
  return isPreferable(suggestions) ? [...others, byPlace!] : [byPlace!, ...others];
}

/** `#Heading Text` → `#heading-text`: the anchor the fragment slugs to, which GitHub needs written exactly. No guess. */
export function exactAnchorFix(note: FixNote, diagnostic: LinkDiagnostic): LinkFix | undefined {
  const { exactAnchor, anchorNote } = diagnostic.problem;
  const source = sourceOf(note, diagnostic.range);
  const hash = source.indexOf('#');
  if (!exactAnchor || hash < 0) return undefined;
  const heading = anchorNote
    ? note.index.outline(anchorNote)?.headings.find((candidate) => candidate.slug.toLowerCase() === exactAnchor)
    : undefined;
  const title = `Change to #${exactAnchor}${heading ? ` (${heading.text})` : ''}`;
  return preferred(title, [{ range: diagnostic.range, newText: `${source.slice(0, hash + 1)}${exactAnchor}` }], diagnostic);
}

/** One fix per suggestion, in order; the first is preferred only when it is similar enough and clearly ahead. */
function suggestionFixes<T>(
  suggestions: ReadonlyArray<Suggestion<T>>,
  diagnostic: LinkDiagnostic,
  replace: (value: T) => { title: string; newText: string },
): LinkFix[] {
  const preferable = isPreferable(suggestions);
  return suggestions.map((suggestion, position) => {
    const { title, newText } = replace(suggestion.value);
    return {
      title,
      kind: 'quickfix' as const,
      edits: [{ range: diagnostic.range, newText }],
      isPreferred: position === 0 && preferable,
      diagnostics: [diagnostic],
    };
  });
}
