// Go-to-definition and the card's mention count as an editor sees them: links naming exactly the
// mention for a client that takes them, and a references link only for a client that runs it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, Location, LocationLink } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const NOTES = {
  'gemmini.md': '- Gemmini: https://github.com/ucb-bar/gemmini\n',
  'plan.md': '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构\n',
  'systolic.md': 'Gemmini 的脉动阵列\n',
};
/** Inside `Gemmini` of `利用Gemmini平台…`, line 3 of plan.md. */
const IN_GEMMINI = { line: 2, character: 4 };
const GEMMINI = { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } };

describe('definition links and the references link of a card, over stdio', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-navigation-links-'));
    for (const [name, text] of Object.entries(NOTES)) writeFileSync(path.join(root, name), text);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function withServer(
    options: { linkSupport: boolean; hoverCommands?: string[] },
    test: (client: LspTestClient) => Promise<void>,
  ): Promise<void> {
    const client = await LspTestClient.start(
      root,
      options.hoverCommands ? { hoverCommands: options.hoverCommands } : {},
      {},
      { textDocument: { definition: { linkSupport: options.linkSupport } } },
    );
    try {
      await test(client);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  }

  const definition = (client: LspTestClient) =>
    client.connection.sendRequest('textDocument/definition', { textDocument: { uri: client.uri('plan.md') }, position: IN_GEMMINI });
  const hover = async (client: LspTestClient) => {
    const answer = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: client.uri('plan.md') },
      position: IN_GEMMINI,
    })) as Hover | null;
    return answer && typeof answer.contents === 'object' && 'value' in answer.contents ? answer.contents.value : '';
  };

  it('a client with link support gets links whose origin is exactly the name inside the Chinese sentence', async () => {
    await withServer({ linkSupport: true }, async (client) => {
      const links = (await definition(client)) as LocationLink[];
      assert.deepEqual(links, [
        {
          originSelectionRange: GEMMINI,
          targetUri: client.uri('gemmini.md'),
          targetRange: links[0]?.targetRange,
          targetSelectionRange: links[0]?.targetRange,
        },
      ]);
      assert.equal(links[0].targetRange.start.line, 0);
    });
  });

  it('a client without it gets plain locations; its cards count mentions in plain text', async () => {
    await withServer({ linkSupport: false }, async (client) => {
      const locations = (await definition(client)) as Location[];
      assert.deepEqual(
        locations.map((location) => [path.basename(location.uri), location.range.start.line, Object.keys(location).sort().join()]),
        [['gemmini.md', 0, 'range,uri']],
      );
      const card = await hover(client);
      assert.match(card, / · mentioned in 3 notes$/);
      assert.ok(!card.includes('command:'), card);
    });
  });

  it('a client that runs the references command gets the count as its link, and the references it opens', async () => {
    await withServer({ linkSupport: true, hoverCommands: ['marginalia.showEntityReferences'] }, async (client) => {
      const card = await hover(client);
      const query = /\[mentioned in 3 notes\]\(command:marginalia\.showEntityReferences\?([^)]*)\)/.exec(card)?.[1];
      assert.ok(query, card);
      const [args] = JSON.parse(decodeURIComponent(query)) as Array<{ entityId: string; uri: string; position: unknown }>;
      assert.deepEqual(args, { entityId: 'github:ucb-bar/gemmini', uri: client.uri('plan.md'), position: GEMMINI.start });
      const references = (await client.connection.sendRequest('marginalia/entityReferences', { entityId: args.entityId })) as Location[];
      const where = (location: Location) =>
        `${path.basename(location.uri)}:${location.range.start.line + 1}:${location.range.start.character}`;
      // The definition's name and its link to the repository, and the mention in each other note.
      assert.deepEqual(references.map(where).sort(), ['gemmini.md:1:11', 'gemmini.md:1:2', 'plan.md:3:2', 'systolic.md:1:0']);
      assert.deepEqual(await client.connection.sendRequest('marginalia/entityReferences', { entityId: 'github:no/such' }), []);
    });
  });
});
