// Watches the notes folders itself, for clients that cannot register file watchers with the server
// (`workspace/didChangeWatchedFiles` without dynamic registration): without it such an editor's index
// would never hear of a note created, renamed or deleted outside it. Node's recursive `fs.watch`
// (inotify on Linux, FSEvents on macOS) names the changed path; whether it still exists says what
// happened. Events are gathered for a moment, so a `git checkout` arrives as one batch.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

export interface WatchedChange {
  uri: string;
  deleted: boolean;
}

/** How long events gather before they are handed on. */
const SETTLE_MS = 100;
/** Folders whose changes never matter to notes; watching them would only cost. */
const SKIPPED = /(^|[\\/])(\.git|node_modules)([\\/]|$)/;

export class FolderWatcher {
  private readonly watchers: FSWatcher[] = [];
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    folders: readonly string[],
    private readonly onChanges: (changes: WatchedChange[]) => void,
    onError: (message: string) => void,
  ) {
    for (const folder of folders) {
      try {
        const watcher = watch(folder, { recursive: true }, (_event, name) => name && this.heard(path.join(folder, name.toString())));
        watcher.on('error', (error) => onError(`watching ${folder} stopped: ${error.message}`));
        this.watchers.push(watcher);
      } catch (error) {
        onError(
          `cannot watch ${folder}: ${error instanceof Error ? error.message : String(error)}; changes made outside the editor are not seen`,
        );
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers) watcher.close();
  }

  private heard(file: string): void {
    if (SKIPPED.test(file)) return;
    this.pending.add(file);
    this.timer ??= setTimeout(() => this.flush(), SETTLE_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const files = [...this.pending];
    this.pending = new Set();
    this.onChanges(files.map((file) => ({ uri: URI.file(file).toString(), deleted: !existsSync(file) })));
  }
}
