// When web links are checked: over the whole workspace on command, and over changed notes when the
// setting turns automatic checks on. Never in an untrusted workspace, whatever the settings say. The
// results are kept for the link diagnostics, and whoever shows those hears which addresses were checked.

import type { LinksConfig } from '../../config';
import type { NotesView } from '../../index/notesView';
import type { Logger } from '../../workspace/notesWorkspace';
import type { ExternalCheckSummary } from '../../../../common/protocol';
import { createExternalLinkChecker, type ExternalLinkChecker, type ExternalLinkResult } from './external';
import { userCacheDirectory } from './external/cacheDirectory';
import { externalCheckOptions, webUrlsToCheck } from './webLinks';

/** Automatic checks of a note's new links wait a while: every keystroke is no new link. */
const AUTOMATIC_DELAY_MS = 1500;

/** What external checks need of the server around them. */
export interface ExternalRunsHost {
  logger: Logger;
  /** The current index, or undefined before the first indexing started. */
  index(): NotesView | undefined;
  /** Resolves when the current whole-workspace indexing has finished. */
  indexed(): Promise<void>;
  settings(): LinksConfig;
  /** Whether the user declared the workspace trusted. */
  trusted(): boolean;
  /** A folder the server may keep results in, when the editor gave one. */
  storagePath(): string | undefined;
}

/** Progress of a workspace check, as the editor shows it; `done` is called once the check ends, however it ends. */
export interface CheckProgress {
  report(done: number, total: number): void;
  done(): void;
}

export class ExternalRuns {
  /** Every result so far, by address: the link diagnostics report the dead and the unverified. */
  readonly results = new Map<string, ExternalLinkResult>();
  private checker: { key: string; checker: ExternalLinkChecker } | undefined;
  private queued = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Without a folder from the editor, the user's own cache directory (undefined: memory only); looked up once. */
  private userCache: { dir: string | undefined } | undefined;

  /** `onResults` hears the addresses just checked. */
  constructor(
    private readonly host: ExternalRunsHost,
    private readonly onResults: (urls: ReadonlySet<string>) => void,
  ) {}

  /**
   * Checks every web link of the workspace once it is indexed; `openProgress` is told how many there are
   * before the first request. `signal` cancels the check.
   */
  async checkWorkspace(
    signal: AbortSignal,
    openProgress: (total: number) => Promise<CheckProgress | undefined>,
  ): Promise<ExternalCheckSummary> {
    if (!this.host.trusted()) return emptySummary('External links are checked only in trusted workspaces');
    await this.host.indexed();
    const index = this.host.index();
    if (!index) return emptySummary('The notes are not indexed yet');
    const urls = webUrlsToCheck(index, index.noteUris(), this.host.settings());
    const progress = await openProgress(urls.length);
    try {
      return await this.run(urls, signal, progress);
    } catch (error) {
      if (signal.aborted) return emptySummary('The external link check was cancelled');
      throw error;
    } finally {
      progress?.done();
    }
  }

  /** The index changed these notes: when the settings ask for it, their new links are checked in the background. */
  notesChanged(index: NotesView, changed: readonly string[]): void {
    if (this.host.settings().external.enabled) this.scheduleAutomatic(changed.filter((uri) => index.has(uri)));
  }

  /** Links of these notes that were never checked are checked a little later, in the background. */
  scheduleAutomatic(uris: string[]): void {
    const index = this.host.index();
    if (!this.host.trusted() || !index) return;
    for (const url of webUrlsToCheck(index, uris, this.host.settings())) if (!this.results.has(url)) this.queued.add(url);
    if (!this.queued.size) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const urls = [...this.queued];
      this.queued = new Set();
      this.run(urls).catch((error) => this.host.logger.warn(`external link check failed: ${describe(error)}`));
    }, AUTOMATIC_DELAY_MS);
  }

  private async run(urls: string[], signal?: AbortSignal, progress?: CheckProgress): Promise<ExternalCheckSummary> {
    const found = await this.currentChecker().checkAll(urls, {
      signal,
      onProgress: ({ done, total }) => progress?.report(done, total),
    });
    for (const [url, result] of found) this.results.set(url, result);
    this.onResults(new Set(found.keys()));
    const count = (status: string) => [...found.values()].filter((result) => result.status === status).length;
    const dead = count('dead');
    const unverified = count('unverified');
    return {
      checked: found.size,
      dead,
      unverified,
      message: `Checked ${found.size} external links: ${dead} dead, ${unverified} could not be verified`,
    };
  }

  /** The checker for the current settings: made again when they change. */
  private currentChecker(): ExternalLinkChecker {
    const cacheDir = this.host.storagePath() ?? (this.userCache ??= { dir: userCacheDirectory(this.host.logger) }).dir;
    const options = externalCheckOptions(this.host.settings().external, cacheDir);
    const key = JSON.stringify(options);
    if (this.checker?.key !== key)
      this.checker = {
        key,
        checker: createExternalLinkChecker({
          ...options,
          onRequest: (request) => this.host.logger.info(`link check: ${request.method} ${request.url}`),
        }),
      };
    return this.checker.checker;
  }
}

function emptySummary(message: string): ExternalCheckSummary {
  return { checked: 0, dead: 0, unverified: 0, message };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
