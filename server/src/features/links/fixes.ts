// Quick fixes for link diagnostics. Each fix is a list of text edits in the note (plus, for
// "ignore this target", a command the client runs to change the user's settings).

import * as path from 'node:path';
import type { NotesView } from '../../index/notesView';
import type { LinkFact, Range } from '../../parse/facts';
import type { LineMap } from '../../parse/lineMap';
import type { LinkCode } from './codes';
import { collapsed, FIX_ALL_KIND, preferred, sourceOf, type FixNote as Note, type LinkFix, type TextEditLike } from './fix';
import { exactAnchorFix, headingFixes, nearestFileFixes } from './nearestFixes';
import { referenceFixes } from './referenceFixes';
import { isPlaceholderLink } from './validate';
import type { LinkDiagnostic } from './policy';
import { IGNORE_LINE_COMMENT, IGNORE_NEXT_LINE_COMMENT } from '../../parse/links/silencing';
import { canonicalUri, classifyTarget, resolveLocalTarget } from '../../parse/links/target';

export { FIX_ALL_KIND, type LinkFix, type TextEditLike } from './fix';

/** Client-side command: adds its argument (the target as written) to `marginalia.links.ignore`. */
export const IGNORE_TARGET_COMMAND = 'marginalia.links.ignoreTarget';

/** Fixes for one diagnostic; `all` are the note's current diagnostics, for "fix all of this kind". */
export function quickFixes(index: NotesView, uri: string, diagnostic: LinkDiagnostic, all: readonly LinkDiagnostic[]): LinkFix[] {
  const note = noteOf(index, uri);
  if (!note) return [];
  const fixes = specificFixes(note, diagnostic);
  const sameKind = fixAllOfKind(note, diagnostic.code, all);
  if (sameKind) fixes.push(sameKind);
  fixes.push(silenceFix(note, diagnostic));
  const target = diagnostic.problem.target?.trim();
  if (target) {
    fixes.push({
      title: `Ignore links to ${target}`,
      kind: 'quickfix',
      edits: [],
      command: { title: `Ignore links to ${target}`, command: IGNORE_TARGET_COMMAND, arguments: [target] },
      diagnostics: [diagnostic],
    });
  }
  return fixes;
}

/**
 * Everything in the note that can be fixed without a guess and without changing what a reader
 * sees: schemes added to bare web addresses, duplicate definitions (which renderers ignore) removed.
 * Safe to run on save.
 */
export function fixAllInNote(index: NotesView, uri: string, all: readonly LinkDiagnostic[]): LinkFix | undefined {
  const note = noteOf(index, uri);
  if (!note) return undefined;
  const fixable = all.filter(
    (diagnostic) =>
      diagnostic.code === 'link.missing-scheme' || diagnostic.code === 'link.reference-duplicate' || diagnostic.problem.exactAnchor,
  );
  const combined = combine(note, fixable);
  return combined && { title: 'Fix all safely fixable links in this note', kind: FIX_ALL_KIND, ...combined };
}

function noteOf(index: NotesView, uri: string): Note | undefined {
  const text = index.text(uri);
  const lines = index.lineMap(uri);
  return index.facts(uri) && text !== undefined && lines ? { index, uri, text, lines } : undefined;
}

function specificFixes(note: Note, diagnostic: LinkDiagnostic): LinkFix[] {
  switch (diagnostic.code) {
    case 'link.file-not-found':
      return nearestFileFixes(note, diagnostic);
    case 'link.anchor-not-found':
      return headingFixes(note, diagnostic);
    case 'link.empty':
      return emptyLinkFixes(note, diagnostic);
    case 'link.reference-undefined':
      return referenceFixes(note, diagnostic);
    default: {
      const fix = safeFix(note, diagnostic);
      return fix ? [fix] : [];
    }
  }
}

/** The one obvious fix of a diagnostic, when there is one that needs no guess. */
function safeFix(note: Note, diagnostic: LinkDiagnostic): LinkFix | undefined {
  const { problem } = diagnostic;
  switch (diagnostic.code) {
    case 'link.missing-scheme':
      return preferred(
        `Add https:// (https://${problem.target?.trim()})`,
        [{ range: collapsed(problem.range.start), newText: 'https://' }],
        diagnostic,
      );
    case 'link.empty':
      return problem.link && problem.link.kind === 'inline' && (!problem.link.target.trim() || isPlaceholderLink(problem.link))
        ? removeEmptyLink(note, problem.link, diagnostic)
        : undefined;
    case 'link.reversed':
      return problem.link && reversedLinkFix(problem.link, diagnostic);
    case 'link.reference-unused':
      return (
        problem.definition &&
        preferred(`Delete the unused definition [${problem.definition.label}]`, [deleteLines(note, problem.definition.range)], diagnostic)
      );
    case 'link.anchor-not-found':
      return exactAnchorFix(note, diagnostic);
    case 'link.reference-duplicate':
      return (
        problem.definition &&
        preferred(
          `Delete the duplicate definition [${problem.definition.label}]`,
          [deleteLines(note, problem.definition.range)],
          diagnostic,
        )
      );
    default:
      return undefined;
  }
}

/** `(vLLM)[https://…]` → `[vLLM](https://…)`. */
function reversedLinkFix(link: LinkFact, diagnostic: LinkDiagnostic): LinkFix | undefined {
  if (!link.reversed) return undefined;
  const written = `[${link.reversed.text}](${link.target})`;
  return preferred(`Write it as ${written}`, [{ range: link.reversed.range, newText: written }], diagnostic);
}

const KIND_NAMES: Partial<Record<LinkCode, string>> = {
  'link.missing-scheme': 'web addresses without a scheme',
  'link.reversed': 'links with reversed brackets',
  'link.anchor-not-found': 'fragments not written as the exact anchor',
  'link.empty': 'links without a target',
  'link.reference-unused': 'unused definitions',
  'link.reference-duplicate': 'duplicate definitions',
};

function fixAllOfKind(note: Note, code: LinkCode, all: readonly LinkDiagnostic[]): LinkFix | undefined {
  const name = KIND_NAMES[code];
  const sameCode = all.filter((diagnostic) => diagnostic.code === code);
  const combined = name && sameCode.length > 1 ? combine(note, sameCode) : undefined;
  if (!combined || combined.diagnostics.length < 2) return undefined;
  return { title: `Fix all ${combined.diagnostics.length} ${name} in this note`, kind: 'quickfix', ...combined };
}

/** The safe fixes of several diagnostics as one edit; a fix whose edits overlap an earlier one's is left out. */
function combine(note: Note, diagnostics: readonly LinkDiagnostic[]): Pick<LinkFix, 'edits' | 'diagnostics'> | undefined {
  const edits: TextEditLike[] = [];
  const fixed: LinkDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const fix = safeFix(note, diagnostic);
    if (!fix || fix.edits.some((edit) => edits.some((taken) => overlaps(note.lines, edit.range, taken.range)))) continue;
    edits.push(...fix.edits);
    fixed.push(diagnostic);
  }
  return fixed.length ? { edits, diagnostics: fixed } : undefined;
}

function emptyLinkFixes(note: Note, diagnostic: LinkDiagnostic): LinkFix[] {
  const link = diagnostic.problem.link;
  if (!link) return [];
  const removal = safeFix(note, diagnostic);
  if (removal) return [removal];
  if (link.isImage || link.text.trim()) return [];
  const target = link.kind === 'reference' ? '' : link.target;
  const title = titleFor(note, target);
  if (title) {
    const textStart = { line: link.range.start.line, character: link.range.start.character + 1 };
    return [preferred(`Use '${title}' as the link text`, [{ range: collapsed(textStart), newText: escapeLinkText(title) }], diagnostic)];
  }
  const web = classifyTarget(target);
  if (web.kind === 'web' && link.kind === 'inline')
    return [preferred(`Turn into an autolink <${web.url}>`, [{ range: link.range, newText: `<${web.url}>` }], diagnostic)];
  return [];
}

/** What `[](target)` should say: the entity's name for its repository or paper, a note's heading or title, a file's name. */
function titleFor(note: Note, written: string): string | undefined {
  const target = classifyTarget(written);
  if (target.kind === 'web') return note.index.entityLinkedBy(target.url)?.name;
  if (target.kind !== 'local') return undefined;
  const graph = note.index.linkGraph;
  const file = resolveLocalTarget(target, note.uri, graph.folders) ?? canonicalUri(note.uri);
  const noteUri = graph.noteAt(file);
  const facts = noteUri ? note.index.outline(noteUri) : undefined;
  const fragment = target.fragment?.toLowerCase();
  const heading = fragment ? facts?.headings.find((candidate) => candidate.slug.toLowerCase() === fragment) : undefined;
  if (heading?.text) return heading.text;
  if (facts?.title) return facts.title;
  return graph.exists(file) && target.path ? path.posix.basename(target.path).replace(/\.(md|markdown)$/i, '') : undefined;
}

function removeEmptyLink(note: Note, link: LinkFact, diagnostic: LinkDiagnostic): LinkFix {
  const source = sourceOf(note, link.range);
  const textStart = link.isImage ? 2 : 1;
  const textEnd = source.lastIndexOf('](');
  const inner = textEnd > textStart ? source.slice(textStart, textEnd) : '';
  const title = inner.trim() ? `Remove the empty link, keep '${inner.trim()}'` : 'Remove the empty link';
  return preferred(title, [{ range: link.range, newText: inner }], diagnostic);
}

/**
 * `<!-- marginalia-ignore -->` at the end of the line (before a hard break), which every renderer
 * hides. A definition line cannot take it (the comment would end the definition), so there the
 * comment goes on the line above.
 */
function silenceFix(note: Note, diagnostic: LinkDiagnostic): LinkFix {
  const line = diagnostic.range.start.line;
  const lineText = note.lines.lineText(line);
  let edit: TextEditLike;
  if (diagnostic.problem.definition) {
    const prefix = /^[\s>]*/.exec(lineText)?.[0] ?? '';
    edit = { range: collapsed({ line, character: 0 }), newText: `${prefix}${IGNORE_NEXT_LINE_COMMENT}\n` };
  } else {
    const trailing = /\\?\s*$/.exec(lineText)?.[0] ?? '';
    edit = { range: collapsed({ line, character: lineText.length - trailing.length }), newText: ` ${IGNORE_LINE_COMMENT}` };
  }
  return { title: 'Silence this link check (HTML comment)', kind: 'quickfix', edits: [edit], diagnostics: [diagnostic] };
}

/** The whole lines of a definition when nothing else stands on them, else just the definition. */
function deleteLines(note: Note, range: Range): TextEditLike {
  const { lines } = note;
  const before = lines.lineText(range.start.line).slice(0, range.start.character);
  const after = lines.lineText(range.end.line).slice(range.end.character);
  if (!/^[\s>]*$/.test(before) || after.trim()) return { range, newText: '' };
  const start = { line: range.start.line, character: 0 };
  const end =
    range.end.line + 1 < lines.lineCount
      ? { line: range.end.line + 1, character: 0 }
      : { line: range.end.line, character: lines.lineText(range.end.line).length };
  return { range: { start, end }, newText: '' };
}

function overlaps(lines: LineMap, a: Range, b: Range): boolean {
  const [aStart, aEnd, bStart, bEnd] = [a.start, a.end, b.start, b.end].map((position) => lines.offsetAt(position));
  return (aStart < bEnd && bStart < aEnd) || aStart === bStart;
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`);
}
