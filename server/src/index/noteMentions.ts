import type { Range } from '../parse/facts';

/** Where a note names one or more entities (a name two entities share points at both). */
export interface Mention extends MentionOwners {
  start: number;
  end: number;
}

/** A mention where an editor shows it: its range, and the entities it names. */
export interface MentionPlace {
  range: Range;
  entityIds: readonly string[];
}

/** Which of a note's mentions to list. */
export interface MentionQuery {
  /** Those overlapping the range; all without one. */
  range?: Range;
  /** Only those naming the entity. */
  entityId?: string;
  /** At most this many, the first ones. */
  limit: number;
}

/** The entities a mention names: one object for every mention naming the same ones, never changed in place. */
export interface MentionOwners {
  readonly entityIds: readonly string[];
  /**
   * When a name is shared, how many of the first `entityIds` are called exactly what the note says: those
   * win a hover (`DeepSpeed` over `微软CNTK加速库、DeepSpeed`). Absent when none or all are.
   */
  readonly exactCount?: number;
}

/** Numbers per mention in the packed form: start, end, and the owners' position in the owners table. */
export const NUMBERS_PER_MENTION = 3;

/**
 * A note's mentions in order of position, packed as numbers: a large vault has hundreds of thousands of
 * mentions but few distinct sets of owners, and one array of numbers per note costs a fraction of an
 * object per mention. A warm start views them in the cache's bytes as they are. The owners table is
 * shared by every note matched by one matcher (or restored from one cache) and only ever grows.
 */
export class NoteMentions implements Iterable<Mention> {
  static readonly none = new NoteMentions(new Int32Array(0), []);

  constructor(
    private readonly packed: Int32Array,
    private readonly owners: readonly MentionOwners[],
  ) {}

  get length(): number {
    return this.packed.length / NUMBERS_PER_MENTION;
  }

  startAt(index: number): number {
    return this.packed[index * NUMBERS_PER_MENTION];
  }

  endAt(index: number): number {
    return this.packed[index * NUMBERS_PER_MENTION + 1];
  }

  ownersAt(index: number): MentionOwners {
    return this.owners[this.packed[index * NUMBERS_PER_MENTION + 2]];
  }

  at(index: number): Mention {
    const { entityIds, exactCount } = this.ownersAt(index);
    const start = this.startAt(index);
    const end = this.endAt(index);
    return exactCount ? { start, end, entityIds, exactCount } : { start, end, entityIds };
  }

  /** The mention at an offset, its ends included. */
  covering(offset: number): Mention | undefined {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.endAt(mid) < offset) low = mid + 1;
      else if (this.startAt(mid) > offset) high = mid - 1;
      else return this.at(mid);
    }
    return undefined;
  }

  /** The position of the first mention that ends after an offset (`length` when none does). */
  firstEndingAfter(offset: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.endAt(mid) <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Each set of owners the note names, once. */
  ownerSets(): Set<MentionOwners> {
    const sets = new Set<MentionOwners>();
    for (let index = 0; index < this.length; index++) sets.add(this.ownersAt(index));
    return sets;
  }

  /** Every entity the note names, once. */
  entityIds(): Set<string> {
    const ids = new Set<string>();
    for (const owners of this.ownerSets()) for (const id of owners.entityIds) ids.add(id);
    return ids;
  }

  *[Symbol.iterator](): Iterator<Mention> {
    for (let index = 0; index < this.length; index++) yield this.at(index);
  }
}
