import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, withTimeout } from './lspClient';

// A note whose parse runs its worker out of memory: a table a few hundred kilobytes wide, with the
// workers' heap made small so that it happens at once rather than after a gigabyte.
const WIDE_TABLE = `|${'h|'.repeat(20_000)}\n|${'-|'.repeat(20_000)}\n|${'v|'.repeat(20_000)}\n`;

describe('a note that could not be parsed', function () {
  this.timeout(120_000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-unparsed-'));
    writeFileSync(path.join(root, 'table.md'), WIDE_TABLE);
    writeFileSync(path.join(root, 'links.md'), '# Links\n\n[gone](missing.md)\n');
    process.env.MARGINALIA_PARSE_MEMORY_MB = '32';
    try {
      client = await LspTestClient.start(root);
    } finally {
      delete process.env.MARGINALIA_PARSE_MEMORY_MB;
    }
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('says so in the note as an error (it was only in the log), and the other notes are checked as ever', async () => {
    const diagnosticOf = async (name: string) => {
      const uri = client.uri(name);
      while (!client.diagnostics.get(uri)?.diagnostics.length) await new Promise((resolve) => setTimeout(resolve, 50));
      return client.diagnostics.get(uri)!.diagnostics;
    };
    const [table] = await withTimeout(diagnosticOf('table.md'), 60_000, 'no diagnostic on the table note');
    assert.equal(table.code, 'note.unparsed');
    assert.equal(table.range.start.line, 0);
    assert.match(String(table.message), /out of memory.*its links, cards and mentions are not indexed/);
    const [link] = await withTimeout(diagnosticOf('links.md'), 60_000, 'no diagnostic on the links note');
    assert.equal(link.code, 'link.file-not-found');
    assert.equal(client.process.exitCode, null, 'the server is still up');
  });
});
