// `marginalia/runnables`: the shell blocks of a note as data, each with everything its run needs
// (rust-analyzer's runnables). The client runs snippets from these and never parses Markdown. The
// answer is the same in Restricted Mode: it is data, and the client needs the blocks' lines there
// to say why nothing runs.
import { RUNNABLES_REQUEST, type RunnablesParams } from '../../../common/protocol';
import { runnableBlocks, type RunnableBlock } from '../../../common/runner/runnable';
import type { ServerContext } from './context';

export function register(context: ServerContext): void {
  context.connection.onRequest(RUNNABLES_REQUEST.method, async ({ textDocument }: RunnablesParams): Promise<RunnableBlock[]> => {
    // Waits for the note's pending edits, so the answer is about the text the editor shows now.
    const index = await context.ready(textDocument.uri);
    const facts = index?.facts(textDocument.uri);
    if (!facts) return [];
    return runnableBlocks(
      facts.codeBlocks,
      facts.headings.map((heading) => heading.range.start.line),
    );
  });
}
