// A cache file whose checksums hold may still hold rows of the wrong shape: written by a build with a
// bug, or edited by hand. What a start reads at once (entity candidates) and what a feature reads later
// (a note's facts) is checked here before anything uses it, so that such a row is reported and read
// again from the note instead of crashing whatever reads it first.

import type { EntityCandidate, LostHeadingFact, Range } from '../parse/facts';
import type { Steps } from '../parse/steps';

type Shape = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Shape = (value) => typeof value === 'string';
const isNumber: Shape = (value) => typeof value === 'number' && Number.isFinite(value);
const arrayOf =
  (shape: Shape): Shape =>
  (value) =>
    Array.isArray(value) && value.every(shape);
const optional =
  (shape: Shape): Shape =>
  (value) =>
    value === undefined || shape(value);

function objectWith(fields: Record<string, Shape>): Shape {
  return (value) => isObject(value) && Object.entries(fields).every(([name, shape]) => shape(value[name]));
}

const isPosition = objectWith({ line: isNumber, character: isNumber });
export const isRange = objectWith({ start: isPosition, end: isPosition }) as (value: unknown) => value is Range;
const isStringRecord: Shape = (value) => isObject(value) && Object.values(value).every(isString);

const isCandidate = objectWith({
  name: isString,
  kind: isString,
  shape: isString,
  aliases: arrayOf(isString),
  summary: isString,
  links: isObject,
  fields: isStringRecord,
  identity: optional(isString),
  range: isRange,
});

export function isEntityCandidate(value: unknown): value is EntityCandidate {
  return isCandidate(value);
}

const isLostHeadingShape = objectWith({ slug: isString, line: isNumber, reason: isString });

export function isLostHeading(value: unknown): value is LostHeadingFact {
  return isLostHeadingShape(value);
}

/** The fields of a note's facts that hold one value each. */
const NOTE_FACTS_FIELDS: Record<string, Shape> = {
  uri: isString,
  version: isNumber,
  title: optional(isString),
  frontMatter: optional(isObject),
};

/** The fields of a note's facts that hold lists (millions of entries in a large note), by the shape of an entry. */
const NOTE_FACTS_LISTS: Record<string, Shape> = {
  headings: objectWith({ text: isString, level: isNumber, slug: isString, range: isRange }),
  links: objectWith({ kind: isString, target: isString, text: isString, range: isRange, targetRange: isRange }),
  referenceDefinitions: objectWith({
    label: isString,
    target: isString,
    range: isRange,
    targetRange: isRange,
    inListItem: optional((value) => typeof value === 'boolean'),
  }),
  codeBlocks: objectWith({ lang: isString, meta: isString, value: isString, range: isRange }),
  blocks: objectWith({ kind: isString, range: isRange }),
  entities: isCandidate,
  opaqueRanges: (pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isNumber),
  problems: isString,
  silencedLines: isNumber,
  htmlAnchors: isString,
  undefinedReferences: objectWith({ label: isString, range: isRange, nearLabel: optional(isString), form: optional(isString) }),
  lostHeadings: isLostHeadingShape,
};

/** Entries of the lists checked between two steps. */
const ENTRIES_PER_STEP = 20_000;

/** Whether a value has the shape of a note's facts, its lists checked a slice of entries at a time (see `steps.ts`). */
export function* noteFactsShapeSteps(value: unknown): Steps<boolean> {
  if (!isObject(value)) return false;
  for (const [name, shape] of Object.entries(NOTE_FACTS_FIELDS)) if (!shape(value[name])) return false;
  for (const [name, shape] of Object.entries(NOTE_FACTS_LISTS)) {
    const list = value[name];
    if (!Array.isArray(list)) return false;
    for (let index = 0; index < list.length; index++) {
      if (!shape(list[index])) return false;
      if (index % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    }
  }
  return true;
}
