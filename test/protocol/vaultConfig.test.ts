import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspTestClient, scratchNotes, withTimeout } from './lspClient';

const NOTE = '# Notes\n\n[gone](gone.md) and [nowhere](#nowhere)\n';

/** The codes of a note's diagnostics, once the server published some that satisfy the check. */
async function codesWhen(client: LspTestClient, file: string, check: (codes: string[]) => boolean): Promise<string[]> {
  const codes = () => client.diagnostics.get(client.uri(file))?.diagnostics.map((diagnostic) => String(diagnostic.code));
  const found = withTimeout(
    (async () => {
      for (;;) {
        const now = codes();
        if (now && check(now)) return now;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })(),
    20_000,
    `diagnostics of ${file} never matched; last: ${JSON.stringify(codes())}`,
  );
  return found;
}

describe('the vault config file .marginalia.jsonc, read by the server', function () {
  this.timeout(60_000);
  let notes: ReturnType<typeof scratchNotes>;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    notes = scratchNotes({ 'links.md': NOTE });
    writeFileSync(
      path.join(notes.root, '.marginalia.jsonc'),
      '{\n  // the archive moved\n  "links.severity": { "link.file-not-found": "off" },\n}\n',
    );
  });
  afterEach(async () => {
    await client?.stop();
    notes.dispose();
  });

  it('turns a check off for the whole vault when the editor says nothing', async () => {
    client = await LspTestClient.start(notes.root, { trusted: true });
    assert.deepEqual(await codesWhen(client, 'links.md', (codes) => codes.length > 0), ['link.anchor-not-found']);
  });

  it('yields to the editor setting for the same key', async () => {
    client = await LspTestClient.start(notes.root, { trusted: true }, { links: { severity: { 'link.file-not-found': 'warning' } } });
    const codes = await codesWhen(client, 'links.md', (found) => found.includes('link.file-not-found'));
    assert.deepEqual(codes.sort(), ['link.anchor-not-found', 'link.file-not-found']);
  });

  it('is read again when it changes on disk', async () => {
    client = await LspTestClient.start(notes.root, { trusted: true });
    await codesWhen(client, 'links.md', (codes) => codes.length === 1);
    const file = path.join(notes.root, '.marginalia.jsonc');
    writeFileSync(file, '{ "links.severity": { "link.anchor-not-found": "off" } }');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: client.uri('.marginalia.jsonc'), type: 2 }],
    });
    assert.deepEqual(await codesWhen(client, 'links.md', (codes) => codes.includes('link.file-not-found')), ['link.file-not-found']);
  });

  it('names the line of a mistake in the file, and keeps what it could read', async () => {
    writeFileSync(
      path.join(notes.root, '.marginalia.jsonc'),
      '{\n  "links.severity": { "link.file-not-found": "off" }\n  "hover": {}\n}\n',
    );
    client = await LspTestClient.start(notes.root, { trusted: true });
    assert.deepEqual(await codesWhen(client, 'links.md', (codes) => codes.length > 0), ['link.anchor-not-found']);
    assert.match(client.logs.join('\n'), /\.marginalia\.jsonc:3:3: Comma expected/);
  });
});
