import type { MarginaliaConfig } from '../config';
import type { Position } from '../parse/facts';
import { describeError } from '../parse/parseNote';
import { finish } from '../parse/steps';
import { arxivIdOf, githubRefOf, githubSlug } from '../entities/identity';
import type { Logger, NoteFile, NotesWorkspace } from '../workspace/notesWorkspace';
import { bytePatternOf, definitionLikelihood, searchTermAt, SUREST_DEFINITION_SCORE } from './earlyNames';
import type { EntityMaps } from './entityMaps';
import type { FirstWalk } from './firstWalk';
import type { NoteFactsReader } from './noteFacts';
import type { NoteLoader } from './noteLoader';
import { LARGE_NOTE_CHARS, type NoteState } from './noteState';
import type { NoteStore } from './noteStore';
import { contains } from './positions';

/** Notes searched between two turns of the event loop when looking for a name early. */
const SEARCH_SLICE = 250;
/** Notes parsed out of turn for one name looked up early: the most likely definitions first, in growing batches. */
const EARLY_BATCHES = [4, 12, 24];

/** What an early lookup works with: the index's parts, and a way onto its one update queue. */
export interface LookupParts {
  workspace: NotesWorkspace;
  config: MarginaliaConfig;
  logger: Logger;
  store: NoteStore;
  facts: NoteFactsReader;
  loader: NoteLoader;
  entityMaps: EntityMaps;
  /** Runs work on the index's update queue, between rebuilds, never during one. */
  enqueue(work: () => void): Promise<void>;
}

/**
 * While the notes are still being read, the name at a position may be defined in a note not read yet.
 * The notes that contain the word under the cursor are parsed first, likeliest definitions first, and the
 * names known so far are matched in the open notes: a hover in a vault of any size answers in a moment
 * rather than once every note is parsed. The only request that reads through notes, and only until the
 * walk is over; each word is looked up once. One per walk.
 */
export class EarlyLookup {
  private readonly lookups = new Map<string, Promise<void>>();
  /** Lookups run one at a time: each reads through the notes not yet read. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly parts: LookupParts,
    private readonly walk: FirstWalk,
    private readonly stillWalking: () => boolean,
  ) {}

  async revealNameAt(uri: string, position: Position): Promise<void> {
    const state = this.parts.store.get(uri);
    const answered = () => Boolean(this.parts.entityMaps.entitiesAt(uri, position)?.entities.length);
    if (state?.text === undefined || answered()) return;
    const term = this.termToSearchAt(uri, state, position)?.toLowerCase();
    if (!term) return;
    let lookup = this.lookups.get(term);
    if (!lookup) {
      lookup = this.queue.then(() => this.parseLikelyDefinitions(term, answered));
      this.queue = lookup.catch(() => undefined);
      this.lookups.set(term, lookup);
    }
    await lookup;
  }

  /** On a link, what a note defining the linked repository or paper contains; elsewhere, the word under the cursor. */
  private termToSearchAt(uri: string, state: NoteState, position: Position): string | undefined {
    const link = finish(this.parts.facts.factsSteps(uri, state)).links.find((candidate) => contains(candidate.range, position));
    if (!link) return searchTermAt(state.text ?? '', state.lines.offsetAt(position));
    const github = githubRefOf(link.target);
    return arxivIdOf(link.target) ?? (github?.repo ? githubSlug(github) : undefined);
  }

  private async parseLikelyDefinitions(term: string, answered: () => boolean): Promise<void> {
    // The walk may have read the defining note already: its names are not matched until the walk is over.
    await this.matchOpenNotesEarly();
    if (answered()) return;
    // Notes where the term stands on a definition-shaped line with a repository or paper link are parsed
    // as soon as the search finds them, while it reads on: the answer need not wait for the whole search.
    const struck = new Set<string>();
    const strikes: Array<Promise<boolean>> = [];
    const strike = (file: NoteFile) => {
      if (struck.size >= EARLY_BATCHES[0]) return;
      struck.add(file.uri);
      strikes.push(this.firstToAnswer([file], term, answered));
    };
    const candidates = await this.notesContaining(bytePatternOf(term), answered, strike);
    await Promise.all(strikes);
    if (answered()) return;
    let from = 0;
    for (const size of EARLY_BATCHES) {
      const batch = candidates.slice(from, from + size).filter((file) => !this.parts.store.has(file.uri) && !struck.has(file.uri));
      from += size;
      if (!this.stillWalking() || batch.length === 0) return;
      if (await this.firstToAnswer(batch, term, answered)) return;
    }
  }

  /**
   * Parses a batch out of turn and matches the open notes after each note: the answer comes with the first
   * note that holds it, not with the slowest of the batch. The rest of the batch is parsed all the same.
   * Only a note whose candidates contain the term rebuilds the entity table, which costs more as the walk goes on.
   */
  private firstToAnswer(batch: readonly NoteFile[], term: string, answered: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      let pending = batch.length;
      for (const file of batch) {
        void this.parts.loader
          .load(file.uri, file, undefined, true)
          .then(() => (this.candidatesContain(file.uri, term) ? this.matchOpenNotesEarly() : undefined))
          .catch((error) => this.parts.logger.warn(`${file.uri}: ${describeError(error)}`))
          .then(() => {
            pending--;
            if (answered()) resolve(true);
            else if (pending === 0) resolve(false);
          });
      }
    });
  }

  /** Whether some entity candidate of the note names, aliases or links the (lower-case) term. */
  private candidatesContain(uri: string, term: string): boolean {
    const entities = this.parts.store.get(uri)?.entities;
    return Boolean(entities?.length) && JSON.stringify(entities).toLowerCase().includes(term);
  }

  /**
   * Notes not read yet that contain a term, likeliest definitions first; read in slices so requests go on
   * meanwhile. Each note as sure to define the term as a note can look is handed to `onSurest` as soon as it
   * is found; the search stops early once `answered`.
   */
  private async notesContaining(term: RegExp, answered: () => boolean, onSurest: (file: NoteFile) => void): Promise<NoteFile[]> {
    const files = await this.walk.files;
    // A large note would be read here at once, and parsing it out of turn would answer no sooner than the walk.
    const limit = Math.min(this.parts.config.maxFileSizeMB * 1024 * 1024, LARGE_NOTE_CHARS);
    const found: Array<{ file: NoteFile; score: number }> = [];
    for (let from = 0; from < files.length && this.stillWalking() && !answered(); from += SEARCH_SLICE) {
      for (const file of files.slice(from, from + SEARCH_SLICE)) {
        if (this.parts.store.has(file.uri) || (file.size ?? 0) > limit) continue;
        const bytes = this.parts.workspace.readNoteBlocking(file.uri);
        const score = bytes ? definitionLikelihood(bytes, term) : -1;
        if (score >= 0) found.push({ file, score });
        if (score >= SUREST_DEFINITION_SCORE) onSurest(file);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Small notes first among equals: they are parsed at once, in this thread.
    return found.sort((a, b) => b.score - a.score || (a.file.size ?? 0) - (b.file.size ?? 0)).map(({ file }) => file);
  }

  /** The names of the notes read so far, matched in the open notes only (see `EntityMaps.matchOpenNotesWithNamesSoFar`). */
  private matchOpenNotesEarly(): Promise<void> {
    return this.parts.enqueue(() => {
      if (this.stillWalking()) this.parts.entityMaps.matchOpenNotesWithNamesSoFar();
    });
  }
}
