// `[text][` → the labels the note defines (`[label]: …` lines), spelled as their definitions write them.

import type { NoteFacts, ReferenceDefinitionFact } from '../../parse/facts';
import { typedRange, type CompletionAnswer } from './entry';
import { capped, ranked } from './filter';

export interface ReferenceRequest {
  line: number;
  typed: string;
  start: number;
  /** A line of the note as the editor holds it: definitions keep their labels lower-cased, the text as written. */
  lineText(line: number): string;
}

export function referenceCompletions(facts: NoteFacts | undefined, request: ReferenceRequest): CompletionAnswer {
  const labels = new Map<string, ReferenceDefinitionFact>();
  for (const definition of facts?.referenceDefinitions ?? []) if (!labels.has(definition.label)) labels.set(definition.label, definition);
  const range = typedRange(request.line, request.start, request.start + request.typed.length);
  const result = capped(ranked([...labels.values()], request.typed, (definition) => definition.label));
  return {
    items: result.items.map((definition) => {
      const label = writtenLabel(definition, request.lineText);
      return { label, kind: 'reference' as const, detail: definition.target, newText: label, range };
    }),
    isIncomplete: result.isIncomplete,
  };
}

/** The label as its definition line writes it; the lower-cased one when the line has changed since the note was read. */
function writtenLabel(definition: ReferenceDefinitionFact, lineText: (line: number) => string): string {
  const text = lineText(definition.range.start.line).slice(definition.range.start.character);
  const written = /^\s*\[([^\]]+)\]:/.exec(text)?.[1];
  return written !== undefined && written.toLowerCase() === definition.label ? written : definition.label;
}
