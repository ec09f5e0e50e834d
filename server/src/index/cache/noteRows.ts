// One note as the index cache writes it, in the snapshot and in journal records alike: a row of JSON (disk
// stamp, entity candidates, entity links, what other notes' links need of it, where its facts and numbers
// are), its line starts and mentions as 32-bit integers, and tables the rows share (entity ids, matcher
// signatures, sets of mention owners), so that a name repeated across notes is written once.

import { createHash } from 'node:crypto';
import type { EntityCandidate, LostHeadingFact } from '../../parse/facts';
import { isEntityCandidate, isLostHeading } from '../cachedShapes';
import type { CachedNote, EntityLinkSite, StoredFacts } from '../indexCache';
import { NoteMentions, NUMBERS_PER_MENTION, type MentionOwners } from '../noteMentions';
import type { CacheSource } from './cacheSource';

/**
 * One note: uri, size, mtime, hash, racy (0/1), text length, where its numbers start (in numbers), how
 * many line starts and mentions they hold, signature index, entity links (flattened), entity candidates,
 * where its facts start, how long they are and their SHA-1, the local paths its links point at, whether it
 * has wiki links (0/1), its anchors, and its lines written as headings that are not headings.
 */
export type Row = [
  string,
  number,
  number,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number[],
  EntityCandidate[],
  number,
  number,
  string,
  string[],
  number,
  string[],
  LostHeadingFact[],
];
const ROW_FIELDS = 19;
/** Positions in a row of where the note's facts start and how long they are. */
export const FACTS_START_FIELD = 12;
export const FACTS_LENGTH_FIELD = 13;

/** The tables rows refer to, as they are written. */
export class RowTables {
  readonly ids = new Table();
  readonly signatures = new Table();
  readonly owners = new OwnersTable(this.ids);
}

/** Where a note's numbers and facts go, and the facts' SHA-1. */
export interface RowPlace {
  numbersStart: number;
  factsStart: number;
  factsLength: number;
  factsSha1: string;
}

export function rowOf(uri: string, note: CachedNote, place: RowPlace, tables: RowTables): Row {
  const { stamp, links, lineStarts, mentions } = note;
  const { numbersStart, factsStart, factsLength, factsSha1 } = place;
  return [
    uri,
    stamp.size,
    stamp.mtimeMs,
    stamp.hash,
    stamp.racy ? 1 : 0,
    note.textLength,
    numbersStart,
    lineStarts.length,
    mentions.length,
    tables.signatures.indexOf(note.matchedWith),
    flattenEntityLinks(note.entityLinks, tables.ids),
    note.entities,
    factsStart,
    factsLength,
    factsSha1,
    links.localTargets,
    links.hasWikiLinks ? 1 : 0,
    links.anchors,
    links.lostHeadings,
  ];
}

/** The tables as JSON, key by key: the rows fill them, so they are written after the rows. */
export function tablesJson(tables: RowTables): string {
  return `"ids":${JSON.stringify(tables.ids.values)},"signatures":${JSON.stringify(tables.signatures.values)},"owners":${JSON.stringify(tables.owners.values)}`;
}

/** What the rows of one snapshot or one journal record point into. */
export interface Tables {
  ids: readonly string[];
  signatures: readonly string[];
  owners: readonly MentionOwners[];
  numbers: Int32Array;
}

/** The tables as read back, checked; `numbers` are those the rows point into. */
export function tablesFrom(read: { ids?: unknown; signatures?: unknown; owners?: unknown }, numbers: Int32Array): Tables {
  const { ids, signatures, owners } = read;
  if (!Array.isArray(ids) || !Array.isArray(signatures) || !Array.isArray(owners)) throw new Error('unexpected layout');
  return { ids, signatures, owners: owners.map((entry) => ownersFrom(entry, ids)), numbers };
}

export function decodeRow(row: Row, tables: Tables, source: CacheSource, factsBase: number, factsBytes: number): CachedNote {
  if (
    !Array.isArray(row) ||
    row.length !== ROW_FIELDS ||
    typeof row[0] !== 'string' ||
    typeof row[3] !== 'string' ||
    !Array.isArray(row[10]) ||
    !Array.isArray(row[11]) ||
    !Array.isArray(row[15]) ||
    !Array.isArray(row[17])
  ) {
    throw new Error('a note entry has an unexpected shape');
  }
  const [
    ,
    size,
    mtimeMs,
    hash,
    racy,
    textLength,
    numbersStart,
    lineCount,
    mentionCount,
    signature,
    entityLinks,
    entities,
    factsStart,
    factsLength,
    factsSha1,
    localTargets,
    wiki,
    anchors,
    lostHeadings,
  ] = row;
  const matchedWith = tables.signatures[signature];
  const numbersEnd = numbersStart + lineCount + NUMBERS_PER_MENTION * mentionCount;
  if (
    typeof size !== 'number' ||
    typeof mtimeMs !== 'number' ||
    typeof textLength !== 'number' ||
    matchedWith === undefined ||
    !(factsStart >= 0 && factsLength > 0 && factsStart + factsLength <= factsBytes) ||
    ![...localTargets, ...anchors].every((value) => typeof value === 'string') ||
    !Array.isArray(lostHeadings) ||
    !lostHeadings.every(isLostHeading)
  ) {
    throw new Error('a note entry has an unexpected shape');
  }
  if (!(Number.isInteger(numbersStart) && numbersStart >= 0 && lineCount >= 1 && mentionCount >= 0 && numbersEnd <= tables.numbers.length))
    throw new Error('a note entry points outside the numbers');
  if (!entities.every(isEntityCandidate) || !entityLinks.every((value) => Number.isInteger(value)))
    throw new Error('a note entry holds malformed entities');
  const { numbers } = tables;
  const lineStarts = new Uint32Array(numbers.buffer, numbers.byteOffset + numbersStart * 4, lineCount);
  return {
    stamp: { size, mtimeMs, hash, racy: racy === 1 },
    facts: {
      stored: true,
      sha1: factsSha1,
      bytes: () => checked(source.read(factsBase + factsStart, factsLength), factsSha1),
      rawBytes: () => source.read(factsBase + factsStart, factsLength),
    },
    entities,
    links: { localTargets, hasWikiLinks: wiki === 1, anchors, lostHeadings },
    textLength,
    lineStarts,
    mentions: mentionsFrom(numbers.subarray(numbersStart + lineCount, numbersEnd), tables.owners),
    entityLinks: unflattenEntityLinks(entityLinks, tables.ids),
    matchedWith,
  };
}

function checked(json: Buffer, sha1: string): Buffer {
  if (sha1Of(json) !== sha1) throw new Error('its cached facts are damaged');
  return json;
}

export function sha1Of(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** A note's facts as the cache writes them, and their SHA-1: copied unparsed when they came from a cache. */
export function factsJsonOf(note: CachedNote): { json: Buffer; sha1: string } {
  if (isStored(note.facts)) return { json: note.facts.rawBytes(), sha1: note.facts.sha1 };
  const json = Buffer.from(JSON.stringify(note.facts));
  return { json, sha1: sha1Of(json) };
}

/** The SHA-1 of a note's facts, without reading them when they came from a cache. */
export function factsSha1Of(note: CachedNote): string {
  return isStored(note.facts) ? note.facts.sha1 : factsJsonOf(note).sha1;
}

function isStored(facts: CachedNote['facts']): facts is StoredFacts {
  return (facts as StoredFacts).stored === true;
}

class Table {
  readonly values: string[] = [];
  private readonly positions = new Map<string, number>();

  indexOf(value: string): number {
    let position = this.positions.get(value);
    if (position === undefined) {
      position = this.values.push(value) - 1;
      this.positions.set(value, position);
    }
    return position;
  }
}

/** The sets of mention owners of one snapshot or record, each written once, by position. */
class OwnersTable {
  private readonly keys = new Table();
  private readonly positions = new Map<MentionOwners, number>();
  readonly values: number[][] = [];

  constructor(private readonly ids: Table) {}

  indexOf(owners: MentionOwners): number {
    let position = this.positions.get(owners);
    if (position !== undefined) return position;
    // The same set may come from two tables (restored notes and notes matched since): written once all the same.
    const entry = [owners.exactCount ?? 0, ...owners.entityIds.map((id) => this.ids.indexOf(id))];
    position = this.keys.indexOf(entry.join(','));
    if (position === this.values.length) this.values.push(entry);
    this.positions.set(owners, position);
    return position;
  }
}

/** A note's line starts, then start, end and owners of each of its mentions. */
export function numbersOf(note: CachedNote, tables: RowTables): Int32Array {
  const { lineStarts, mentions } = note;
  const numbers = new Int32Array(lineStarts.length + NUMBERS_PER_MENTION * mentions.length);
  numbers.set(lineStarts);
  let at = lineStarts.length;
  for (let index = 0; index < mentions.length; index++) {
    numbers[at++] = mentions.startAt(index);
    numbers[at++] = mentions.endAt(index);
    numbers[at++] = tables.owners.indexOf(mentions.ownersAt(index));
  }
  return numbers;
}

export function bytesOfNumbers(numbers: Int32Array): Buffer {
  return Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength);
}

function ownersFrom(entry: unknown, ids: readonly string[]): MentionOwners {
  if (!Array.isArray(entry) || entry.length < 2) throw new Error('a set of mention owners has an unexpected shape');
  const [exactCount, ...positions] = entry as number[];
  const entityIds = positions.map((position) => ids[position]);
  if (entityIds.some((id) => typeof id !== 'string')) throw new Error('a mention has an unknown entity');
  return exactCount ? { entityIds, exactCount } : { entityIds };
}

function mentionsFrom(packed: Int32Array, owners: readonly MentionOwners[]): NoteMentions {
  for (let at = 0; at < packed.length; at += NUMBERS_PER_MENTION) {
    if (!(packed[at] >= 0 && packed[at + 1] >= packed[at])) throw new Error('a mention ends before it starts');
    if (!(packed[at + 2] >= 0 && packed[at + 2] < owners.length)) throw new Error('a mention has unknown owners');
  }
  return packed.length ? new NoteMentions(packed, owners) : NoteMentions.none;
}

/** The numbers as 32-bit integers, copied only when their bytes do not start at a multiple of four. */
export function int32View(bytes: Buffer): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

/** entity id (as a position in the id table) and the link's range as four numbers, for each link in turn. */
function flattenEntityLinks(links: readonly EntityLinkSite[], ids: Table): number[] {
  return links.flatMap(({ entityId, range }) => [
    ids.indexOf(entityId),
    range.start.line,
    range.start.character,
    range.end.line,
    range.end.character,
  ]);
}

function unflattenEntityLinks(flat: readonly number[], ids: readonly string[]): EntityLinkSite[] {
  const links: EntityLinkSite[] = [];
  for (let index = 0; index + 5 <= flat.length; index += 5) {
    const entityId = ids[flat[index]];
    if (entityId === undefined) throw new Error('an entity link has an unknown entity');
    links.push({
      entityId,
      range: { start: { line: flat[index + 1], character: flat[index + 2] }, end: { line: flat[index + 3], character: flat[index + 4] } },
    });
  }
  return links;
}
