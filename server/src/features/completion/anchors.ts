// `](#` and `](other.md#` → the headings of that note, as the GitHub anchors the parser gave them (CJK
// kept, `-1`, `-2` for repeated headings), each shown with its heading as written.

import type { NotesView } from '../../index/notesView';
import type { HeadingFact } from '../../parse/facts';
import { canonicalUri, classifyTarget, resolveLocalTarget, safeDecode, type LocalTarget } from '../../parse/links/target';
import { NO_COMPLETIONS, typedRange, type CompletionAnswer, type CompletionEntry } from './entry';
import { capped, ranked } from './filter';
import type { DestinationRequest } from './paths';
import { spell } from './spelling';

/** Anchors for a destination holding a `#`: of the note itself (`#…`) or of the note its path names. */
export function anchorCompletions(index: NotesView, request: DestinationRequest): CompletionAnswer {
  const hash = request.written.indexOf('#');
  const target = classifyTarget(request.written);
  if (target.kind !== 'local') return NO_COMPLETIONS;
  const note = target.path ? noteNamed(index, request.uri, target) : request.uri;
  const headings = note ? (index.outline(note)?.headings ?? []) : [];
  const typed = safeDecode(request.written.slice(hash + 1));
  const range = typedRange(request.line, request.start + hash + 1, request.start + request.written.length);
  const result = capped(ranked(headings, typed, (heading) => heading.slug.toLowerCase()));
  return {
    items: result.items.map((heading) => headingEntry(heading, spell(heading.slug, request.spelling, request.angle), range)),
    isIncomplete: result.isIncomplete,
  };
}

export function headingEntry(heading: HeadingFact, newText: string, range: CompletionEntry['range']): CompletionEntry {
  return {
    label: heading.slug,
    kind: 'heading',
    detail: `${'#'.repeat(heading.level)} ${heading.text}`,
    newText,
    range,
    filterText: heading.slug,
  };
}

function noteNamed(index: NotesView, noteUri: string, target: LocalTarget): string | undefined {
  const resolved = resolveLocalTarget(target, noteUri, index.linkGraph.folders);
  return resolved ? index.linkGraph.noteAt(canonicalUri(resolved)) : noteUri;
}
