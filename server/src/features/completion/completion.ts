// `textDocument/completion` without the protocol: what the cursor is in (`site.ts`) chooses the list,
// every list is answered from the index's maps and the lookups built from them once per change.

import type { NotesView } from '../../index/notesView';
import type { CodeBlockFact, Position } from '../../parse/facts';
import { anchorCompletions } from './anchors';
import { entityCompletions, type EntityLinkSetting } from './entities';
import { NO_COMPLETIONS, type CompletionAnswer } from './entry';
import { pathCompletions } from './paths';
import { referenceCompletions } from './references';
import { siteAt } from './site';
import { spellingOf } from './spelling';
import { wikiCompletions } from './wiki';

export type { CompletionAnswer, CompletionEntry, EntryKind } from './entry';
export type { EntityLinkSetting } from './entities';

export interface CompletionRequest {
  uri: string;
  position: Position;
  /** A line of the note as the editor holds it now; the index's facts may be one edit behind. */
  lineText(line: number): string;
}

export interface CompletionSettings {
  /** What accepting an entity inserts: its name, a Markdown link to it, or either (two items). */
  entityLinks: EntityLinkSetting;
}

export function completionsAt(index: NotesView, request: CompletionRequest, settings: CompletionSettings): CompletionAnswer {
  const { uri, position } = request;
  const linePrefix = request.lineText(position.line).slice(0, position.character);
  const site = siteAt(linePrefix);
  if (site.kind === 'none') return NO_COMPLETIONS;
  const facts = index.facts(uri);
  if (inCodeBlock(facts?.codeBlocks ?? [], position.line)) return NO_COMPLETIONS;
  const line = position.line;
  switch (site.kind) {
    case 'destination': {
      const destination = { ...site, uri, line, spelling: spellingOf(facts) };
      return site.written.includes('#') ? anchorCompletions(index, destination) : pathCompletions(index, destination);
    }
    case 'reference':
      return referenceCompletions(facts, { ...site, line, lineText: request.lineText });
    case 'wiki':
      return wikiCompletions(index, { ...site, uri, line });
    case 'text':
      return entityCompletions(index, { line, linePrefix, entityLinks: settings.entityLinks });
  }
}

/** Whether a line lies inside a code block, fences included (the blocks are in the order of the note). */
function inCodeBlock(blocks: readonly CodeBlockFact[], line: number): boolean {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (blocks[middle].range.end.line < line) low = middle + 1;
    else high = middle;
  }
  return low < blocks.length && blocks[low].range.start.line <= line;
}
