import type { NoteParser, ParseOptions } from './noteParser';
import type { ParsedFacts } from './packedFacts';

/**
 * The server's parser. No note is parsed on the main thread, which answers requests: a note of a few
 * kilobytes can keep the Markdown parser busy for seconds (runs of emphasis marks or of setext
 * underlines, deep lists), and nothing short of parsing tells those apart. Notes someone waits on,
 * open in the editor or wanted for a hover, go to workers of their own, so that they never queue
 * behind the bulk of an indexing.
 */
export class RoutedParser implements NoteParser {
  constructor(
    private readonly bulk: NoteParser,
    private readonly waitedOn: NoteParser,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  parse(uri: string, text: string, options?: ParseOptions): Promise<ParsedFacts> {
    return (options?.urgent || this.isOpen(uri) ? this.waitedOn : this.bulk).parse(uri, text, options);
  }

  releaseIdle(): void {
    this.bulk.releaseIdle?.();
  }

  dispose(): void {
    this.bulk.dispose();
    this.waitedOn.dispose();
  }
}
