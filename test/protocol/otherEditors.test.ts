// The server as an editor other than VS Code meets it: a client that asks for nothing custom, cannot
// register file watchers, pushes its settings instead of being asked, and cannot run snippets.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { readFileSync } from 'node:fs';
import { LspTestClient, scratchCopy, scratchNotes, SERVER_JS, withTimeout } from './lspClient';

interface MinimalClient {
  connection: ProtocolConnection;
  /** Methods of every notification the server sent, in order. */
  heard: string[];
  progress: Array<{ kind: string }>;
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** What the server chose from the encodings the client offered. */
  positionEncoding?: string;
  uri(file: string): string;
  stop(): Promise<void>;
}

/** A client that declares only what a plain LSP client does: no configuration requests, no watcher registration. */
async function startMinimalClient(root: string, initializationOptions: Record<string, unknown> = {}): Promise<MinimalClient> {
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const client: MinimalClient = {
    connection,
    heard: [],
    progress: [],
    diagnostics: new Map(),
    uri: (file) => URI.file(path.join(root, file)).toString(),
    stop: async () => {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      child.kill();
    },
  };
  connection.onUnhandledNotification((message) => client.heard.push(message.method));
  connection.onNotification('$/progress', (params: { value: { kind: string } }) => {
    client.progress.push(params.value);
  });
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    client.heard.push('textDocument/publishDiagnostics');
    client.diagnostics.set(params.uri, params);
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const folder = URI.file(root).toString();
  const initialized = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'notes' }],
    initializationOptions,
    capabilities: {
      general: { positionEncodings: ['utf-8', 'utf-16'] },
      window: { workDoneProgress: true },
      textDocument: { hover: { contentFormat: ['markdown'] } },
    },
  })) as { capabilities: { positionEncoding?: string } };
  client.positionEncoding = initialized.capabilities.positionEncoding;
  await connection.sendNotification('initialized', {});
  return client;
}

async function until<T>(read: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  return withTimeout(
    (async () => {
      for (;;) {
        const value = read();
        if (value !== undefined) return value;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })(),
    ms,
    `timed out waiting for ${what}`,
  );
}

describe('the server for editors other than VS Code', function () {
  this.timeout(60_000);
  let notes: ReturnType<typeof scratchNotes>;
  let client: MinimalClient | undefined;

  beforeEach(() => {
    notes = scratchNotes({ 'a.md': '# A\n\n[b](b.md)\n\n```bash\necho hi\n```\n' });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    notes.dispose();
  });

  const codesOf = (found: MinimalClient, file: string) =>
    found.diagnostics.get(found.uri(file))?.diagnostics.map((diagnostic) => diagnostic.code);

  it('reports indexing with standard $/progress, and sends marginalia/status only to a client that asks', async () => {
    client = await startMinimalClient(notes.root, { trusted: true });
    await until(() => (client!.progress.some((value) => value.kind === 'end') ? true : undefined), 'the end of the progress');
    assert.equal(client.progress[0].kind, 'begin');
    assert.deepEqual(
      client.heard.filter((method) => method.startsWith('marginalia/')),
      [],
    );
    await client.stop();
    client = await startMinimalClient(notes.root, { trusted: true, statusNotifications: true });
    await until(() => (client!.heard.includes('marginalia/status') ? true : undefined), 'a status notification');
  });

  it('counts positions in UTF-8 bytes when the client would rather have them, and says so (positionEncoding.test.ts has the rest)', async () => {
    client = await startMinimalClient(notes.root);
    assert.equal(client.positionEncoding, 'utf-8');
  });

  it('sends ▶ Run lenses only to a client that says it runs them', async () => {
    client = await startMinimalClient(notes.root, { trusted: true });
    await until(() => (client!.progress.some((value) => value.kind === 'end') ? true : undefined), 'indexing');
    const lenses = (found: MinimalClient) =>
      found.connection.sendRequest<unknown[]>('textDocument/codeLens', { textDocument: { uri: found.uri('a.md') } });
    assert.deepEqual(await lenses(client), []);
    await client.stop();
    client = await startMinimalClient(notes.root, { trusted: true, runSnippets: true });
    await until(() => (client!.progress.some((value) => value.kind === 'end') ? true : undefined), 'indexing');
    assert.equal((await lenses(client)).length > 0, true);
  });

  it('watches the folder itself when the client cannot register a watcher: a note created on disk fixes the link to it', async () => {
    client = await startMinimalClient(notes.root);
    await until(() => (codesOf(client!, 'a.md')?.includes('link.file-not-found') ? true : undefined), 'the dead link');
    writeFileSync(path.join(notes.root, 'b.md'), '# B\n');
    await until(() => (codesOf(client!, 'a.md')?.length === 0 ? true : undefined), 'the link to come alive');
  });

  it('applies the settings a client pushes with didChangeConfiguration', async () => {
    client = await startMinimalClient(notes.root);
    await until(() => (codesOf(client!, 'a.md')?.includes('link.file-not-found') ? true : undefined), 'the dead link');
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { marginalia: { links: { severity: { 'link.file-not-found': 'off' } } } },
    });
    await until(() => (codesOf(client!, 'a.md')?.length === 0 ? true : undefined), 'the check to be off');
  });
});

describe('hover cards for a client that shows plain text', function () {
  this.timeout(60_000);

  it('are text without Markdown escapes, web links as their address, note sites as file:line', async () => {
    const seeds = scratchCopy();
    const client = await LspTestClient.start(seeds.root, {}, {}, { textDocument: { hover: { contentFormat: ['plaintext', 'markdown'] } } });
    try {
      const file = '001_7e5cbe7abf80e26e.md';
      const lines = readFileSync(path.join(seeds.root, file), 'utf8').split('\n');
      const line = lines.findIndex((text) => text.includes('vLLM 是一个'));
      const hover = await client.connection.sendRequest<{ contents: { kind: string; value: string } }>('textDocument/hover', {
        textDocument: { uri: client.uri(file) },
        position: { line, character: lines[line].indexOf('vLLM 是一个') + 1 },
      });
      assert.equal(hover.contents.kind, 'plaintext');
      assert.match(hover.contents.value, /^vLLM · project$/m);
      assert.match(hover.contents.value, /GitHub: vllm-project\/vllm <https:\/\/github\.com\/vllm-project\/vllm>/);
      assert.match(hover.contents.value, /Defined in 001_7e5cbe7abf80e26e\.md:\d+/);
      assert.doesNotMatch(hover.contents.value, /\\|\]\(|\*\*|file:\/\//);
    } finally {
      await client.stop();
      seeds.dispose();
    }
  });
});
