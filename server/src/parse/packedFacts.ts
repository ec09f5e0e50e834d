import { createHash } from 'node:crypto';
import { linkSummaryOf, type NoteLinkSummary } from './links/linkSummary';
import type { EntityCandidate, NoteFacts } from './facts';

/**
 * A note's facts as UTF-8 JSON, the form the index cache stores, with what the index needs of every note
 * at once beside it. Parse workers answer this way: the bytes cross to the main thread without a copy,
 * take about half the memory of the same facts as objects, and go to the cache as they are.
 */
export interface PackedFacts {
  readonly packed: true;
  readonly json: Uint8Array;
  readonly entities: EntityCandidate[];
  readonly problems: string[];
  readonly links: NoteLinkSummary;
  /** SHA-1 of `json`, which the index cache keeps beside it. */
  readonly sha1: string;
  /** The text's line starts, as the parser found them: the index need not find them again. */
  readonly lineStarts?: Uint32Array;
}

/** What a parser hands back: facts as objects (parsed in-process) or packed (parsed by a worker). */
export type ParsedFacts = NoteFacts | PackedFacts;

export function isPacked(facts: ParsedFacts): facts is PackedFacts {
  return (facts as PackedFacts).packed === true;
}

const encoder = new TextEncoder();

export function packFacts(facts: NoteFacts, lineStarts?: Uint32Array): PackedFacts {
  // A TextEncoder's output owns its buffer, so it can be transferred; Buffer.from may share a pool.
  const json = encoder.encode(JSON.stringify(facts));
  const sha1 = createHash('sha1').update(json).digest('hex');
  return { packed: true, json, sha1, entities: facts.entities, problems: facts.problems, links: linkSummaryOf(facts), lineStarts };
}

/** The packed JSON as a Buffer over the same memory, no copy. */
export function packedBytes({ json }: PackedFacts): Buffer {
  return Buffer.from(json.buffer, json.byteOffset, json.byteLength);
}

export function unpackFacts(facts: ParsedFacts): NoteFacts {
  return isPacked(facts) ? (JSON.parse(packedBytes(facts).toString('utf8')) as NoteFacts) : facts;
}
