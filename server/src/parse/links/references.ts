// Reference-style links, the facts part: how labels match, which definition a label resolves to, and
// the `[text][label]` whose label has no definition.
//
// The Markdown parser turns `[text][label]` into a link only when the label is defined, so an
// undefined one stays plain text and is found by reading the text, while parsing: the facts keep
// what is found, so that checking needs no text. To avoid false alarms, only the forms that
// unambiguously ask for a definition are kept: full `[text][label]` and collapsed `[text][]`.
// A lone `[text]` is ordinary prose (`[1]`, `[x]`, `[TODO]`), kept only when its label is a slip of a
// defined one (`[feature-enhancemment]` for `[feature-enhancement]`).
// What is wrong with them is said in features/links/referenceProblems.ts.

import type { LinkFact, NoteFacts, Range, ReferenceDefinitionFact, UndefinedReferenceFact } from '../facts';
import type { LineMap } from '../lineMap';
import { looksLikeLabel, nearLabel } from './nearLabels';

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
// `[text]` alone: not followed by `[`, `(` or `:`, which would make it something else.
const SHORTCUT_REFERENCE = /(!?)\[((?:[^[\]\\\n]|\\.){1,200})\](?![[(:])/g;

/** What the parser has found so far: enough to tell a reference that asks for a missing definition. */
type ParsedSoFar = Pick<NoteFacts, 'referenceDefinitions' | 'opaqueRanges' | 'codeBlocks' | 'links'>;

/** The note being read for references: its text, its definitions and where no reference can be. */
interface ReferenceScan {
  text: string;
  lines: LineMap;
  defined: Map<string, ReferenceDefinitionFact>;
  skipped: SpanSet;
}

/**
 * The `[text][label]` and `[text][]` of a note whose label has no definition, and the `[text]` whose
 * label nearly matches one (a typo, a plural); called while parsing.
 */
export function undefinedReferencesIn(facts: ParsedSoFar, text: string, lines: LineMap): UndefinedReferenceFact[] {
  const defined = definitionsByLabel(facts);
  if (!text.includes('][') && !defined.size) return [];
  const scan: ReferenceScan = { text, lines, defined, skipped: skippedSpans(facts, lines) };
  const found = [...fullReferences(scan), ...(defined.size ? shortcutReferences(scan) : [])];
  return found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function* fullReferences(scan: ReferenceScan): Generator<UndefinedReferenceFact> {
  const { text, lines, defined, skipped } = scan;
  if (!text.includes('][')) return;
  for (const match of text.matchAll(FULL_REFERENCE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const [, bang, linkText, writtenLabel] = match;
    const label = writtenLabel || linkText;
    if (defined.has(normalizeLabel(label)) || skipped.overlaps(start, end)) continue;
    const near = nearDefinition(label, defined);
    if (!asksForDefinition(scan, start, linkText, writtenLabel, near !== undefined)) continue;
    // Point at the label: `[label]` of a full reference, `[text]` of a collapsed one.
    const labelStart = writtenLabel ? end - writtenLabel.length - 2 : start + bang.length;
    const labelEnd = writtenLabel ? end : start + bang.length + linkText.length + 2;
    yield {
      label,
      isImage: bang !== '',
      range: lines.rangeOf(labelStart, labelEnd),
      ...(near ? { nearLabel: near } : {}),
      ...(writtenLabel ? {} : { form: 'collapsed' as const }),
    };
  }
}

/** `[text]` alone is prose (`[1]`, `[x]`, `[TODO]`) unless its label is a slip of a defined one: `[papers]` for `[paper]`. */
function* shortcutReferences(scan: ReferenceScan): Generator<UndefinedReferenceFact> {
  const { text, lines, defined, skipped } = scan;
  for (const match of text.matchAll(SHORTCUT_REFERENCE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const [, bang, label] = match;
    const before = text[start - 1] ?? '';
    if (before === ']' || before === '\\' || /[\p{L}\p{N}_]/u.test(before) || label.startsWith('^')) continue;
    if (defined.has(normalizeLabel(label)) || skipped.overlaps(start, end)) continue;
    const near = nearDefinition(label, defined);
    if (near) yield { label, isImage: bang !== '', range: lines.rangeOf(start + bang.length, end), nearLabel: near, form: 'shortcut' };
  }
}

/** The defined label, as its definition writes it, that `label` is a slip of. */
function nearDefinition(label: string, defined: Map<string, ReferenceDefinitionFact>): string | undefined {
  const near = nearLabel(normalizeLabel(label), defined.keys());
  return near === undefined ? undefined : defined.get(near)?.label;
}

/**
 * Filters out brackets that only look like references: escapes, footnotes, `[1][2]` citations,
 * `a[i][j]` indexes (`word[x][label]` counts when the label reads as one and the note defines labels),
 * and meeting notes' `[Tim][design]` speaker tags at the start of a line, in a note that defines none.
 */
function asksForDefinition(scan: ReferenceScan, start: number, linkText: string, label: string, nearlyDefined: boolean): boolean {
  const { text, defined } = scan;
  const before = text[start - 1] ?? '';
  if (before === '\\' || before === ']') return false;
  if (/[\p{L}\p{N}_]/u.test(before) && !(defined.size && (nearlyDefined || looksLikeLabel(label)))) return false;
  if (linkText.startsWith('^') || label.startsWith('^')) return false;
  if (/^\d+$/.test(linkText.trim()) && /^\d*$/.test(label.trim())) return false;
  if (!defined.size && label && startsLine(text, start)) return false;
  // `[x][ ]` is not a label at all.
  return label === '' || label.trim() !== '';
}

/** Whether only indentation, quote markers or a list marker stand before `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[\s>]*(?:(?:[-*+]|\d{1,9}[.)])\s+)?$/.test(text.slice(lineStart, offset));
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
