// Which files the notes link to, the other way round (which notes link to a file), and whether
// those files exist. Kept up to date note by note by the index, so that link checks and refreshes
// are answered from maps; the only disk access is one stat per distinct linked file, remembered
// until a file event says it changed.

import type { NoteLinkSummary } from '../parse/links/linkSummary';
import { canonicalUri, classifyTarget, resolveLocalTarget } from '../parse/links/target';
import { forEachConcurrently } from './forEachConcurrently';

const NOTES_PER_SLICE = 200;

export class LinkGraph {
  /** Canonical URIs of the files each note links to (the note's own URI excluded). */
  private readonly targetsByNote = new Map<string, Set<string>>();
  private readonly notesByTarget = new Map<string, Set<string>>();
  private readonly noteByCanonical = new Map<string, string>();
  private readonly notesWithWikiLinks = new Set<string>();
  private readonly existence = new Map<string, boolean>();
  private changes = 0;
  private fileEvents = 0;
  /** Notes updated but not yet read: a warm start hands over every note at once, and the first question pays. */
  private readonly pending = new Set<string>();

  constructor(
    readonly folders: readonly string[],
    private readonly statFile: (uri: string) => Promise<boolean>,
    private readonly linkSummaryOf: (uri: string) => NoteLinkSummary | undefined,
  ) {}

  /** Bumps on every change, so that derived lookups know when to rebuild. */
  get generation(): number {
    return this.changes;
  }

  /** Notes updated but not read yet. */
  get unsettled(): number {
    return this.pending.size;
  }

  /** A note was indexed again or removed; its link summary is read when the graph is next asked. */
  update(uri: string): void {
    this.changes++;
    this.pending.add(uri);
  }

  private settle(): void {
    if (this.pending.size === 0) return;
    for (const uri of this.pending) this.apply(uri, this.linkSummaryOf(uri));
    this.pending.clear();
  }

  /** Settles a few hundred notes at a time, letting requests through in between (after a warm start: the whole vault). */
  private async settleGradually(): Promise<void> {
    let settled = 0;
    for (const uri of this.pending) {
      this.pending.delete(uri);
      this.apply(uri, this.linkSummaryOf(uri));
      if (++settled % NOTES_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private apply(uri: string, links: NoteLinkSummary | undefined): void {
    const canonical = canonicalUri(uri);
    for (const target of this.targetsByNote.get(uri) ?? []) this.notesByTarget.get(target)?.delete(uri);
    this.targetsByNote.delete(uri);
    this.notesWithWikiLinks.delete(uri);
    this.existence.delete(canonical);
    if (!links) {
      this.noteByCanonical.delete(canonical);
      return;
    }
    this.noteByCanonical.set(canonical, uri);
    const targets = resolvedTargets(links, uri, this.folders);
    this.targetsByNote.set(uri, targets);
    for (const target of targets) {
      const notes = this.notesByTarget.get(target) ?? new Set<string>();
      notes.add(uri);
      this.notesByTarget.set(target, notes);
    }
    if (links.hasWikiLinks) this.notesWithWikiLinks.add(uri);
  }

  /** A file or folder was created, changed or deleted: forget what was known about it and below it. */
  fileChanged(uri: string): void {
    this.settle();
    this.changes++;
    this.fileEvents++;
    const canonical = canonicalUri(uri);
    for (const known of [...this.existence.keys()]) {
      if (known === canonical || known.startsWith(`${canonical}/`)) this.existence.delete(known);
    }
  }

  /** Files the workspace walk saw: they exist, and they are candidates when a link misses a file. */
  rememberExisting(uris: readonly string[]): void {
    for (const uri of uris) this.existence.set(canonicalUri(uri), true);
  }

  /** Notes linking to the file, or to anything under it when it is a folder. */
  notesLinkingTo(uri: string): string[] {
    this.settle();
    const canonical = canonicalUri(uri);
    const found = new Set(this.notesByTarget.get(canonical) ?? []);
    // A note is no folder; anything else may be one, and then links below it count too.
    if (!this.noteByCanonical.has(canonical)) {
      const prefix = `${canonical}/`;
      for (const [target, notes] of this.notesByTarget) if (target.startsWith(prefix)) for (const note of notes) found.add(note);
    }
    return [...found];
  }

  /** Notes whose wiki links may resolve differently after any change (names, headings, entities). */
  wikiLinkingNotes(): string[] {
    this.settle();
    return [...this.notesWithWikiLinks];
  }

  /** The index's URI of the note stored at a file, if it is an indexed note. */
  noteAt(canonical: string): string | undefined {
    this.settle();
    return this.noteByCanonical.get(canonical);
  }

  /** Whether a file exists: true for indexed notes, else what a stat said; undefined when not asked yet. */
  exists(canonical: string): boolean | undefined {
    this.settle();
    return this.noteByCanonical.has(canonical) ? true : this.existence.get(canonical);
  }

  /** Files known to exist (notes and linked files), for suggesting a replacement for a missing one. */
  existingFiles(): string[] {
    this.settle();
    const files = new Set(this.noteByCanonical.keys());
    for (const [uri, exists] of this.existence) if (exists) files.add(uri);
    return [...files];
  }

  /** Files known to exist that are not notes: images, PDFs, linked folders (what `![[arch.png]]` may name). */
  existingOtherFiles(): string[] {
    this.settle();
    const files: string[] = [];
    for (const [uri, exists] of this.existence) if (exists && !this.noteByCanonical.has(uri)) files.push(uri);
    return files;
  }

  /** Stats the files that a note links to and that are not known yet. */
  async prepare(uris: Iterable<string>): Promise<void> {
    await this.settleGradually();
    const unknown = new Set<string>();
    for (const uri of uris)
      for (const target of this.targetsByNote.get(uri) ?? []) if (this.exists(target) === undefined) unknown.add(target);
    await this.statAll([...unknown]);
  }

  private async statAll(targets: string[], concurrency = 32): Promise<void> {
    await forEachConcurrently(targets, concurrency, async (target) => {
      const events = this.fileEvents;
      const exists = await this.statFile(target).catch(() => false);
      // A file event that arrived during the stat may make its answer stale; ask again next time.
      if (events === this.fileEvents) this.existence.set(target, exists);
    });
  }
}

/** Canonical URIs of the local files a note's links and definitions point at, the note itself left out. */
function resolvedTargets({ localTargets }: NoteLinkSummary, uri: string, folders: readonly string[]): Set<string> {
  const targets = new Set<string>();
  const own = canonicalUri(uri);
  for (const written of localTargets) {
    const classified = classifyTarget(written);
    if (classified.kind !== 'local') continue;
    const resolved = resolveLocalTarget(classified, uri, folders);
    if (resolved && resolved !== own) targets.add(resolved);
  }
  return targets;
}
