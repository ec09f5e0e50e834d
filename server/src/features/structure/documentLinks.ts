// The local links of a note as an editor makes them clickable: each to the file it names and, for a
// `#fragment` naming a heading, to that heading's line (`file:///…/note.md#L12`, which VS Code opens at
// the line). Links to files that do not exist are left to the link check; web links to the editor.

import type { NotesView } from '../../index/notesView';
import type { LinkFact, Range } from '../../parse/facts';
import { canonicalUri, classifyTarget, isLineFragment, resolveLocalTarget } from '../../parse/links/target';
import { sameRange } from '../edits/noteEdits';
import { headingNamedBy } from '../rename/headings';

export interface NoteLink {
  range: Range;
  target: string;
  /** The heading the link opens at, when it names one. */
  heading?: string;
}

/** The note's local links; call `linkGraph.prepare([uri])` first, so that whether each file exists is known. */
export function noteLinks(index: NotesView, uri: string): NoteLink[] {
  const facts = index.facts(uri);
  if (!facts) return [];
  const found: NoteLink[] = [];
  const add = (range: Range, written: string) => {
    const link = resolve(index, uri, written);
    if (link) found.push({ range, ...link });
  };
  for (const link of facts.links) if (hasWrittenTarget(link)) add(link.targetRange, link.target);
  // A reference use opens what its definition names; the definition's own target is a link too.
  for (const link of facts.links) if (link.kind === 'reference' && link.target) add(link.range, link.target);
  for (const definition of facts.referenceDefinitions) add(definition.targetRange, definition.target);
  return found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function hasWrittenTarget(link: LinkFact): boolean {
  return link.kind === 'html' || (link.kind === 'inline' && !sameRange(link.range, link.targetRange));
}

function resolve(index: NotesView, uri: string, written: string): Omit<NoteLink, 'range'> | undefined {
  const target = classifyTarget(written);
  if (target.kind !== 'local') return undefined;
  const graph = index.linkGraph;
  const file = target.path ? resolveLocalTarget(target, uri, graph.folders) : canonicalUri(uri);
  if (!file || (target.path && graph.exists(file) !== true)) return undefined;
  const fragment = target.fragment;
  if (!fragment) return { target: file };
  if (isLineFragment(fragment)) return { target: `${file}#${fragment}` };
  const note = target.path ? graph.noteAt(file) : uri;
  const headings = note ? (index.outline(note)?.headings ?? []) : [];
  const named = headingNamedBy(headings, fragment);
  if (named === undefined) return { target: file };
  return { target: `${file}#L${headings[named].range.start.line + 1}`, heading: headings[named].text };
}
