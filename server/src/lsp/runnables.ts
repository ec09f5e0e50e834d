// `marginalia/runnables`: the shell blocks of a note as data, each with everything its run needs
// (rust-analyzer's runnables). The client runs snippets from these and never parses Markdown. The
// answer is the same in Restricted Mode: it is data, and the client needs the blocks' lines there
// to say why nothing runs.
import { RUNNABLES_REQUEST, type RunnablesParams } from '../../../common/protocol';
import { runnableBlocks, type RunnableBlock } from '../../../common/runner/runnable';
import type { ServerContext } from './context';

export function register(context: ServerContext): void {
  context.connection.onRequest(
    RUNNABLES_REQUEST.method,
    async ({ textDocument }: RunnablesParams): Promise<RunnableBlock[]> => (await noteRunnables(context, textDocument.uri)) ?? [],
  );
}

/**
 * The shell blocks of a note with their run plans; undefined for a note the index does not hold. Waits
 * for the note's pending edits, so the answer is about the text the editor shows now.
 */
export async function noteRunnables(context: ServerContext, uri: string): Promise<RunnableBlock[] | undefined> {
  const index = await context.ready(uri);
  const facts = index?.facts(uri);
  if (!facts) return undefined;
  return runnableBlocks(
    facts.codeBlocks,
    facts.headings.map((heading) => heading.range.start.line),
  );
}
