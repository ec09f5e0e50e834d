import type { NoteFacts } from './facts';
import { parseNote } from './parseNote';

/** Turns note text into facts; the server parses in worker threads, tests in-process. */
export interface NoteParser {
  parse(uri: string, text: string): Promise<NoteFacts>;
  dispose(): void;
}

export class InProcessParser implements NoteParser {
  async parse(uri: string, text: string): Promise<NoteFacts> {
    // Yield first so that a burst of parses leaves room for requests between notes.
    await new Promise((resolve) => setImmediate(resolve));
    return parseNote(uri, text);
  }

  dispose(): void {}
}
