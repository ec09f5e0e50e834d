import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { CACHE_FILE_NAME } from '../../server/src/features/links/external';
import { startTestServer, type TestServer } from '../unit/features/links/external/test-server';
import { applyEdits } from '../unit/features/links/helpers';
import { LspTestClient, withTimeout } from './lspClient';

/** Notes that exercise every local check, written into a scratch folder. */
const NOTES: Record<string, string> = {
  'other.md': '# Other\n\n## Details\n',
  'assets/kept.png': 'png',
  'refs.md': '# Refs\n\n![image](assets/fig.png) [dead](gone.md) [other](other.md#details) ![kept](assets/kept.png)\n',
  'links.md': [
    '# Links',
    '',
    '[dead](gone.md) [anchor](other.md#nope) [ok](other.md#details) ![image](assets/fig.png)',
    '',
    '[empty]() and [site](www.example.com/page) and [bad](<https://exa mple.com/>)',
    '',
    'See [the guide][guide], [x][used] and [[Nowhere]].',
    '',
    '[used]: https://example.com/used',
    '[used]: https://example.com/again',
    '[spare]: https://example.com/spare',
    '',
  ].join('\n'),
};

/** A scratch notes folder with these files; tests may add and delete files in it. */
function scratchFolder(notes: Record<string, string>): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-links-'));
  for (const [file, text] of Object.entries(notes)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function codesIn(client: LspTestClient, file: string): string[] | undefined {
  return client.diagnostics.get(client.uri(file))?.diagnostics.map((diagnostic) => String(diagnostic.code));
}

/** Waits until the published diagnostics of a note satisfy the check. */
function diagnosticsWhere(client: LspTestClient, file: string, check: (codes: string[]) => boolean, what: string): Promise<Diagnostic[]> {
  return eventually(
    () => {
      const published = client.diagnostics.get(client.uri(file));
      return published && check(published.diagnostics.map((diagnostic) => String(diagnostic.code))) ? published.diagnostics : undefined;
    },
    `${what} (last: ${JSON.stringify(codesIn(client, file))})`,
  );
}

describe('dead links over the language server protocol', function () {
  this.timeout(60_000);

  describe('local checks, quick fixes and refreshes', () => {
    let scratch: ReturnType<typeof scratchFolder>;
    let client: LspTestClient;

    before(async () => {
      scratch = scratchFolder(NOTES);
      client = await LspTestClient.start(scratch.root);
    });

    after(async () => {
      const code = await client?.stop();
      scratch?.dispose();
      assert.equal(code, 0, 'the server exits cleanly');
    });

    it('advertises quick fixes, the fix-all kind and the external check command', () => {
      // Other features add kinds of their own (the mention links' refactor).
      const { codeActionKinds } = client.capabilities.codeActionProvider as { codeActionKinds: string[] };
      assert.deepEqual(
        codeActionKinds.filter((kind) => !kind.startsWith('refactor.')),
        ['quickfix', 'source.fixAll.marginalia'],
      );
      assert.deepEqual(client.capabilities.executeCommandProvider, { commands: ['marginalia.checkExternalLinks'] });
    });

    it('pushes diagnostics with every local code for a note nobody opened, on the link targets', async () => {
      const diagnostics = await diagnosticsWhere(client, 'links.md', (codes) => codes.length > 0, 'diagnostics of links.md');
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.code),
        [
          'link.file-not-found',
          'link.anchor-not-found',
          'link.file-not-found',
          'link.empty',
          'link.missing-scheme',
          'link.malformed-url',
          'link.reference-undefined',
          'link.wiki-unresolved',
          'link.reference-duplicate',
          'link.reference-unused',
        ],
      );
      assert.ok(diagnostics.every((diagnostic) => diagnostic.source === 'marginalia'));
      const [dead] = diagnostics;
      assert.equal(dead.severity, 1);
      assert.deepEqual(dead.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 14 } });
      assert.match(messageOf(dead), /gone\.md/);
      assert.equal(codesIn(client, 'other.md'), undefined, 'a note without problems gets no diagnostics');
    });

    it('offers a quick fix that, applied, clears the diagnostic', async () => {
      const uri = client.uri('links.md');
      const text = readFileSync(path.join(scratch.root, 'links.md'), 'utf8');
      const diagnostics = await diagnosticsWhere(
        client,
        'links.md',
        (codes) => codes.includes('link.missing-scheme'),
        'the missing scheme',
      );
      const missingScheme = diagnostics.find((diagnostic) => diagnostic.code === 'link.missing-scheme')!;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: missingScheme.range,
        context: { diagnostics: [missingScheme] },
      })) as CodeAction[];
      const fix = actions.find((action) => action.isPreferred);
      assert.ok(fix, actions.map((action) => action.title).join(' | '));
      assert.equal(fix.kind, 'quickfix');
      assert.deepEqual(fix.diagnostics, [missingScheme]);
      assert.ok(actions.some((action) => action.command?.command === 'marginalia.links.ignoreTarget'));
      const edited = applyEdits(text, fix.edit!.changes![uri] as TextEdit[]);
      assert.match(edited, /\[site\]\(https:\/\/www\.example\.com\/page\)/);
      await client.open('links.md', edited);
      await diagnosticsWhere(
        client,
        'links.md',
        (codes) => !codes.includes('link.missing-scheme') && codes.includes('link.empty'),
        'the fixed note re-checked',
      );
    });

    it('answers source.fixAll with the safe fixes of the whole note', async () => {
      const uri = client.uri('links.md');
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.deepEqual(
        actions.map((action) => action.kind),
        ['source.fixAll.marginalia'],
      );
      const edits = actions[0].edit!.changes![uri];
      assert.deepEqual(
        edits.map((edit) => edit.newText),
        [''],
        'deletes the duplicate definition',
      );
    });

    it('re-checks the notes linking to a file when it is created, and when a note is deleted', async () => {
      await diagnosticsWhere(client, 'refs.md', (codes) => codes.length === 2, 'the image and gone.md reported');
      writeFileSync(path.join(scratch.root, 'assets', 'fig.png'), 'png');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: client.uri('assets/fig.png'), type: 1 }],
      });
      const imageFound = await diagnosticsWhere(client, 'refs.md', (codes) => codes.length === 1, 'the image to be found');
      assert.match(messageOf(imageFound[0]), /gone\.md/);

      writeFileSync(path.join(scratch.root, 'gone.md'), '# Back\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('gone.md'), type: 1 }] });
      await diagnosticsWhere(client, 'refs.md', (codes) => codes.length === 0, 'gone.md to be found');

      unlinkSync(path.join(scratch.root, 'other.md'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('other.md'), type: 3 }] });
      const otherGone = await diagnosticsWhere(client, 'refs.md', (codes) => codes.length === 1, 'other.md to be missing');
      assert.equal(otherGone[0].code, 'link.file-not-found');
      assert.match(messageOf(otherGone[0]), /other\.md/);
    });
  });

  describe('quick fixes for an editor that takes versioned edits', () => {
    let scratch: ReturnType<typeof scratchFolder>;
    let client: LspTestClient;

    before(async () => {
      scratch = scratchFolder({ 'course.md': 'See [course](www.coursera.org/learn/x)\n' });
      client = await LspTestClient.start(scratch.root, {}, {}, { versionedEdits: true });
    });

    after(async () => {
      await client?.stop();
      scratch?.dispose();
    });

    async function preferredFix(uri: string): Promise<CodeAction> {
      const diagnostics = await diagnosticsWhere(
        client,
        'course.md',
        (codes) => codes.includes('link.missing-scheme'),
        'the missing scheme',
      );
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostics[0].range,
        context: { diagnostics },
      })) as CodeAction[];
      const fix = actions.find((action) => action.isPreferred);
      assert.ok(fix, JSON.stringify(actions));
      return fix;
    }

    it('names the document version each fix was made for, so an editor whose text moved on refuses it', async () => {
      const uri = await client.open('course.md', 'See [course](www.coursera.org/learn/x)\n', 1);
      const first = await preferredFix(uri);
      assert.equal(first.edit?.changes, undefined, 'no unversioned edits');
      assert.deepEqual(first.edit?.documentChanges, [
        {
          textDocument: { uri, version: 1 },
          edits: [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 13 } }, newText: 'https://' }],
        },
      ]);

      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Also: ' }],
      });
      await diagnosticsWhere(
        client,
        'course.md',
        () => client.diagnostics.get(uri)?.diagnostics[0]?.range.start.character === 19,
        'the moved diagnostic',
      );
      const second = await preferredFix(uri);
      const [change] = second.edit!.documentChanges as Array<{ textDocument: { version: number }; edits: TextEdit[] }>;
      assert.equal(change.textDocument.version, 2, 'the fix made before the edit named version 1, which the editor no longer holds');
      assert.equal(
        applyEdits('Also: See [course](www.coursera.org/learn/x)\n', change.edits),
        'Also: See [course](https://www.coursera.org/learn/x)\n',
      );
    });
  });

  describe('external checks', () => {
    let server: TestServer;
    let scratch: ReturnType<typeof scratchFolder>;
    let storage: string;

    before(async () => {
      server = await startTestServer();
      scratch = scratchFolder({
        'web.md': `# Web\n\n[ok](${server.origin}/ok)\n[dead](${server.origin}/missing)\n[wall](${server.origin}/forbidden)\n`,
      });
      storage = mkdtempSync(path.join(os.tmpdir(), 'marginalia-storage-'));
    });

    after(async () => {
      await server.close();
      scratch.dispose();
      rmSync(storage, { recursive: true, force: true });
    });

    it('checks every http(s) link on command, publishes link.external-* diagnostics and caches in storagePath', async () => {
      const client = await LspTestClient.start(
        scratch.root,
        { trusted: true, storagePath: storage },
        { links: { external: { allowList: ['127.0.0.1'] } } },
      );
      try {
        const request = client.connection.sendRequest('workspace/executeCommand', {
          command: 'marginalia.checkExternalLinks',
          arguments: [],
        });
        const summary = (await withTimeout(request, 20_000, 'the check did not answer')) as {
          checked: number;
          dead: number;
          unverified: number;
          message: string;
        };
        assert.deepEqual([summary.checked, summary.dead, summary.unverified], [3, 1, 1]);
        assert.match(summary.message, /Checked 3 external links: 1 dead, 1 could not be verified/);
        const diagnostics = await diagnosticsWhere(client, 'web.md', (codes) => codes.length === 2, 'external diagnostics');
        assert.deepEqual(
          diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.code]),
          [
            [3, 'link.external-dead'],
            [4, 'link.external-unverified'],
          ],
        );
        assert.ok(existsSync(path.join(storage, CACHE_FILE_NAME)), 'results are cached in the client-given storage folder');
      } finally {
        await client.stop();
      }
    });

    it('refuses in an untrusted workspace and sends no request at all', async () => {
      const before = server.requests.length;
      const client = await LspTestClient.start(
        scratch.root,
        { trusted: false, storagePath: storage },
        { links: { external: { enabled: true, allowList: ['127.0.0.1'] } } },
      );
      try {
        const summary = (await client.connection.sendRequest('workspace/executeCommand', {
          command: 'marginalia.checkExternalLinks',
          arguments: [],
        })) as { checked: number; message: string };
        assert.equal(summary.checked, 0);
        assert.match(summary.message, /trusted/);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        assert.equal(server.requests.length, before);
        assert.equal(codesIn(client, 'web.md'), undefined);
      } finally {
        await client.stop();
      }
    });

    it('assumes no trust: a client that does not say the workspace is trusted gets no web requests', async () => {
      const before = server.requests.length;
      const client = await LspTestClient.start(
        scratch.root,
        { storagePath: storage },
        { links: { external: { enabled: true, allowList: ['127.0.0.1'] } } },
      );
      try {
        const summary = (await client.connection.sendRequest('workspace/executeCommand', {
          command: 'marginalia.checkExternalLinks',
          arguments: [],
        })) as { checked: number; message: string };
        assert.equal(summary.checked, 0);
        assert.match(summary.message, /trusted/);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        assert.equal(server.requests.length, before, 'neither the command nor the automatic check sent a request');
      } finally {
        await client.stop();
      }
    });

    describe('results of a client that gives no storage folder', () => {
      /** A cache file another user could have planted: the live /ok link recorded as dead. */
      function plantCache(dir: string): string {
        const okUrl = `${server.origin}/ok`;
        const entry = {
          url: okUrl,
          status: 'dead',
          reason: 'not-found',
          code: 'link.external-dead',
          httpStatus: 404,
          message: 'planted',
          finalUrl: okUrl,
          redirects: 0,
          checkedAt: Date.now(),
        };
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, CACHE_FILE_NAME);
        writeFileSync(file, JSON.stringify({ version: 1, entries: { [okUrl]: entry } }));
        return file;
      }

      /** Starts a trusted client without storagePath, with these environment variables for the server. */
      async function startWith(environment: Record<string, string>): Promise<LspTestClient> {
        const saved = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
        Object.assign(process.env, environment);
        try {
          return await LspTestClient.start(scratch.root, { trusted: true }, { links: { external: { allowList: ['127.0.0.1'] } } });
        } finally {
          for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
          }
        }
      }

      async function checkCounts(client: LspTestClient): Promise<number[]> {
        const summary = (await client.connection.sendRequest('workspace/executeCommand', {
          command: 'marginalia.checkExternalLinks',
          arguments: [],
        })) as { checked: number; dead: number; unverified: number };
        return [summary.checked, summary.dead, summary.unverified];
      }

      it("are kept in the user's cache directory, created 0700, never read from shared /tmp", async () => {
        const sharedTmp = mkdtempSync(path.join(storage, 'tmp-'));
        const cacheHome = mkdtempSync(path.join(storage, 'cache-home-'));
        plantCache(path.join(sharedTmp, 'marginalia-cache'));
        const client = await startWith({ TMPDIR: sharedTmp, XDG_CACHE_HOME: cacheHome });
        try {
          assert.deepEqual(await checkCounts(client), [3, 1, 1], 'the live link is checked, not taken from the planted file');
          const dir = path.join(cacheHome, 'marginalia');
          assert.ok(existsSync(path.join(dir, CACHE_FILE_NAME)), 'results are kept for the next session');
          assert.equal(statSync(dir).mode & 0o777, 0o700);
        } finally {
          await client.stop();
        }
      });

      it('stay in memory when the cache directory is a symbolic link, which another user could have planted', async () => {
        const elsewhere = mkdtempSync(path.join(storage, 'elsewhere-'));
        const planted = plantCache(elsewhere);
        const cacheHome = mkdtempSync(path.join(storage, 'linked-home-'));
        symlinkSync(elsewhere, path.join(cacheHome, 'marginalia'));
        const client = await startWith({ XDG_CACHE_HOME: cacheHome });
        try {
          assert.deepEqual(await checkCounts(client), [3, 1, 1], 'the planted entry is not read');
          assert.match(readFileSync(planted, 'utf8'), /"planted"/, 'nothing is written through the link');
          assert.ok(
            client.logs.some((line) => /kept in memory only: .*symbolic link/.test(line)),
            client.logs.join(''),
          );
        } finally {
          await client.stop();
        }
      });
    });

    it('checks automatically when marginalia.links.external.enabled is on in a trusted workspace', async () => {
      const client = await LspTestClient.start(
        scratch.root,
        { trusted: true, storagePath: mkdtempSync(path.join(storage, 'auto-')) },
        { links: { external: { enabled: true, allowList: ['127.0.0.1'] } } },
      );
      try {
        await diagnosticsWhere(client, 'web.md', (codes) => codes.includes('link.external-dead'), 'automatic external diagnostics');
      } finally {
        await client.stop();
      }
    });
  });
});
