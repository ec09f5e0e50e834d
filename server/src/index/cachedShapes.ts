// A cache file whose checksums hold may still hold rows of the wrong shape: written by a build with a
// bug, or edited by hand. What a start reads at once (entity candidates) and what a feature reads later
// (a note's facts) is checked here before anything uses it, so that such a row is reported and read
// again from the note instead of crashing whatever reads it first.

import type { EntityCandidate, NoteFacts, Range } from '../parse/facts';

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

const isNoteFactsShape = objectWith({
  uri: isString,
  version: isNumber,
  title: optional(isString),
  frontMatter: optional(isObject),
  headings: arrayOf(objectWith({ text: isString, level: isNumber, slug: isString, range: isRange })),
  links: arrayOf(objectWith({ kind: isString, target: isString, text: isString, range: isRange, targetRange: isRange })),
  referenceDefinitions: arrayOf(objectWith({ label: isString, target: isString, range: isRange, targetRange: isRange })),
  codeBlocks: arrayOf(objectWith({ lang: isString, meta: isString, value: isString, range: isRange })),
  entities: arrayOf(isCandidate),
  opaqueRanges: arrayOf((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isNumber)),
  problems: arrayOf(isString),
  silencedLines: arrayOf(isNumber),
  htmlAnchors: arrayOf(isString),
  undefinedReferences: arrayOf(objectWith({ label: isString, range: isRange })),
});

export function isNoteFacts(value: unknown): value is NoteFacts {
  return isNoteFactsShape(value);
}
