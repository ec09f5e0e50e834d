// textDocument/documentLink over stdio: local links, clickable to their file and to the line of a heading.
import assert from 'node:assert/strict';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { LspTestClient, scratchNotes } from './lspClient';

const NOTE = 'See [驱动](gpu%20notes/gpu.md#驱动), ![card](gpu%20notes/card.png) and [gone](gone.md).\n';

describe('document links over stdio', function () {
  this.timeout(60_000);
  let scratch: ReturnType<typeof scratchNotes>;
  let client: LspTestClient;

  before(async () => {
    scratch = scratchNotes({ 'gpu notes/gpu.md': '# GPU\n\n## 驱动\n', 'gpu notes/card.png': '', 'note.md': NOTE });
    client = await LspTestClient.start(scratch.root);
  });

  after(async () => {
    await client?.stop();
    scratch?.dispose();
  });

  it('links each existing file, an anchor to its heading’s line as #L3, on the written target', async () => {
    const uri = await client.open('note.md', NOTE);
    assert.deepEqual(client.capabilities.documentLinkProvider, { resolveProvider: false });
    const links = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(
      links.map((link) => [link.range.start.character, link.range.end.character, link.target, link.tooltip]),
      [
        [9, 30, `${client.uri('gpu notes/gpu.md')}#L3`, 'Open at 驱动'],
        [41, 61, client.uri('gpu notes/card.png'), undefined],
      ],
    );
  });
});
