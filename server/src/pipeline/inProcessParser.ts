import type { NoteFacts } from '../parse/facts';
import type { NoteParser, ParseOptions } from '../parse/noteParser';
import { parseNote } from './noteFacts';

/** Parses on the calling thread: for tests, and for the CLI when no parse worker was built beside it. */
export class InProcessParser implements NoteParser {
  async parse(uri: string, text: string, _options?: ParseOptions): Promise<NoteFacts> {
    // Yield first so that a burst of parses leaves room for requests between notes.
    await new Promise((resolve) => setImmediate(resolve));
    return parseNote(uri, text);
  }

  dispose(): void {}
}
