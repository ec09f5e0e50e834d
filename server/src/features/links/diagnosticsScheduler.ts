// Which notes' links are checked again after a change, and when: edits settle for a moment first; the
// changed notes, the notes linking to a changed file and the notes with wiki links are checked; a whole
// vault's check, and a large note's, is done a slice at a time with requests answered in between. A
// note's diagnostics are published when there are some, or when the last published were not empty.

import type { NoteFailure } from '../../index/noteStore';
import type { NotesView } from '../../index/notesView';
import { finish, inSlices, pauseEvery, type Steps } from '../../parse/steps';
import type { NoteFacts } from '../../parse/facts';
import type { Logger } from '../../workspace/notesWorkspace';
import { diagnosticSteps, noteDiagnosticSteps } from './check';
import type { ExternalLinkResult } from './external';
import type { LinkDiagnostic, LinkSettings } from './policy';
import { webUrlsToCheck } from './webLinks';

/** How long edits settle before a note's links are checked again. */
const REFRESH_DELAY_MS = 50;
/** Beyond this many changed files at once, every note is checked again. */
const BULK_CHANGE = 100;

/** What a note's check found: why it could not be read or parsed, if so, and its link diagnostics. */
export interface NoteDiagnostics {
  failure: NoteFailure | undefined;
  diagnostics: LinkDiagnostic[];
}

/** What the scheduler needs of the server around it. */
export interface DiagnosticsHost {
  logger: Logger;
  /** The current index, or undefined before the first indexing started. */
  index(): NotesView | undefined;
  /** Resolves when the current whole-workspace indexing has finished. */
  indexed(): Promise<void>;
  settings(): LinkSettings;
  /** Whether the editor holds the note open. */
  isOpen(uri: string): boolean;
  /** Sends a note's diagnostics to the editor, replacing those it had. */
  publish(uri: string, found: NoteDiagnostics): void;
}

export class DiagnosticsScheduler {
  /** Notes whose last published diagnostics were not empty. */
  private readonly published = new Set<string>();
  private publishedIndex: NotesView | undefined;
  private pending = new Set<string>();
  /** Files changed since the last check: the notes linking to them are found when the check runs. */
  private changedFiles = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing = Promise.resolve();
  /**
   * The last diagnostics of each large note open in the editor, with the facts they were found in: code
   * actions, asked for at every move of the cursor, reuse them while the note is unchanged.
   */
  private largeOpenNotes = new Map<string, { facts: NoteFacts; diagnostics: LinkDiagnostic[] }>();

  /** `external` holds the results of web-link checks, reported with the local problems. */
  constructor(
    private readonly host: DiagnosticsHost,
    private readonly external: ReadonlyMap<string, ExternalLinkResult>,
  ) {}

  /** The index changed these notes (every note, after a full re-index): they and the notes linking to them are checked soon. */
  indexChanged(changed: readonly string[]): void {
    for (const uri of changed) this.changedFiles.add(uri);
    this.refresh([]);
  }

  /** These web addresses were checked: the notes linking to them are checked again soon. */
  webLinksChecked(urls: ReadonlySet<string>): void {
    const index = this.host.index();
    if (!index) return;
    const settings = this.host.settings();
    this.refresh(index.noteUris().filter((uri) => webUrlsToCheck(index, [uri], settings).some((url) => urls.has(url))));
  }

  /** Checks these notes again once edits have settled. */
  refresh(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.flushing = this.flushing
        .then(() => this.flush())
        .catch((error) => this.host.logger.error(`link check failed: ${describe(error)}`));
    }, REFRESH_DELAY_MS);
  }

  /**
   * The note's diagnostics as they stand, for its code actions: a large open note's as last published while
   * it is unchanged and not waiting for a check, any other's found now. Call `index.linkGraph.prepare` first.
   */
  current(index: NotesView, uri: string): LinkDiagnostic[] {
    const checked = this.largeOpenNotes.get(uri);
    return checked && checked.facts === index.facts(uri) && !this.pending.has(uri)
      ? checked.diagnostics
      : finish(noteDiagnosticSteps(index, uri, this.host.settings(), this.external));
  }

  private async flush(): Promise<void> {
    let index = this.host.index();
    // A start from the cache hands the whole vault to the link graph at once: reading it all would slow the
    // rest of the start, so checks wait for the start to finish (a cold start has read little of it by then).
    if (index && index.linkGraph.unsettled > BULK_CHANGE) {
      await this.host.indexed();
      index = this.host.index();
    }
    if (!index) return;
    // Who links to a changed file is known once the link graph has read every note, which after a warm
    // start takes a while: it reads them a slice at a time, so asking here keeps requests flowing.
    await index.linkGraph.prepare([]);
    const changed = [...this.changedFiles];
    this.changedFiles = new Set();
    const uris = [...new Set([...this.pending, ...affectedNotes(index, changed)])];
    this.pending = new Set();
    if (this.publishedIndex !== index) {
      // A new index (after a settings change) starts afresh: notes it no longer holds lose their diagnostics.
      for (const uri of this.published) if (!index.has(uri)) uris.push(uri);
      this.publishedIndex = index;
      this.largeOpenNotes = new Map();
    }
    await index.linkGraph.prepare(uris);
    if (this.host.index() !== index) return;
    // A whole vault's check takes seconds, and a large note's a while: requests and notifications go out
    // between slices of it.
    const pause = pauseEvery();
    for (const uri of uris) {
      await pause();
      const diagnostics = index.has(uri) ? await inSlices(this.checkSteps(index, uri), pause) : [];
      // The check paused for requests, which may have replaced the index.
      if (this.host.index() !== index) return;
      const failure = index.failures().get(uri);
      if (!failure && !diagnostics.length && !this.published.has(uri)) continue;
      if (failure || diagnostics.length) this.published.add(uri);
      else this.published.delete(uri);
      this.host.publish(uri, { failure, diagnostics });
    }
  }

  /** A note's diagnostics, as steps; a large note's kept while it is open, for its code actions. */
  private *checkSteps(index: NotesView, uri: string): Steps<LinkDiagnostic[]> {
    const facts = yield* index.factsSteps(uri);
    if (!facts) return [];
    const diagnostics = yield* diagnosticSteps(index, uri, facts, this.host.settings(), this.external);
    if (index.isLarge(uri) && this.host.isOpen(uri)) this.largeOpenNotes.set(uri, { facts, diagnostics });
    else this.largeOpenNotes.delete(uri);
    return diagnostics;
  }
}

/** The changed notes, notes linking to a changed file, and notes whose wiki links may now resolve differently. */
function affectedNotes(index: NotesView, changed: string[]): string[] {
  // After a full (re)index every note is checked anyway; asking who links to each would cost more.
  if (changed.length > BULK_CHANGE) return [...new Set([...changed, ...index.noteUris()])];
  const affected = new Set(changed);
  for (const uri of changed) for (const note of index.linkGraph.notesLinkingTo(uri)) affected.add(note);
  for (const note of index.linkGraph.wikiLinkingNotes()) affected.add(note);
  return [...affected];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
