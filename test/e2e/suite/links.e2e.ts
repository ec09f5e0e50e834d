// Dead links as a user meets them: diagnostics in the Problems data, and a quick fix applied in the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { noteUri, openNote, poll } from './helpers';

const WEEKLY = '003_60d5967b76ad9911.md';
const LEARN_AI = '004_e64108ec665da56c.md';

/** Marginalia's diagnostics of a note (VS Code's own Markdown validation uses the same codes, with source `markdown`). */
function linkProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source !== 'markdown' && String(codeOf(diagnostic)).startsWith('link.'));
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

suite('dead links', () => {
  test('appear in the Problems data with their codes, on the seed notes (004: a missing image and four empty links)', async () => {
    const uri = noteUri(LEARN_AI);
    const problems = await poll(`link diagnostics for ${LEARN_AI}`, () => {
      const found = linkProblems(uri);
      return found.length >= 6 ? found : undefined;
    });
    const summary = problems.map((diagnostic) => `${diagnostic.range.start.line + 1} ${codeOf(diagnostic)}`).sort();
    assert.deepEqual(
      summary,
      ['232 link.file-not-found', '3 link.empty', '4 link.empty', '5 link.empty', '6 link.empty', '67 link.file-not-found'].sort(),
    );
    const image = problems.find((diagnostic) => diagnostic.range.start.line === 66);
    assert.equal(image?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(image?.message ?? '', /learn-AI\.assets\/light-cuda-toolkit\.svg/);
  });

  test('a quick fix adds https:// to a pasted web address, and the problem goes away (003 line 36)', async () => {
    const doc = await openNote(WEEKLY);
    const missing = await poll('the missing-scheme diagnostic', () =>
      linkProblems(doc.uri).find((diagnostic) => codeOf(diagnostic) === 'link.missing-scheme'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = (actions ?? []).find((action) => /https:\/\//.test(action.title));
    assert.ok(fix?.edit, `a fix adding https:// among: ${(actions ?? []).map((action) => action.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(35).text, /\]\(https:\/\/www\.coursera\.org\/learn\/algorithmic-toolbox\)/);
    await poll('the missing-scheme diagnostic to clear', () =>
      linkProblems(doc.uri).some((diagnostic) => codeOf(diagnostic) === 'link.missing-scheme') ? undefined : true,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
