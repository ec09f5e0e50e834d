// Snippets the server runs itself, for editors without a runner of their own: offered only to a client
// that declares serverRunsSnippets and a trusted workspace, run with a real shell, answered as data and
// as a message line, and refused (nothing run) when the block changed since its lens was drawn.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { ServerSnippetRun } from '../../common/protocol';
import { LspTestClient, scratchNotes } from './lspClient';

const COMMAND = 'marginalia.runSnippetOnServer';

const NOTE = [
  '# Runs',
  '',
  '```bash {name=hello}',
  'echo hello',
  '```',
  '',
  '```bash',
  'echo about to fail',
  'exit 3',
  '```',
  '',
  '```bash {cwd=.}',
  'touch ran.txt',
  '```',
  '',
  '```sh',
  'seq 1 40',
  '```',
  '',
].join('\n');

interface Heard {
  messages: Array<{ type: number; message: string }>;
  questions: string[];
}

/** A client that declares what it declares, keeps the messages the server shows, and answers its questions with `answer`. */
async function start(root: string, options: Record<string, unknown>, settings: Record<string, unknown> = {}, answer?: string) {
  // runSnippets: false: the test client otherwise says, as VS Code does, that it runs snippets itself.
  const client = await LspTestClient.start(root, { runSnippets: false, ...options }, settings);
  const heard: Heard = { messages: [], questions: [] };
  client.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
    heard.messages.push(params);
  });
  client.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
    heard.questions.push(params.message);
    return answer === undefined ? null : { title: answer };
  });
  return { client, heard };
}

function lenses(client: LspTestClient, uri: string): Promise<CodeLens[]> {
  return client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>;
}

function run(client: LspTestClient, args: unknown): Promise<ServerSnippetRun> {
  return client.connection.sendRequest('workspace/executeCommand', { command: COMMAND, arguments: [args] }) as Promise<ServerSnippetRun>;
}

/** The argument of the ▶ Run lens on a line (zero-based). */
async function lensAt(client: LspTestClient, uri: string, line: number): Promise<unknown> {
  const lens = (await lenses(client, uri)).find((candidate) => candidate.range.start.line === line);
  assert.ok(lens?.command, `a lens on line ${line}`);
  return lens.command.arguments?.[0];
}

function commandsOf(client: LspTestClient): string[] {
  return (client.capabilities.executeCommandProvider as { commands: string[] } | undefined)?.commands ?? [];
}

describe('snippets the server runs for a client that asks', function () {
  this.timeout(60_000);
  let notes: ReturnType<typeof scratchNotes>;
  const clients: LspTestClient[] = [];

  beforeEach(() => {
    notes = scratchNotes({ 'runs.md': NOTE });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.stop().catch(() => undefined);
    notes.dispose();
  });

  async function started(options: Record<string, unknown>, settings: Record<string, unknown> = {}, answer?: string) {
    const found = await start(notes.root, options, settings, answer);
    clients.push(found.client);
    return { ...found, uri: await found.client.open('runs.md', NOTE) };
  }

  it('offers the command and ▶ Run lenses that call it only to a client that declares it and a trusted workspace', async () => {
    const { client, uri } = await started({ trusted: true, serverRunsSnippets: true });
    assert.ok(commandsOf(client).includes(COMMAND));
    assert.ok(commandsOf(client).includes('marginalia.checkExternalLinks'), 'the other commands stay');
    const found = await lenses(client, uri);
    assert.deepEqual(
      found.map((lens) => `${lens.range.start.line}: ${lens.command?.title} ${lens.command?.command}`),
      [2, 6, 11, 15].map((line) => `${line}: ▶ Run ${COMMAND}`),
    );
    const args = found[0].command?.arguments?.[0] as Record<string, unknown>;
    assert.deepEqual({ ...args, digest: typeof args.digest }, { uri, line: 2, name: 'hello', digest: 'string' });

    for (const options of [{ trusted: true }, { trusted: false, serverRunsSnippets: true }, { serverRunsSnippets: true }]) {
      const other = await started(options);
      assert.ok(!commandsOf(other.client).includes(COMMAND), JSON.stringify(options));
      assert.deepEqual(await lenses(other.client, other.uri), [], JSON.stringify(options));
    }
  });

  it('runs a block with a real shell and answers its exit code, output and summary, and shows the summary', async () => {
    const { client, heard, uri } = await started({ trusted: true, serverRunsSnippets: true });
    const result = await run(client, await lensAt(client, uri, 2));
    assert.equal(result.exitCode, 0);
    assert.equal(result.succeeded, true);
    assert.equal(result.timedOut, false);
    assert.match(result.output, /^hello$/m);
    assert.equal(result.summary, 'hello');
    assert.equal(result.label, 'runs.md:3 (hello)');
    assert.match(result.outcome, /^✓ exit 0 · /);
    assert.equal(heard.messages.length, 1);
    assert.equal(heard.messages[0].type, 3, 'an Info message');
    assert.match(heard.messages[0].message, /^Marginalia: runs\.md:3 \(hello\) ✓ exit 0 · [\d.]+ s — hello$/);
  });

  it('answers a failing block with its exit code and shows an Error message', async () => {
    const { client, heard, uri } = await started({ trusted: true, serverRunsSnippets: true });
    const result = await run(client, await lensAt(client, uri, 6));
    assert.equal(result.exitCode, 3);
    assert.equal(result.succeeded, false);
    assert.match(result.output, /about to fail/);
    assert.equal(heard.messages.length, 1);
    assert.equal(heard.messages[0].type, 1, 'an Error message');
    assert.match(heard.messages[0].message, /runs\.md:7 ✗ exit 3/);
  });

  it('logs long output with window/logMessage', async () => {
    const { client, uri } = await started({ trusted: true, serverRunsSnippets: true });
    const result = await run(client, await lensAt(client, uri, 15));
    assert.equal(result.exitCode, 0);
    assert.ok(
      client.logs.some((log) => log.includes('runs.md:16') && log.includes('\n1\n2\n') && log.includes('\n40')),
      client.logs.join('\n'),
    );
  });

  it('stops a block at the time limit of marginalia.snippets.timeoutSeconds', async () => {
    const slow = '# Slow\n\n```bash\nsleep 20\n```\n';
    const { client } = await started({ trusted: true, serverRunsSnippets: true }, { snippets: { timeoutSeconds: 1 } });
    const uri = await client.open('slow.md', slow);
    const result = await run(client, await lensAt(client, uri, 2));
    assert.equal(result.timedOut, true);
    assert.equal(result.succeeded, false);
    assert.ok(result.durationMs < 10_000, `${result.durationMs} ms`);
  });

  it('refuses, running nothing, in a workspace the client does not say is trusted', async () => {
    const trusted = await started({ trusted: true, serverRunsSnippets: true });
    const args = await lensAt(trusted.client, trusted.uri, 11);
    const { client, heard } = await started({ trusted: false, serverRunsSnippets: true });
    await assert.rejects(run(client, args), /trusted/);
    assert.equal(existsSync(path.join(notes.root, 'ran.txt')), false);
    assert.equal(heard.messages[0]?.type, 1);
    assert.match(heard.messages[0].message, /trusted/);
  });

  it('refuses, running nothing, a block that changed or vanished since its lens was drawn', async () => {
    const { client, heard, uri } = await started({ trusted: true, serverRunsSnippets: true });
    const args = await lensAt(client, uri, 11);
    const edit = async (text: string, version: number) =>
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });

    await edit(NOTE.replace('touch ran.txt', 'touch ran.txt other.txt'), 2);
    await assert.rejects(run(client, args), /changed since its ▶ Run lens was drawn; nothing was run/);
    await edit(NOTE.replace('```bash {cwd=.}\ntouch ran.txt\n```\n', ''), 3);
    await assert.rejects(run(client, args), /no longer there; nothing was run/);
    assert.equal(existsSync(path.join(notes.root, 'ran.txt')), false);
    assert.deepEqual(
      heard.messages.map((message) => message.type),
      [1, 1],
    );

    // Once the block reads as the lens showed it again, the lens runs it.
    await edit(NOTE, 4);
    assert.equal((await run(client, args)).exitCode, 0);
    assert.equal(existsSync(path.join(notes.root, 'ran.txt')), true);
  });

  it('follows a named block that edits moved off its line', async () => {
    const { client, uri } = await started({ trusted: true, serverRunsSnippets: true });
    const args = await lensAt(client, uri, 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: `Intro.\n\n${NOTE}` }],
    });
    const result = await run(client, args);
    assert.equal(result.label, 'runs.md:5 (hello)');
    assert.equal(result.summary, 'hello');
  });

  it('asks before a block with lines that need care, and runs nothing on a no', async () => {
    const risky = '# Risky\n\n```bash {cwd=.}\nrm -rf gone && touch ran.txt\n```\n';
    const { client, heard } = await started({ trusted: true, serverRunsSnippets: true }, {}, 'Cancel');
    const uri = await client.open('risky.md', risky);
    await assert.rejects(run(client, await lensAt(client, uri, 2)), /not run/);
    assert.equal(heard.questions.length, 1);
    assert.match(heard.questions[0], /rm -rf gone && touch ran\.txt — deletes recursively/);
    assert.equal(existsSync(path.join(notes.root, 'ran.txt')), false);
  });
});
