import type { MarginaliaConfig } from '../config';
import { decodeSteps } from '../parse/decode';
import type { NoteParser } from '../parse/noteParser';
import type { ParsedFacts } from '../parse/packedFacts';
import { emptyFacts, describeError } from '../parse/parseNote';
import type { Logger, NoteFile, NotesWorkspace } from '../workspace/notesWorkspace';
import { inSlices } from '../parse/steps';
import { hashSteps, stampSteps, type CachedNote, type DiskStamp } from './indexCache';
import type { NoteState } from './noteState';
import type { NoteStore } from './noteStore';

/**
 * Brings notes from disk into the store: reads, decodes and parses them, or restores them from the cache
 * when the disk still says what the cache says. A note that cannot be read or parsed is recorded as a
 * failure rather than stopping anything.
 */
export class NoteLoader {
  /** Notes parsed rather than restored, for the log. */
  parsedCount = 0;

  constructor(
    private readonly workspace: NotesWorkspace,
    private readonly parser: NoteParser,
    private readonly config: MarginaliaConfig,
    private readonly logger: Logger,
    private readonly store: NoteStore,
  ) {}

  /** Reads a note; restores it from the cache instead of parsing when the disk still says what the cache says. */
  async load(uri: string, file: NoteFile, cached?: CachedNote, urgent = false): Promise<void> {
    const limit = this.config.maxFileSizeMB * 1024 * 1024;
    if (file.size !== undefined && file.size > limit) {
      this.skip(uri, `${formatSize(file.size)} exceeds marginalia.maxFileSizeMB (${this.config.maxFileSizeMB} MB)`);
      return;
    }
    if (cached && isUnchanged(cached.stamp, file)) return this.store.restore(uri, cached, cached.stamp);
    let bytes: Uint8Array;
    try {
      bytes = await this.workspace.readNote(uri);
    } catch (error) {
      this.skip(uri, `could not read it: ${describeError(error)}`);
      this.store.failures.set(uri, { kind: 'unreadable', reason: `could not read it: ${describeError(error)}` });
      return;
    }
    if (bytes.length > limit) {
      this.skip(uri, `${formatSize(bytes.length)} exceeds marginalia.maxFileSizeMB (${this.config.maxFileSizeMB} MB)`);
      return;
    }
    const stamp = file.mtimeMs === undefined ? undefined : await inSlices(stampSteps(bytes, file.mtimeMs));
    // Touched but not changed (a checkout, a sync tool): the cached facts still hold.
    if (cached && stamp && stamp.hash === cached.stamp.hash) return this.store.restore(uri, cached, stamp);
    const decoded = await inSlices(decodeSteps(bytes));
    if (!decoded.ok) {
      this.skip(uri, decoded.reason);
      return;
    }
    for (const problem of decoded.problems) this.logger.warn(`${uri}: ${problem}`);
    this.parsedCount++;
    const facts = await this.parse(uri, decoded.text, urgent);
    // A note that could not be parsed is not cached: the next start tries it again, and says so again.
    this.store.store(uri, facts, decoded.text, false, this.store.failures.has(uri) ? undefined : stamp);
  }

  /** Parses a note's text; a note the parser fails on is recorded as a failure and indexed empty. */
  async parse(uri: string, text: string, urgent = false): Promise<ParsedFacts> {
    try {
      const facts = await this.parser.parse(uri, text, { urgent });
      for (const problem of facts.problems) this.logger.warn(`${uri}: ${problem}`);
      this.store.failures.delete(uri);
      return facts;
    } catch (error) {
      this.logger.error(`${uri}: ${describeError(error)}; the note is left out of the index`);
      this.store.failures.set(uri, { kind: 'unparsed', reason: describeError(error) });
      return { ...emptyFacts(uri), problems: [describeError(error)] };
    }
  }

  /** The note's text as the disk holds it, if that is still the text its facts were read from. */
  async readTextOf(uri: string, state: NoteState): Promise<string | undefined> {
    const bytes = await this.workspace.readNote(uri).catch(() => undefined);
    if (!bytes || (state.stamp && (await inSlices(hashSteps(bytes))) !== state.stamp.hash)) return undefined;
    const decoded = await inSlices(decodeSteps(bytes));
    return decoded.ok ? decoded.text : undefined;
  }

  private skip(uri: string, reason: string): void {
    this.logger.warn(`skipped ${uri}: ${reason}`);
    this.store.forget(uri);
  }
}

/** Whether the disk still says what it said when the stamp was taken; a racy stamp is only believed by its hash. */
export function isUnchanged(stamp: DiskStamp, file: NoteFile): boolean {
  return !stamp.racy && stamp.size === file.size && stamp.mtimeMs === file.mtimeMs;
}

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
