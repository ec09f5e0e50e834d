// "Link this mention" over stdio: the actions on a plain-text name inside Chinese text, beside the dead-link
// quick fixes of the same request, and versioned for an editor that takes versioned edits.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const PLAN = '# 计划\n\n利用Gemmini平台探索不同的DNN加速器架构，见[旧笔记](old.md)。\n\nGemmini 的阵列大小可配。\n';
/** Inside `Gemmini` of `利用Gemmini平台…`, line 3 of plan.md. */
const IN_GEMMINI = { line: 2, character: 4 };

describe('link this mention, over stdio', function () {
  this.timeout(60_000);
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-mention-links-'));
    mkdirSync(path.join(root, 'hw'));
    writeFileSync(path.join(root, 'hw', 'gemmini.md'), '## 加速器\n\n- Gemmini: https://github.com/ucb-bar/gemmini 脉动阵列生成器\n');
    writeFileSync(path.join(root, 'plan.md'), PLAN);
    client = await LspTestClient.start(root, {}, {}, { versionedEdits: true });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  const codeActions = (uri: string, only?: string[], diagnostics: Diagnostic[] = []) =>
    client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: IN_GEMMINI, end: IN_GEMMINI },
      context: { diagnostics, ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;

  it('is advertised as a code action kind of its own, beside the link quick fixes', () => {
    const { codeActionKinds } = client.capabilities.codeActionProvider as { codeActionKinds: string[] };
    assert.ok(codeActionKinds.includes('refactor.rewrite.marginalia.linkMention'), codeActionKinds.join());
    assert.ok(codeActionKinds.includes('quickfix'), codeActionKinds.join());
  });

  it('offers the repository link first, then the note, then all mentions, as edits of the version on screen', async () => {
    const uri = await client.open('plan.md', PLAN, 7);
    const actions = await codeActions(uri);
    const linking = actions.filter((action) => action.kind === 'refactor.rewrite.marginalia.linkMention');
    assert.deepEqual(
      linking.map((action) => [action.title, action.isPreferred ?? false]),
      [
        ['Link “Gemmini” to its repository (github.com/ucb-bar/gemmini)', true],
        ['Link “Gemmini” to its note (hw/gemmini.md#加速器)', false],
        ['Link all 2 mentions of “Gemmini” in this note to its repository (github.com/ucb-bar/gemmini)', false],
      ],
    );
    assert.deepEqual(linking[0].edit?.documentChanges, [
      {
        textDocument: { uri, version: 7 },
        edits: [
          {
            range: { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } },
            newText: '[Gemmini](https://github.com/ucb-bar/gemmini)',
          },
        ],
      },
    ]);
  });

  it("answers beside the dead link's quick fixes in one request, and not when only quick fixes are asked for", async () => {
    const uri = client.uri('plan.md');
    const dead = await waitForDiagnostic(uri, 'link.file-not-found');
    const titles = (await codeActions(uri, undefined, [dead])).map((action) => action.title);
    assert.ok(
      titles.some((title) => title.startsWith('Link “Gemmini”')),
      titles.join('\n'),
    );
    assert.ok(
      titles.some((title) => /old\.md/.test(title)),
      titles.join('\n'),
    );
    const quickFixesOnly = (await codeActions(uri, ['quickfix'], [dead])).map((action) => action.title);
    assert.ok(!quickFixesOnly.some((title) => title.startsWith('Link')), quickFixesOnly.join('\n'));
    const refactorsOnly = (await codeActions(uri, ['refactor'])).map((action) => action.title);
    assert.equal(refactorsOnly.length, 3, refactorsOnly.join('\n'));
  });

  async function waitForDiagnostic(uri: string, code: string): Promise<Diagnostic> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = client.diagnostics.get(uri)?.diagnostics.find((diagnostic) => diagnostic.code === code);
      if (found) return found;
      if (Date.now() > deadline) assert.fail(`no ${code} diagnostic on ${uri}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});
