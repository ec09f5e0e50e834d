// Reference-style links, the facts part: how labels match, which definition a label resolves to, and
// the `[text][label]` whose label has no definition.
//
// The Markdown parser turns `[text][label]` into a link only when the label is defined, so an
// undefined one stays plain text and is found by reading the text, while parsing: the facts keep
// what is found, so that checking needs no text. To avoid false alarms, only the forms that
// unambiguously ask for a definition are kept: full `[text][label]` and collapsed `[text][]`.
// A lone `[text]` is ordinary prose (`[1]`, `[x]`, `[TODO]`), never kept.
// What is wrong with them is said in features/links/referenceProblems.ts.

import type { LinkFact, NoteFacts, Range, ReferenceDefinitionFact, UndefinedReferenceFact } from '../facts';
import type { LineMap } from '../lineMap';

/** How CommonMark matches labels: case-insensitive, runs of whitespace as one space. */
export function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `[//]: # (comment)` and `[comment]: <> (text)` are the usual ways to write comments in Markdown. */
export function isCommentDefinition(definition: ReferenceDefinitionFact): boolean {
  const label = normalizeLabel(definition.label);
  return label === '//' || label === 'comment' || label === '_' || definition.target === '' || definition.target === '#';
}

/** The definition a label resolves to: the first one, as CommonMark says. */
export function definitionsByLabel(facts: Pick<NoteFacts, 'referenceDefinitions'>): Map<string, ReferenceDefinitionFact> {
  const byLabel = new Map<string, ReferenceDefinitionFact>();
  for (const definition of facts.referenceDefinitions) {
    const label = normalizeLabel(definition.label);
    if (!byLabel.has(label)) byLabel.set(label, definition);
  }
  return byLabel;
}

// `[text][label]` or `[text][]` on one line; the text may hold one level of brackets (`[a [b]][c]`).
const FULL_REFERENCE = /(!?)\[((?:[^[\]\\\n]|\\.|\[[^[\]\\\n]*\])+)\]\[((?:[^[\]\\\n]|\\.)*)\]/g;

/** What the parser has found so far: enough to tell a reference that asks for a missing definition. */
type ParsedSoFar = Pick<NoteFacts, 'referenceDefinitions' | 'opaqueRanges' | 'codeBlocks' | 'links'>;

/** The `[text][label]` and `[text][]` of a note whose label has no definition; called while parsing. */
export function undefinedReferencesIn(facts: ParsedSoFar, text: string, lines: LineMap): UndefinedReferenceFact[] {
  if (!text.includes('][')) return [];
  const defined = definitionsByLabel(facts);
  const skipped = skippedSpans(facts, lines);
  const undefinedReferences: UndefinedReferenceFact[] = [];
  for (const match of text.matchAll(FULL_REFERENCE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const [, bang, linkText, writtenLabel] = match;
    const label = writtenLabel || linkText;
    if (defined.has(normalizeLabel(label)) || !asksForDefinition(text, start, linkText, writtenLabel)) continue;
    if (skipped.overlaps(start, end)) continue;
    // Point at the label: `[label]` of a full reference, `[text]` of a collapsed one.
    const labelStart = writtenLabel ? end - writtenLabel.length - 2 : start + bang.length;
    const labelEnd = writtenLabel ? end : start + bang.length + linkText.length + 2;
    undefinedReferences.push({ label, isImage: bang !== '', range: lines.rangeOf(labelStart, labelEnd) });
  }
  return undefinedReferences;
}

/** Filters out brackets that only look like references: escapes, `a[i][j]`, footnotes, `[1][2]` citations. */
function asksForDefinition(text: string, start: number, linkText: string, label: string): boolean {
  const before = text[start - 1] ?? '';
  if (before === '\\' || before === ']' || /[\p{L}\p{N}_]/u.test(before)) return false;
  if (linkText.startsWith('^') || label.startsWith('^')) return false;
  if (/^\d+$/.test(linkText.trim()) && /^\d*$/.test(label.trim())) return false;
  // `[x][ ]` is not a label at all.
  return label === '' || label.trim() !== '';
}

interface SpanSet {
  overlaps(start: number, end: number): boolean;
}

/** Code, URLs, HTML and real links: no reference can start inside them. */
function skippedSpans(facts: ParsedSoFar, lines: LineMap): SpanSet {
  const spans: Array<[number, number]> = [...facts.opaqueRanges];
  const toOffsets = (range: Range): [number, number] => [lines.offsetAt(range.start), lines.offsetAt(range.end)];
  for (const block of facts.codeBlocks) spans.push(toOffsets(block.range));
  for (const link of facts.links as LinkFact[]) spans.push(toOffsets(link.range));
  spans.sort((a, b) => a[0] - b[0]);
  return {
    overlaps(start, end) {
      let low = 0;
      let high = spans.length;
      // Spans may nest, so every span starting before `end` is a candidate; there are few matches to test.
      while (low < high) {
        const mid = (low + high) >> 1;
        if (spans[mid][0] < end) low = mid + 1;
        else high = mid;
      }
      for (let index = low - 1; index >= 0; index--) if (spans[index][1] > start) return true;
      return false;
    },
  };
}
