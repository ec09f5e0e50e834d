// The README's Helix set-up. Helix is not packaged for Debian 12, so its own client does not run here;
// instead the README's languages.toml is read as Helix reads it, and the server is started with the
// command, arguments and options it names and spoken to as Helix speaks: positions in UTF-8 bytes first.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { withTimeout } from '../protocol/lspClient';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS = path.join(ROOT, 'seeds');
const CHIPS = '000_2a3c44dcec08f07f.md';

interface HelixLanguages {
  'language-server'?: Record<string, { command?: string; args?: string[]; config?: Record<string, unknown> }>;
  language?: Array<{ name?: string; 'language-servers'?: string[] }>;
}

/** The first TOML block after the README's "**Helix**" line, pointed at this checkout. */
function readmeLanguages(): HelixLanguages {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('**Helix**');
  assert.ok(from >= 0, 'the README has a Helix set-up');
  const block = /```toml\n([\s\S]*?)```/.exec(readme.slice(from));
  assert.ok(block, 'a TOML block follows it');
  return parse(block[1].replaceAll('/path/to/marginalia', ROOT)) as HelixLanguages;
}

describe('the README Helix set-up, started as Helix starts it', function () {
  this.timeout(60_000);

  it('names a server for Markdown whose command answers a hover after Chinese text in UTF-8 bytes', async () => {
    const languages = readmeLanguages();
    const markdown = languages.language?.find((language) => language.name === 'markdown');
    assert.deepEqual(markdown?.['language-servers'], ['marginalia']);
    const server = languages['language-server']?.marginalia;
    assert.ok(server?.command && server.args, 'language-server.marginalia has a command and args');
    const child = spawn(server.command, server.args, { cwd: SEEDS, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const folder = URI.file(SEEDS).toString();
      const answer = await withTimeout(
        connection.sendRequest<{ capabilities: { positionEncoding?: string } }>('initialize', {
          processId: process.pid,
          rootUri: folder,
          workspaceFolders: [{ uri: folder, name: 'seeds' }],
          initializationOptions: server.config,
          capabilities: { general: { positionEncodings: ['utf-8', 'utf-32', 'utf-16'] }, textDocument: { hover: {} } },
        }),
        20_000,
        'no answer to initialize',
      );
      assert.equal(answer.capabilities.positionEncoding, 'utf-8');
      await connection.sendNotification('initialized', {});
      const text = readFileSync(path.join(SEEDS, CHIPS), 'utf8');
      const uri = URI.file(path.join(SEEDS, CHIPS)).toString();
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const lines = text.split('\n');
      const line = lines.findIndex((candidate) => candidate.includes('利用Gemmini平台'));
      const start = Buffer.byteLength(lines[line].slice(0, lines[line].indexOf('Gemmini')));
      const hover = await withTimeout(
        connection.sendRequest<{ contents: { value: string }; range: { start: { character: number } } } | null>('textDocument/hover', {
          textDocument: { uri },
          position: { line, character: start + 2 },
        }),
        20_000,
        'no answer to hover',
      );
      assert.match(hover?.contents.value ?? '', /ucb\\-bar\/gemmini/);
      assert.equal(hover?.range.start.character, start);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
