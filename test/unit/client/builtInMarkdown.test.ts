// What the VS Code client leaves to VS Code's own Markdown support: outline, folding, local links and
// heading symbols are not asked of the server while that support is on; entity symbols and everything
// else are.
import assert from 'node:assert/strict';
import { builtInMarkdownMiddleware, withoutHeadings } from '../../../client/src/builtInMarkdown';

/** `vscode.SymbolKind` values: String for the server's headings, Module for projects, File for papers. */
const KIND = { file: 0, module: 1, string: 14 };
const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

/** A `next` that records that the server was asked, and answers `answer`. */
function server<T>(answer: T) {
  const asked: unknown[][] = [];
  const next = (...args: unknown[]) => {
    asked.push(args);
    return answer;
  };
  return { asked, next };
}

describe("the client: leaving to VS Code's Markdown support what it shows already", () => {
  const middleware = builtInMarkdownMiddleware(true, KIND.string);
  const document = {} as never;

  it('asks the server for no outline, folding or document links while the built-in support is on', async () => {
    const symbols = server([{ name: 'Heading' }]);
    const folds = server([{ start: 0, end: 3 }]);
    const links = server([{ target: 'a.md' }]);
    assert.deepEqual(await middleware.provideDocumentSymbols!(document, token as never, symbols.next as never), []);
    assert.deepEqual(await middleware.provideFoldingRanges!(document, {} as never, token as never, folds.next as never), []);
    assert.deepEqual(await middleware.provideDocumentLinks!(document, token as never, links.next as never), []);
    assert.deepEqual([symbols.asked, folds.asked, links.asked], [[], [], []]);
  });

  it("keeps the projects and papers among the server's workspace symbols, and drops its headings", async () => {
    const answer = [
      { name: 'vLLM', kind: KIND.module },
      { name: '3.3 推理框架', kind: KIND.string },
      { name: 'Mooncake', kind: KIND.file },
    ];
    const symbols = server(answer);
    const kept = await middleware.provideWorkspaceSymbols!('v', token as never, symbols.next as never);
    assert.deepEqual(symbols.asked, [['v', token]]);
    assert.deepEqual(
      (kept as typeof answer).map((symbol) => symbol.name),
      ['vLLM', 'Mooncake'],
    );
  });

  it('passes an empty answer on as it came', () => {
    assert.equal(withoutHeadings(null, KIND.string), null);
    assert.equal(withoutHeadings(undefined, KIND.string), undefined);
  });

  it('changes nothing where the built-in support is off: the server then gives the outline, folding and links', () => {
    assert.deepEqual(builtInMarkdownMiddleware(false, KIND.string), {});
  });

  it('leaves completion to the server: its list adds wiki links and entity names', () => {
    assert.equal('provideCompletionItem' in middleware, false);
  });
});
