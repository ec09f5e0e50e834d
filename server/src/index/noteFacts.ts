import type { NoteFacts } from '../parse/facts';
import { emptyFacts, describeError } from '../parse/parseNote';
import { finish, type Steps } from '../parse/steps';
import type { Logger } from '../workspace/notesWorkspace';
import { isStored, parsedFactsSteps } from './indexCache';
import { outlineOf, type NoteOutline, type NoteState } from './noteState';
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
   * A note's facts, as steps (see `steps.ts`). Those of a closed note are parsed from their JSON when asked, a
   * slice at a time when large, and kept among the recently used; an open note's stay parsed until it closes.
   */
  *factsSteps(uri: string, state: NoteState): Steps<NoteFacts> {
    const stored = state.facts;
    if (!isStored(stored)) return stored;
    const recent = this.recentlyParsed(uri, state);
    if (recent) return recent;
    let facts: NoteFacts | undefined;
    let damage: unknown;
    try {
      facts = yield* parsedFactsSteps(stored);
    } catch (error) {
      damage = error;
    }
    // The note changed while its old facts were read in slices: they are neither kept nor repaired.
    if (this.store.get(uri) !== state) return facts ?? { ...emptyFacts(uri), entities: state.entities };
    // Read meanwhile by another caller, who kept them or found them damaged: that stands.
    if (state.facts !== stored) return yield* this.factsSteps(uri, state);
    return facts ? this.keepParsed(uri, state, facts) : this.damagedFacts(uri, state, damage);
  }

  /** The facts of the note as the store holds it when they are read: those of a note changed meanwhile are read again. */
  *currentFactsSteps(uri: string): Steps<NoteFacts | undefined> {
    for (;;) {
      const state = this.store.get(uri);
      if (!state) return undefined;
      const facts = yield* this.factsSteps(uri, state);
      if (this.store.get(uri) === state) return facts;
    }
  }

  /** A note's headings and title: read from its facts once, then kept. */
  outlineOf(uri: string, state: NoteState): NoteOutline {
    if (!isStored(state.facts)) return state.facts;
    return (state.outline ??= outlineOf(finish(this.factsSteps(uri, state))));
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
