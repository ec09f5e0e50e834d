import { isMatchableName } from '../entities/names';
import type { Entity } from './entityTable';
import { MultiPatternMatcher } from './multiPatternMatcher';
import { NoteMentions, type MentionOwners } from './noteMentions';

/** Names of three letters or fewer (`Ray`, `JAX`, `TGI`) must match case exactly; longer ones ignore ASCII case. */
const CASE_SENSITIVE_MAX_LENGTH = 3;

export class MentionMatcher {
  private readonly patterns: string[] = [];
  private readonly owners: string[][] = [];
  private readonly lowerNameById: Map<string, string>;
  /** Every set of owners the matcher's mentions have named, shared by all of them (see NoteMentions). */
  private readonly ownerTable: MentionOwners[] = [];
  private readonly ownerPositions = new Map<string, number>();
  private readonly matcher: MultiPatternMatcher;
  /** Changes only when some name or alias changes, so unchanged notes keep their mentions. */
  readonly signature: string;

  constructor(entities: readonly Entity[], signature = MentionMatcher.signatureOf(entities)) {
    const ownersByPattern = patternsOf(entities);
    for (const pattern of [...ownersByPattern.keys()].sort()) {
      this.patterns.push(pattern);
      this.owners.push([...ownersByPattern.get(pattern)!].sort());
    }
    this.matcher = new MultiPatternMatcher(this.patterns);
    this.lowerNameById = new Map(entities.map((entity) => [entity.id, entity.name.toLowerCase()]));
    this.signature = signature;
  }

  /**
   * What mentions and entity links depend on: every matchable name with its owners, and every entity's
   * repository and paper. Equal signatures mean every note's mentions and links are still right.
   */
  static signatureOf(entities: readonly Entity[]): string {
    const ownersByPattern = patternsOf(entities);
    const names = [...ownersByPattern.keys()].sort().map((pattern) => `${pattern}\u0000${[...ownersByPattern.get(pattern)!].sort().join('\u0001')}`);
    const links = entities.map((entity) => `${entity.id}\u0000${entity.links.github ?? ''}\u0000${entity.links.arxiv ?? ''}`).sort();
    return `${names.join('\u0002')}\u0003${links.join('\u0002')}`;
  }

  /** Leftmost-longest mentions outside the opaque ranges (code, URLs, HTML), respecting word boundaries. */
  find(text: string, opaqueRanges: ReadonlyArray<readonly [number, number]>): NoteMentions {
    const accepted = this.matcher
      .findAll(text)
      .filter((hit) => this.caseMatches(text, hit.start, hit.pattern) && atWordBoundaries(text, hit.start, hit.end) && !overlapsAny(opaqueRanges, hit.start, hit.end))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const packed: number[] = [];
    let lastEnd = -1;
    for (let index = 0; index < accepted.length; index++) {
      const hit = accepted[index];
      if (hit.start < lastEnd) continue;
      const ids = new Set(this.owners[hit.pattern]);
      // Other spellings of the same span (`JAX` and `jax`) add their owners too.
      for (let next = index + 1; next < accepted.length && accepted[next].start === hit.start; next++) {
        if (accepted[next].end === hit.end) for (const id of this.owners[accepted[next].pattern]) ids.add(id);
      }
      packed.push(hit.start, hit.end, this.ownersOf(text.slice(hit.start, hit.end), [...ids]));
      lastEnd = hit.end;
    }
    return packed.length ? new NoteMentions(Int32Array.from(packed), this.ownerTable) : NoteMentions.none;
  }

  /** The position in the owners table of the entities a span names, those called exactly what it says first. */
  private ownersOf(span: string, ids: string[]): number {
    const written = span.toLowerCase();
    const exact = ids.filter((id) => this.lowerNameById.get(id) === written);
    const owners: MentionOwners = exact.length === 0 || exact.length === ids.length ? { entityIds: ids } : { entityIds: [...exact, ...ids.filter((id) => !exact.includes(id))], exactCount: exact.length };
    const key = `${owners.exactCount ?? 0}\u0000${owners.entityIds.join('\u0000')}`;
    let position = this.ownerPositions.get(key);
    if (position === undefined) {
      position = this.ownerTable.push(owners) - 1;
      this.ownerPositions.set(key, position);
    }
    return position;
  }

  private caseMatches(text: string, start: number, pattern: number): boolean {
    const expected = this.patterns[pattern];
    return expected.length > CASE_SENSITIVE_MAX_LENGTH || text.startsWith(expected, start);
  }
}

function patternsOf(entities: readonly Entity[]): Map<string, Set<string>> {
  const ownersByPattern = new Map<string, Set<string>>();
  for (const entity of entities) {
    for (const name of [entity.name, ...entity.aliases]) {
      const pattern = name.trim();
      if (!isMatchableName(pattern)) continue;
      const owners = ownersByPattern.get(pattern) ?? new Set<string>();
      owners.add(entity.id);
      ownersByPattern.set(pattern, owners);
    }
  }
  return ownersByPattern;
}

const WORD = /[A-Za-z0-9_]/;

/**
 * Latin names stop at word boundaries (`Ray` is not in `Array`; `DeepSpeed` is not in `DeepSpeed-Inference`),
 * while CJK text has no spaces, so a name inside it (`利用Gemmini平台`) still counts.
 */
export function atWordBoundaries(text: string, start: number, end: number): boolean {
  const first = text[start];
  const last = text[end - 1];
  if (WORD.test(first)) {
    const before = text[start - 1] ?? '';
    if (WORD.test(before)) return false;
    if ((before === '-' || before === '.') && WORD.test(text[start - 2] ?? '')) return false;
  }
  if (WORD.test(last)) {
    const after = text[end] ?? '';
    if (WORD.test(after)) return false;
    if ((after === '-' || after === '.') && WORD.test(text[end + 1] ?? '')) return false;
  }
  return true;
}

function overlapsAny(ranges: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [rangeStart, rangeEnd] = ranges[mid];
    if (rangeEnd <= start) low = mid + 1;
    else if (rangeStart >= end) high = mid - 1;
    else return true;
  }
  return false;
}
