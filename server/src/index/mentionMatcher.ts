import { isCaseSensitiveName, isMatchableName, shortNameOf } from '../entities/names';
import { isCommonPhrase } from '../entities/words';
import type { Steps } from '../parse/steps';
import type { Entity } from './entityTable';
import { MultiPatternMatcher, type PatternHit } from './multiPatternMatcher';
import { NoteMentions, type MentionOwners } from './noteMentions';

/** Characters of a large note read between two pauses: a few milliseconds of matching. */
const SLICE_CHARS = 128 * 1024;
/** Hits packed into mentions between two chances to pause. */
const PACK_SLICE = 2000;

export class MentionMatcher {
  private readonly patterns: string[] = [];
  /** Per pattern: whether it matches only as written (see isCaseSensitiveName). */
  private readonly caseSensitive: boolean[] = [];
  /**
   * Per pattern that is also an ordinary word (`Transformer`, `Zero`, `Rocket`): the folders of its
   * owners' definitions. Such a word names a project only in notes near one: a note in another folder
   * most likely uses the word for its own sake.
   */
  private readonly ordinaryFolders: Array<string[] | undefined> = [];
  private readonly owners: string[][] = [];
  /** What each entity is called, as written (hyphens read as spaces): its name, and a title's short name (`Mooncake` of `Mooncake: …`). */
  private readonly namesById: Map<string, string[]>;
  /** Every set of owners the matcher's mentions have named, shared by all of them (see NoteMentions). */
  private readonly ownerTable: MentionOwners[] = [];
  private readonly ownerPositions = new Map<string, number>();
  /** The position in the owners table of the owners of each pattern and spelling, when a span names no other pattern. */
  private readonly ownersBySpelling = new Map<string, number>();
  private readonly matcher: MultiPatternMatcher;
  /** Changes only when some name or alias changes, so unchanged notes keep their mentions. */
  readonly signature: string;

  constructor(entities: readonly Entity[], signature = MentionMatcher.signatureOf(entities)) {
    const ownersByPattern = patternsOf(entities);
    const foldersById = definitionFolders(entities);
    for (const pattern of [...ownersByPattern.keys()].sort()) {
      const owners = [...ownersByPattern.get(pattern)!].sort();
      this.patterns.push(pattern);
      this.caseSensitive.push(isCaseSensitiveName(pattern));
      this.owners.push(owners);
      this.ordinaryFolders.push(isCommonPhrase(pattern) ? owners.flatMap((id) => foldersById.get(id) ?? []) : undefined);
    }
    this.matcher = new MultiPatternMatcher(this.patterns);
    this.namesById = new Map(entities.map((entity) => [entity.id, calledBy(entity).map(joinedBySpaces)]));
    this.signature = signature;
  }

  /**
   * What mentions and entity links depend on: every matchable name with its owners, and every entity's
   * repository and paper. Equal signatures mean every note's mentions and links are still right.
   */
  static signatureOf(entities: readonly Entity[]): string {
    const ownersByPattern = patternsOf(entities);
    const names = [...ownersByPattern.keys()]
      .sort()
      .map((pattern) => `${pattern}\u0000${[...ownersByPattern.get(pattern)!].sort().join('\u0001')}`);
    const links = entities.map((entity) => `${entity.id}\u0000${entity.links.github ?? ''}\u0000${entity.links.arxiv ?? ''}`).sort();
    // Where ordinary words are defined decides which notes they are found in.
    const foldersById = definitionFolders(entities);
    const ordinary = [...ownersByPattern.keys()]
      .filter((pattern) => isCommonPhrase(pattern))
      .sort()
      .map(
        (pattern) =>
          `${pattern}\u0000${[...ownersByPattern.get(pattern)!]
            .flatMap((id) => foldersById.get(id) ?? [])
            .sort()
            .join('\u0001')}`,
      );
    return `${names.join('\u0002')}\u0003${links.join('\u0002')}\u0003${ordinary.join('\u0002')}`;
  }

  /**
   * Leftmost-longest mentions outside the opaque ranges (code, URLs, HTML), respecting word boundaries;
   * ordinary words only in notes near a definition of them (`uri` is the note's; without it, everywhere).
   * As steps (see `steps.ts`): a long text is read a slice at a time.
   */
  *mentionSteps(text: string, opaqueRanges: ReadonlyArray<readonly [number, number]>, uri?: string): Steps<NoteMentions> {
    const accepted: PatternHit[] = [];
    const folder = uri && folderOf(uri);
    let state = 0;
    for (let from = 0; from < text.length; from += SLICE_CHARS) {
      if (from > 0) yield;
      state = this.scan(text, opaqueRanges, from, Math.min(text.length, from + SLICE_CHARS), state, accepted, folder);
    }
    const packed: number[] = [];
    yield* this.pack(text, accepted, packed);
    return packed.length ? new NoteMentions(Int32Array.from(packed), this.ownerTable) : NoteMentions.none;
  }

  private scan(
    text: string,
    opaqueRanges: ReadonlyArray<readonly [number, number]>,
    from: number,
    to: number,
    state: number,
    accepted: PatternHit[],
    folder: string | undefined,
  ): number {
    const hits: PatternHit[] = [];
    const next = this.matcher.scan(text, from, to, state, hits);
    for (const hit of hits) {
      if (
        this.caseMatches(text, hit.start, hit.pattern) &&
        this.nearEnough(hit.pattern, folder) &&
        atWordBoundaries(text, hit.start, hit.end) &&
        !overlapsAny(opaqueRanges, hit.start, hit.end)
      )
        accepted.push(hit);
    }
    return next;
  }

  private nearEnough(pattern: number, folder: string | undefined): boolean {
    const folders = this.ordinaryFolders[pattern];
    return folder === undefined || folders === undefined || folders.some((other) => isNear(other, folder));
  }

  /** Packs the leftmost-longest of the hits as (start, end, owners) into `packed`, a step every PACK_SLICE hits. */
  private *pack(text: string, hits: PatternHit[], packed: number[]): Steps<void> {
    // Scans find hits in order of their end, so they are almost in order of their start already.
    const accepted = hits.sort((a, b) => a.start - b.start || b.end - a.end);
    let lastEnd = -1;
    for (let index = 0; index < accepted.length; index++) {
      if (index % PACK_SLICE === PACK_SLICE - 1) yield;
      const hit = accepted[index];
      if (hit.start < lastEnd) continue;
      packed.push(hit.start, hit.end, this.ownersOfHit(text, accepted, index));
      lastEnd = hit.end;
    }
  }

  /** The owners of the hit at `index`, with those of other spellings of the same span (`JAX` and `jax`) that follow it. */
  private ownersOfHit(text: string, accepted: readonly PatternHit[], index: number): number {
    const hit = accepted[index];
    const sameSpan = (next: number) => next < accepted.length && accepted[next].start === hit.start && accepted[next].end === hit.end;
    // A span matched by one pattern has that pattern's owners, in an order that depends on how it is written.
    if (!sameSpan(index + 1)) {
      const span = text.slice(hit.start, hit.end);
      const key = `${hit.pattern}\u0000${span}`;
      let position = this.ownersBySpelling.get(key);
      if (position === undefined) this.ownersBySpelling.set(key, (position = this.ownersOf(span, this.owners[hit.pattern])));
      return position;
    }
    const ids = new Set(this.owners[hit.pattern]);
    for (let next = index + 1; next < accepted.length && accepted[next].start === hit.start; next++) {
      if (accepted[next].end === hit.end) for (const id of this.owners[accepted[next].pattern]) ids.add(id);
    }
    return this.ownersOf(text.slice(hit.start, hit.end), [...ids]);
  }

  /**
   * The position in the owners table of the entities a span names, those called exactly what it says first:
   * `Transformer-XL` is the paper of that short name before the `transformer-xl` repository.
   */
  private ownersOf(span: string, ids: string[]): number {
    const spelling = joinedBySpaces(span);
    const exact = ids.filter((id) => this.namesById.get(id)?.includes(spelling));
    const owners: MentionOwners =
      exact.length === 0 || exact.length === ids.length
        ? { entityIds: ids }
        : { entityIds: [...exact, ...ids.filter((id) => !exact.includes(id))], exactCount: exact.length };
    const key = `${owners.exactCount ?? 0}\u0000${owners.entityIds.join('\u0000')}`;
    let position = this.ownerPositions.get(key);
    if (position === undefined) {
      position = this.ownerTable.push(owners) - 1;
      this.ownerPositions.set(key, position);
    }
    return position;
  }

  /**
   * A name in capitals is also written with only its first letter capitalised (`BOOM` as `Boom`); ordinary
   * words among such names are found only near their definitions anyway.
   */
  private caseMatches(text: string, start: number, pattern: number): boolean {
    if (!this.caseSensitive[pattern]) return true;
    const expected = this.patterns[pattern];
    // Most names hold no hyphen or space: compared in place, with no string made per hit.
    if (text.startsWith(expected, start)) return true;
    if (/^[A-Z]{4,}$/.test(expected)) return text.startsWith(expected[0] + expected.slice(1).toLowerCase(), start);
    return /[- ]/.test(expected) && joinedBySpaces(text.slice(start, start + expected.length)) === joinedBySpaces(expected);
  }
}

function definitionFolders(entities: readonly Entity[]): Map<string, string[]> {
  return new Map(entities.map((entity) => [entity.id, [...new Set(entity.sites.map((site) => folderOf(site.uri)))]]));
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

/** Folders one inside the other, or the same. */
function isNear(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

function calledBy(entity: Entity): string[] {
  const name = entity.name.trim();
  const short = shortNameOf(name);
  return short ? [name, short] : [name];
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

/** Hyphens read as spaces, as the scan reads them: `DeepSpeed-Ulysses` is written as `DeepSpeed Ulysses` too. */
function joinedBySpaces(text: string): string {
  return text.replace(/-/g, ' ');
}

const WORD = /[A-Za-z0-9_]/;
/** `lowRISC6月份`, `Rocket5级流水线`: Chinese writes a date or a count right after a name, in digits. */
const CJK_COUNT = /^\d+(?:\.\d+)?[年月日号个级位款种次倍核条]/;
/** `Yosys-based`, `LLVM-like`: words that make a compound of a name, which still names it. */
const COMPOUND_SUFFIX =
  /^-(?:based|like|style|compatible|powered|native|specific|only|friendly|enabled|driven|aware|centric|backed|generated|inspired|related|optimi[sz]ed|accelerated|supported|derived|ready)\b/;

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
    if (/[A-Za-z]/.test(last) && CJK_COUNT.test(text.slice(end, end + 12))) return true;
    if (WORD.test(after)) return false;
    if (after === '-' && COMPOUND_SUFFIX.test(text.slice(end, end + 16))) return true;
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
