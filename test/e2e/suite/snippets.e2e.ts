// Runnable snippets in a real VS Code: lenses over shell blocks, a run whose outcome shows on its
// lens, Stop, the output block a note keeps, and, in Restricted Mode, no lenses and refusals.
// Which suite exists depends on the window's trust (MARGINALIA_E2E_TRUST, set by the launcher), so
// `npm run test:e2e` and `npm run test:e2e:restricted` each run only the tests meant for them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { noteUri, openNote, poll } from './helpers';

const RUNS_NOTE = 'snippet-runs.md';
const OUTPUT_NOTE = 'snippet-output.md';
const HONEST_NOTE = 'snippet-honest.md';
const restricted = process.env.MARGINALIA_E2E_TRUST === 'restricted';

/** The zero-based line of the opening fence whose info string contains `name=<name>`. */
function fenceLine(doc: vscode.TextDocument, name: string): number {
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    if (/^\s*(```|~~~)/.test(text) && new RegExp(`\\bname=${name}\\b`).test(text)) return line;
  }
  throw new Error(`no block named ${name} in ${doc.uri.path}`);
}

async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
}

/** Lens titles on one line, e.g. ['✓ exit 0 · 0.1 s', '▶ Run', 'Run in terminal', 'Copy']. */
async function titlesOn(doc: vscode.TextDocument, line: number): Promise<string[]> {
  return (await lensesOf(doc)).filter((lens) => lens.range.start.line === line).map((lens) => lens.command?.title ?? '');
}

/** Waits until a line's lens titles satisfy `check`, and returns them. */
function titlesWhen(
  doc: vscode.TextDocument,
  line: number,
  what: string,
  check: (titles: string[]) => boolean,
  timeoutMs = 20_000,
): Promise<string[]> {
  return poll(
    what,
    async () => {
      const titles = await titlesOn(doc, line);
      if (!check(titles)) throw new Error(`lenses on line ${line + 1}: ${JSON.stringify(titles)}`);
      return titles;
    },
    timeoutMs,
  );
}

interface RunReply {
  outcome?: string;
  exitCode?: number | null;
  summary?: string;
  succeeded?: boolean;
  refused?: string;
  message?: string;
}

if (!restricted) {
  suite('snippets: run lenses and results in a trusted window', () => {
    test('code lenses appear over the shell blocks of a note', async () => {
      const doc = await openNote(RUNS_NOTE);
      const runLines = await poll(
        'the ▶ Run lenses',
        async () => {
          const lines = (await lensesOf(doc))
            .filter((lens) => lens.command?.command === 'marginalia.runSnippet')
            .map((lens) => lens.range.start.line);
          if (lines.length < 4) throw new Error(`run lenses on lines ${JSON.stringify(lines)}`);
          return lines;
        },
        30_000,
      );
      const consoleLine = doc
        .getText()
        .split('\n')
        .findIndex((text) => text.startsWith('```console'));
      assert.deepEqual(runLines, [fenceLine(doc, 'hello'), fenceLine(doc, 'slow'), consoleLine, fenceLine(doc, 'marker')]);
      const titles = await titlesOn(doc, fenceLine(doc, 'hello'));
      assert.deepEqual(titles, ['▶ Run', 'Run in terminal', 'Copy', 'Run all snippets in this note']);
    });

    test('running a trivial snippet shows ✓ exit 0 on its lens', async () => {
      const doc = await openNote(RUNS_NOTE);
      const line = fenceLine(doc, 'hello');
      const reply = await vscode.commands.executeCommand<RunReply>('marginalia.runSnippet', {
        uri: doc.uri.toString(),
        line,
        name: 'hello',
      });
      assert.match(reply.outcome ?? '', /^✓ exit 0 · \d+\.\d s$/, JSON.stringify(reply));
      assert.equal(reply.summary, 'hello from marginalia');
      const titles = await titlesWhen(doc, line, 'the outcome on the lens', (t) => /^✓ exit 0 · /.test(t[0] ?? ''));
      assert.equal(titles[1], '▶ Run', 'the Run lens stays, to run again');
    });

    test('■ Stop shows while a snippet runs, and stops it', async () => {
      const doc = await openNote(RUNS_NOTE);
      const line = fenceLine(doc, 'slow');
      const running = vscode.commands.executeCommand<RunReply>('marginalia.runSnippet', { uri: doc.uri.toString(), line });
      const titles = await titlesWhen(doc, line, 'the Stop lens', (t) => t[0] === '■ Stop');
      assert.match(titles[1], /^running · \d+ s$/);
      const stopped = await vscode.commands.executeCommand<number>('marginalia.stopSnippet', { uri: doc.uri.toString(), line });
      assert.equal(stopped, 1);
      const reply = await running;
      assert.match(reply.outcome ?? '', /^■ stopped · /, JSON.stringify(reply));
      await titlesWhen(doc, line, 'the stopped outcome on the lens', (t) => /^■ stopped · /.test(t[0] ?? '') && t[1] === '▶ Run');
    });

    test('Insert Snippet Output puts the output under the snippet, and refreshes it in place', async () => {
      const doc = await openNote(OUTPUT_NOTE);
      const line = fenceLine(doc, 'keep');
      try {
        assert.equal(
          await vscode.commands.executeCommand<boolean>('marginalia.insertSnippetOutput', { uri: doc.uri.toString(), line }),
          true,
        );
        const once = doc.getText();
        assert.match(once, /```sh \{name=keep\}\necho "kept in the note"\n```\n\n```output\nkept in the note\n```\n\nThe end\./);
        assert.equal(
          await vscode.commands.executeCommand<boolean>('marginalia.insertSnippetOutput', { uri: doc.uri.toString(), line }),
          true,
        );
        assert.equal(doc.getText(), once, 'a second insert replaces the block instead of adding one');
      } finally {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });

    test('after a Backspace on the blank line under a snippet, its output still goes under the closing fence', async () => {
      const doc = await openNote(OUTPUT_NOTE);
      const line = fenceLine(doc, 'keep');
      const args = { uri: doc.uri.toString(), line };
      try {
        const reply = await vscode.commands.executeCommand<RunReply>('marginalia.runSnippet', args);
        assert.equal(reply.exitCode, 0, JSON.stringify(reply));
        const editor = await vscode.window.showTextDocument(doc);
        const blank = line + 3;
        assert.equal(doc.lineAt(blank).text, '', 'the blank line under the closing fence');
        editor.selection = new vscode.Selection(blank, 0, blank, 0);
        await vscode.commands.executeCommand('deleteLeft');
        assert.match(doc.getText(), /echo "kept in the note"\n```\nThe end\./);
        assert.equal(await vscode.commands.executeCommand<boolean>('marginalia.insertSnippetOutput', args), true);
        assert.match(doc.getText(), /```sh \{name=keep\}\necho "kept in the note"\n```\n\n```output\nkept in the note\n```\nThe end\./);
      } finally {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });

    test('Insert Snippet Output refuses when the snippet changed since it ran, and leaves the note alone', async () => {
      const doc = await openNote(OUTPUT_NOTE);
      const line = fenceLine(doc, 'keep');
      const args = { uri: doc.uri.toString(), line };
      try {
        const reply = await vscode.commands.executeCommand<RunReply>('marginalia.runSnippet', args);
        assert.equal(reply.exitCode, 0, JSON.stringify(reply));
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, doc.lineAt(line + 1).range, 'echo "something else"');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const edited = doc.getText();
        assert.equal(await vscode.commands.executeCommand<boolean>('marginalia.insertSnippetOutput', args), false);
        assert.equal(doc.getText(), edited, 'no output of other commands under the block');
      } finally {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });

    test('a failing first line makes the run ✗, although the last line succeeds', async () => {
      const doc = await openNote(HONEST_NOTE);
      const line = fenceLine(doc, 'fails-first');
      const reply = await vscode.commands.executeCommand<RunReply>('marginalia.runSnippet', { uri: doc.uri.toString(), line });
      assert.equal(reply.succeeded, false, JSON.stringify(reply));
      assert.match(reply.outcome ?? '', /^✗ exit 127 · /, JSON.stringify(reply));
      await titlesWhen(doc, line, 'the failure on the lens', (t) => /^✗ exit 127 · /.test(t[0] ?? ''));
    });

    test('a console block runs only its $ lines', async () => {
      const doc = await openNote(RUNS_NOTE);
      const line = doc
        .getText()
        .split('\n')
        .findIndex((text) => text.startsWith('```console'));
      const reply = await vscode.commands.executeCommand<RunReply>('marginalia.runSnippet', { uri: doc.uri.toString(), line });
      assert.equal(reply.exitCode, 0, JSON.stringify(reply));
      assert.equal(reply.summary, 'from a console block');
      await titlesWhen(doc, line, 'the outcome on the lens', (t) => /^✓ exit 0 · /.test(t[0] ?? ''));
    });
  });
}

if (restricted) {
  suite('snippets in Restricted Mode', () => {
    test('the window is in Restricted Mode', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    test('each runnable block gets one lens, "Trust this folder to run snippets", that opens the trust dialog', async () => {
      const doc = await openNote(RUNS_NOTE);
      // The server is up once it answers for this note; only then does "no lenses" mean anything.
      await poll(
        'the outline of the note',
        async () => {
          const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
          return symbols && symbols.length > 0 ? symbols : undefined;
        },
        30_000,
      );
      const lenses = await poll(
        'the trust lenses',
        async () => {
          const all = await lensesOf(doc);
          if (all.length < 4) throw new Error(`lenses: ${JSON.stringify(all.map((lens) => lens.command?.title))}`);
          return all;
        },
        30_000,
      );
      const consoleLine = doc
        .getText()
        .split('\n')
        .findIndex((text) => text.startsWith('```console'));
      assert.deepEqual(
        lenses.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.command]),
        [fenceLine(doc, 'hello'), fenceLine(doc, 'slow'), consoleLine, fenceLine(doc, 'marker')].map((line) => [
          line,
          'Trust this folder to run snippets',
          'workbench.trust.manage',
        ]),
      );
    });

    test('marginalia.runSnippet, called directly, refuses and runs nothing', async () => {
      const doc = await openNote(RUNS_NOTE);
      const line = fenceLine(doc, 'marker');
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('marginalia.runSnippet'), 'the command exists (the refusal is not a missing command)');
      const reply = await vscode.commands.executeCommand<RunReply>('marginalia.runSnippet', {
        uri: doc.uri.toString(),
        line,
        name: 'marker',
      });
      assert.equal(reply.refused, 'untrusted', JSON.stringify(reply));
      assert.match(reply.message ?? '', /trusted workspace/);
      for (const command of ['marginalia.runAllSnippets', 'marginalia.runSnippetInTerminal']) {
        const other = await vscode.commands.executeCommand<RunReply>(command, { uri: doc.uri.toString(), line });
        assert.equal(other?.refused, 'untrusted', `${command}: ${JSON.stringify(other)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const marker = vscode.Uri.joinPath(noteUri(RUNS_NOTE), '..', 'restricted-mode-marker.txt');
      assert.equal(fs.existsSync(marker.fsPath), false, 'the snippet did not run');
    });
  });
}
