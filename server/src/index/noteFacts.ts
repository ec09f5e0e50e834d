import type { NoteFacts } from '../parse/facts';
import { parseJsonInSlices } from '../parse/jsonInSlices';
import { emptyFacts, describeError } from '../parse/parseNote';
import type { Logger } from '../workspace/notesWorkspace';
import { isStored, parsedFacts } from './indexCache';
import { pauseEvery } from './pauses';
import { isLarge, outlineOf, type NoteOutline, type NoteState } from './noteState';
import type { NoteStore } from './noteStore';

/**
 * Closed notes whose facts stay parsed after use: one request or one note's link check asks for the same
 * facts several times in a row, and other notes' links need only their outlines. Kept few, so that a
 * whole-vault check's facts die young instead of piling up in the old generation; all 10,000 notes' facts
 * of a large vault as objects would be the biggest part of the server's memory.
 */
const RECENT_FACTS = 32;

/**
 * Reads notes' facts in whichever form the store holds them: an open note's as objects, a closed note's
 * parsed from their JSON when asked and kept among the recently used. Facts found damaged are replaced by
 * empty ones and the note is read again from disk.
 */
export class NoteFactsReader {
  /** Parsed facts of recently used closed notes, least recently used first. */
  private readonly recent = new Map<string, { state: NoteState; facts: NoteFacts }>();
  /** Notes being read again because their cached facts were damaged. */
  private readonly repairs = new Set<Promise<void>>();

  constructor(
    private readonly store: NoteStore,
    private readonly logger: Logger,
    private readonly readAgain: (uri: string) => Promise<void>,
  ) {}

  /**
   * A note's facts. Those of a closed note are parsed from their JSON when asked and kept among the recently
   * used; an open note's stay parsed until it closes.
   */
  factsOf(uri: string, state: NoteState): NoteFacts {
    if (!isStored(state.facts)) return state.facts;
    const recent = this.recentlyParsed(uri, state);
    if (recent) return recent;
    let facts: NoteFacts;
    try {
      facts = parsedFacts(state.facts);
    } catch (error) {
      return this.damagedFacts(uri, state, error);
    }
    return this.keepParsed(uri, state, facts);
  }

  /** As `factsOf`, except that a large note's facts are parsed from their JSON a slice at a time, requests answered in between. */
  async factsInSlices(uri: string): Promise<NoteFacts | undefined> {
    const state = this.store.get(uri);
    if (!state) return undefined;
    if (!isStored(state.facts) || !isLarge(state)) return this.factsOf(uri, state);
    const recent = this.recentlyParsed(uri, state);
    if (recent) return recent;
    let facts: NoteFacts;
    try {
      facts = (await parseJsonInSlices(state.facts.bytes(), pauseEvery())) as unknown as NoteFacts;
    } catch (error) {
      return this.store.get(uri) === state ? this.damagedFacts(uri, state, error) : this.factsInSlices(uri);
    }
    // The note changed while its old facts were read: the new ones are wanted.
    return this.store.get(uri) === state ? this.keepParsed(uri, state, facts) : this.factsInSlices(uri);
  }

  /** A note's headings and title: read from its facts once, then kept. */
  outlineOf(uri: string, state: NoteState): NoteOutline {
    if (!isStored(state.facts)) return state.facts;
    return (state.outline ??= outlineOf(this.factsOf(uri, state)));
  }

  /**
   * Resolves once every note whose cached facts were found damaged has been read again from its note;
   * says how many were.
   */
  async repaired(): Promise<number> {
    let count = 0;
    while (this.repairs.size) {
      const pending = [...this.repairs];
      count += pending.length;
      await Promise.all(pending.map((repair) => repair.catch(() => undefined)));
      for (const repair of pending) this.repairs.delete(repair);
    }
    return count;
  }

  private recentlyParsed(uri: string, state: NoteState): NoteFacts | undefined {
    const recent = this.recent.get(uri);
    if (recent?.state !== state) return undefined;
    this.recent.delete(uri);
    this.recent.set(uri, recent);
    return recent.facts;
  }

  /** Keeps facts just parsed: for good while the note is open, else among the recently used. */
  private keepParsed(uri: string, state: NoteState, facts: NoteFacts): NoteFacts {
    state.outline ??= outlineOf(facts);
    if (state.open) {
      state.facts = facts;
      return facts;
    }
    this.recent.delete(uri);
    this.recent.set(uri, { state, facts });
    if (this.recent.size > RECENT_FACTS) this.recent.delete(this.recent.keys().next().value!);
    return facts;
  }

  /** Damaged on disk since the start: the note is read again from the notes folder. */
  private damagedFacts(uri: string, state: NoteState, error: unknown): NoteFacts {
    this.logger.warn(`index cache: ${uri}: ${describeError(error)}; reading the note again`);
    state.facts = { ...emptyFacts(uri), entities: state.entities };
    state.stamp = undefined;
    const repair = this.readAgain(uri);
    this.repairs.add(repair);
    void repair.finally(() => this.repairs.delete(repair));
    return state.facts;
  }
}
