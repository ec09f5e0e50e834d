// Runs snippets for the editor: the commands behind the lenses, with the plain-Node engine from
// common/runner running in the extension host. The server describes lenses and sends the note's
// shell blocks as data (marginalia/runnables), so nothing here parses Markdown; the state of
// runs lives here, and reaches the lenses through the language client's provideCodeLenses middleware,
// which rewrites titles from this state. When the state changes, the client's own code-lens provider
// is told to ask again (its change event), so no round trip through the server is needed to
// trigger a redraw, and the server stays unaware of runs.
// Over 400 lines on purpose: the commands, the lens middleware and the render timer all read and change
// one run store, and keeping them in one class keeps that state changed in one place.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CodeLensRequest, type LanguageClient } from 'vscode-languageclient/node';
import { SNIPPET_COMMANDS } from '../../../common/protocol';
import {
  defaultShellFor,
  killAllRuns,
  killAllRunsNow,
  runInOrder,
  RunSession,
  succeeded,
  type Execution,
  type RunPlan,
  type RunPreview,
} from '../../../common/runner';
import { lensesWithRunState, SHOW_RUN_OUTPUT_COMMAND, trustLenses, type LensData } from './lensState';
import { outputBlockEdit } from './outputText';
import { RunPresentation } from './presentation';
import { questionKey, runQuestion } from './runQuestion';
import { outputRefusal, RunStore, type RunRecord } from './runStore';
import { readSnippetSettings, snippetEnvironment, type SnippetSettings } from './settings';
import { l10n } from '../l10n';
import { labelOf, lensArgs, noteName, requestRunnables, resolveTarget, runnablesOf, targetDocument, type SnippetTarget } from './targets';

/** What a run command resolves to: handy for whoever calls it (tests, other commands). */
export type RunReply =
  | { outcome: string; exitCode: number | null; summary: string; succeeded: boolean; cwd?: string; error?: string }
  | { refused: 'untrusted' | 'no-snippet' | 'running' | 'not-run'; message: string };

/** Redraws at most this often while output streams. */
const RENDER_THROTTLE_MS = 250;
/** The elapsed time on the lens counts whole seconds. */
const TICK_MS = 1000;

export class SnippetRunController implements vscode.Disposable {
  private readonly store = new RunStore();
  private readonly view = new RunPresentation();
  private readonly terminals = new Map<string, vscode.Terminal>();
  /** Runs the user has said yes to in this session (see questionKey), so the same block is asked about once. */
  private readonly answeredYes = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private ticker: NodeJS.Timeout | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  private readonly killOnExit = () => killAllRunsNow();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.registerCommands();
    this.hookCodeLenses();
    this.disposables.push(
      this.view,
      vscode.workspace.onDidChangeTextDocument((event) => this.followEdits(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.store.forget(document.uri.toString())),
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
      vscode.window.onDidCloseTerminal((terminal) => {
        for (const [key, known] of this.terminals) if (known === terminal) this.terminals.delete(key);
      }),
    );
    // If the extension host goes down without deactivating, no snippet may outlive it.
    process.on('exit', this.killOnExit);
  }

  /** Stops every run and waits until their process trees are gone (extension deactivation). */
  async stopAll(): Promise<void> {
    await killAllRuns();
  }

  dispose(): void {
    clearInterval(this.ticker);
    clearTimeout(this.renderTimer);
    process.off('exit', this.killOnExit);
    killAllRunsNow();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private registerCommands(): void {
    const register = (id: string, handler: (...args: unknown[]) => unknown) =>
      this.disposables.push(vscode.commands.registerCommand(id, handler));
    register(SNIPPET_COMMANDS.run, (args) => this.runSnippet(args));
    register(SNIPPET_COMMANDS.runInTerminal, (args) => this.runInTerminal(args));
    register(SNIPPET_COMMANDS.copy, (args) => this.copySnippet(args));
    register(SNIPPET_COMMANDS.runAll, (args) => this.runAllSnippets(args));
    register(SNIPPET_COMMANDS.stop, (args) => this.stopSnippet(args));
    register(SNIPPET_COMMANDS.insertOutput, (args) => this.insertOutput(args));
    register(SHOW_RUN_OUTPUT_COMMAND, () => this.view.channel.show(true));
  }

  // ---- trust -----------------------------------------------------------------------------

  /**
   * Snippets are arbitrary commands from files in the workspace: in Restricted Mode nothing runs,
   * whether from a lens (there are none) or a direct call of the command.
   */
  private refuseUntrusted(): RunReply | undefined {
    if (vscode.workspace.isTrusted) return undefined;
    const message = l10n.t('Marginalia runs snippets only in a trusted workspace. This folder is open in Restricted Mode.');
    void vscode.window.showErrorMessage(message, l10n.t('Manage Workspace Trust')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return { refused: 'untrusted', message };
  }

  // ---- commands --------------------------------------------------------------------------

  async runSnippet(args: unknown): Promise<RunReply> {
    const refusal = this.refuseUntrusted();
    if (refusal) return refusal;
    const target = await resolveTarget(this.client, args);
    if (!target) return { refused: 'no-snippet', message: 'no snippet at that place' };
    return this.run(target);
  }

  /** Runs the note's snippets in order and stops at the first that does not succeed. */
  async runAllSnippets(args: unknown): Promise<{ ran: number; total: number; replies: RunReply[] } | RunReply> {
    const refusal = this.refuseUntrusted();
    if (refusal) return refusal;
    const document = await targetDocument(lensArgs(args));
    if (!document) return { refused: 'no-snippet', message: 'no note' };
    const blocks = await runnablesOf(this.client, document);
    if (!blocks) return { refused: 'no-snippet', message: 'the language server did not answer' };
    const runnable = blocks.filter((block) => block.hasCommands);
    if (runnable.length === 0) {
      void vscode.window.showInformationMessage(l10n.t('Marginalia: {0} has no snippets to run.', noteName(document)));
      return { refused: 'no-snippet', message: 'no snippets in this note' };
    }
    const { results: replies, stoppedAt } = await runInOrder(
      runnable,
      (block) => this.run({ document, block }),
      (reply) => 'succeeded' in reply && reply.succeeded,
    );
    const ok = stoppedAt === undefined;
    vscode.window.setStatusBarMessage(
      ok
        ? `$(pass) ${l10n.t('Marginalia: all {0} snippets of {1} succeeded', runnable.length, noteName(document))}`
        : `$(error) ${l10n.t('Marginalia: stopped after {0} of {1} snippets', replies.length, runnable.length)}`,
      5000,
    );
    return { ran: replies.length, total: runnable.length, replies };
  }

  /** Stops the run a lens names; without one, the runs of the active note, else every run. */
  stopSnippet(args: unknown): number {
    const { uri, line } = lensArgs(args);
    let records: RunRecord[];
    if (uri !== undefined && line !== undefined) records = [this.store.get(uri, line)].filter((r): r is RunRecord => r !== undefined);
    else {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      const ofNote = this.store.running().filter((record) => record.uri === (uri ?? active));
      records = ofNote.length > 0 ? ofNote : this.store.running();
    }
    const running = records.filter((record) => !record.execution);
    for (const record of running) record.abort.abort();
    return running.length;
  }

  private async copySnippet(args: unknown): Promise<string | undefined> {
    const target = await resolveTarget(this.client, args);
    if (!target) return undefined;
    const plan = target.block.plan;
    await vscode.env.clipboard.writeText(plan.script);
    const lines = plan.script.split('\n').length;
    vscode.window.setStatusBarMessage(
      `$(clippy) ${
        lines === 1
          ? l10n.t('Copied 1 line from {0}', labelOf(target.document, target.block))
          : l10n.t('Copied {0} lines from {1}', lines, labelOf(target.document, target.block))
      }`,
      3000,
    );
    return plan.script;
  }

  /** Sends the snippet to a terminal in its run directory, after writing its file blocks there. */
  private async runInTerminal(args: unknown): Promise<RunReply | undefined> {
    const refusal = this.refuseUntrusted();
    if (refusal) return refusal;
    const target = await resolveTarget(this.client, args);
    if (!target) return undefined;
    const settings = readSnippetSettings(target.document.uri);
    const session = this.sessionFor(target.document, settings);
    const plan = this.planFor(target, session);
    const preview = session.previewOf(plan);
    if (plan.errors.length === 0 && !(await this.askFirst(target, plan, preview)))
      return { refused: 'not-run', message: 'not run: the question was answered no' };
    const problem = plan.errors.join('\n') || session.prepareDirectory(plan);
    if (problem) {
      void vscode.window.showErrorMessage(l10n.t('Marginalia: {0}', problem));
      return { refused: 'not-run', message: problem };
    }
    const key = `${target.document.uri.toString()}#${target.block.line}`;
    let terminal = this.terminals.get(key);
    if (!terminal || terminal.exitStatus) {
      terminal = vscode.window.createTerminal({
        name: `Marginalia: ${labelOf(target.document, target.block)}`,
        cwd: preview.dir,
        shellPath: settings.shell ?? defaultShellFor(plan.lang),
        env: settings.env,
      });
      this.terminals.set(key, terminal);
    }
    terminal.show();
    terminal.sendText(plan.script, true);
    return undefined;
  }

  /** Inserts (or refreshes) a fenced `output` block under the snippet, running it first if it has no result. */
  private async insertOutput(args: unknown): Promise<boolean> {
    const target = await resolveTarget(this.client, args);
    if (!target) return false;
    const uri = target.document.uri.toString();
    let record = this.store.get(uri, target.block.line);
    if (record && !record.execution) {
      void vscode.window.showInformationMessage(l10n.t('Marginalia: the snippet is still running; insert its output when it is done.'));
      return false;
    }
    if (!record) {
      const reply = await this.runSnippet({ uri, line: target.block.line });
      if ('refused' in reply) return false;
      record = this.store.get(uri, target.block.line);
    }
    if (!record?.execution) return false;
    const blocks = await runnablesOf(this.client, target.document);
    if (!blocks) return false;
    const current = blocks.find((block) => block.line === record.line);
    const refusal = outputRefusal(record, {
      line: record.line,
      endLine: current?.endLine ?? -1,
      text: current ? linesOf(target.document, current.line, current.endLine) : '',
    });
    if (refusal) {
      void vscode.window.showWarningMessage(l10n.t('Marginalia: {0}', refusal));
      return false;
    }
    return applyOutputBlock(target.document, record.endLine, record.execution.output);
  }

  // ---- running ---------------------------------------------------------------------------

  private async run(target: SnippetTarget): Promise<RunReply> {
    const { document, block } = target;
    const uri = document.uri.toString();
    const settings = readSnippetSettings(document.uri);
    const session = this.sessionFor(document, settings);
    const plan = this.planFor(target, session);
    const preview = session.previewOf(plan);
    // The text the plan was made from: its output may go under the block only while the block still reads so.
    const blockText = linesOf(document, block.line, block.endLine);
    if (plan.errors.length === 0 && !(await this.askFirst(target, plan, preview))) {
      return { refused: 'not-run', message: `${labelOf(document, block)} was not run: the question before it was answered no` };
    }
    const record = this.store.start(uri, block.line, block.endLine, labelOf(document, block));
    if (!record) {
      const message = l10n.t('{0} is already running; ■ Stop it first.', labelOf(document, block));
      void vscode.window.showInformationMessage(l10n.t('Marginalia: {0}', message));
      return { refused: 'running', message };
    }
    record.blockText = blockText;
    this.view.started(record, preview.dir, plan);
    this.runStateChanged();
    const execution = await session.execute(plan, {
      shell: settings.shell,
      env: snippetEnvironment(settings),
      defaultTimeoutMs: settings.timeoutMs,
      maxOutputBytes: settings.maxOutputBytes,
      signal: record.abort.signal,
      // Asked (or nothing to ask): the files outside the run directory were named to the user.
      confirmed: true,
      onStart: ({ filesWritten }) => this.view.filesWritten(filesWritten),
      onOutput: (text) => {
        this.view.output(text);
        this.store.appendOutput(record, text);
        this.scheduleRender();
      },
    });
    this.store.finish(record, execution);
    this.view.finished(record);
    this.runStateChanged();
    if (execution.error !== undefined) void vscode.window.showErrorMessage(l10n.t('Marginalia: {0}', execution.error));
    return replyOf(execution);
  }

  /**
   * Before a run that does more than its block shows, asks in a modal dialog that names the files
   * and lines; a yes holds for the same block, folder and files for the rest of the session, except
   * that replacing a file of the user's outside the run directory is asked about every time.
   */
  private async askFirst(target: SnippetTarget, plan: RunPlan, preview: RunPreview): Promise<boolean> {
    const question = runQuestion(labelOf(target.document, target.block), preview, readSnippetSettings(target.document.uri).confirmRisky);
    if (!question) return true;
    const key = questionKey(target.document.uri.toString(), plan, preview);
    const replaces = !preview.scratch && preview.writes.some((write) => write.state === 'replaces');
    if (this.answeredYes.has(key) && !replaces) return true;
    const run = l10n.t('Run');
    const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, run);
    if (choice !== run) return false;
    this.answeredYes.add(key);
    return true;
  }

  /** The runs of one note, with the user's default working directory for blocks that name none. */
  private sessionFor(document: vscode.TextDocument, settings: SnippetSettings): RunSession {
    return new RunSession({
      notePath: this.notePathOf(document),
      scratchBase: this.scratchBase(),
      overrides: { defaultCwd: settings.defaultCwd },
    });
  }

  /** The block's plan as the session runs it; a relative folder needs a saved note to be relative to. */
  private planFor(target: SnippetTarget, session: RunSession): RunPlan {
    const plan = session.planOf(target.block);
    const cwd = plan.options.cwd;
    if (target.document.uri.scheme !== 'file' && cwd !== undefined && !cwd.startsWith('~') && !path.isAbsolute(cwd)) {
      plan.errors.push(`save the note first: cwd=${cwd} is relative to the note's folder`);
    }
    return plan;
  }

  /** Unsaved notes have no path; their scratch directory is keyed by their name instead. */
  private notePathOf(document: vscode.TextDocument): string {
    if (document.uri.scheme === 'file') return document.uri.fsPath;
    return path.join(this.scratchBase(), 'untitled', path.basename(document.uri.path) || 'note');
  }

  /** Per-note scratch directories live in the extension's storage, outside the notes folder. */
  private scratchBase(): string {
    return path.join((this.context.storageUri ?? this.context.globalStorageUri).fsPath, 'runs');
  }

  // ---- lenses, decorations, status ---------------------------------------------------------

  /**
   * The language client is created elsewhere; its middleware object is read on every request, so
   * the lens hook is added to it here (after any hook already there).
   */
  private hookCodeLenses(): void {
    const middleware = this.client.middleware;
    const previous = middleware.provideCodeLenses;
    middleware.provideCodeLenses = async (document, token, next) => {
      const lenses = (await (previous ? previous(document, token, next) : next(document, token))) ?? [];
      return this.withRunState(document, lenses);
    };
  }

  private async withRunState(document: vscode.TextDocument, lenses: vscode.CodeLens[]): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted) return this.restrictedModeLenses(document);
    const uri = document.uri.toString();
    if (this.store.forNote(uri).length === 0) return lenses;
    const data: LensData[] = lenses.map((lens) => ({
      line: lens.range.start.line,
      title: lens.command?.title ?? '',
      command: lens.command?.command ?? '',
      tooltip: lens.command?.tooltip,
      arguments: lens.command?.arguments,
      source: lens,
    }));
    return lensesWithRunState(data, (line) => this.store.get(uri, line), Date.now()).map(
      (lens) =>
        (lens.source as vscode.CodeLens | undefined) ??
        new vscode.CodeLens(new vscode.Range(lens.line, 0, lens.line, 0), {
          title: lens.title,
          command: lens.command,
          tooltip: lens.tooltip,
          arguments: lens.arguments,
        }),
    );
  }

  /** The server gives no run lenses in Restricted Mode; these say why, one per block, and open the trust dialog. */
  private async restrictedModeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (vscode.workspace.getConfiguration('marginalia.snippets', document.uri).get('codeLens') === false) return [];
    // Without an answer there is nothing to explain; the next request for lenses asks again.
    const blocks = await requestRunnables(this.client, document).catch(() => []);
    const lines = blocks.filter((block) => block.hasCommands).map((block) => block.line);
    return trustLenses(lines).map(
      (lens) =>
        new vscode.CodeLens(new vscode.Range(lens.line, 0, lens.line, 0), {
          title: lens.title,
          command: lens.command,
          tooltip: lens.tooltip,
          arguments: lens.arguments,
        }),
    );
  }

  /** A run started or ended: redraw now, and keep the elapsed time ticking while any run goes on. */
  private runStateChanged(): void {
    const anyRunning = this.store.running().length > 0;
    if (anyRunning && !this.ticker) this.ticker = setInterval(() => this.refreshAll(), TICK_MS);
    if (!anyRunning && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    this.refreshAll();
  }

  private refreshAll(): void {
    this.refreshLenses();
    this.render();
  }

  /** Asks the editor for the lenses of visible notes again; the middleware adds the run state. */
  private refreshLenses(): void {
    const feature = this.client.getFeature(CodeLensRequest.method);
    const seen = new Set<string>();
    for (const editor of vscode.window.visibleTextEditors) {
      const uri = editor.document.uri.toString();
      if (seen.has(uri) || this.store.forNote(uri).length === 0) continue;
      seen.add(uri);
      feature.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
    }
  }

  /** Output arrives in batches; decorations follow at most a few times a second. */
  private scheduleRender(): void {
    this.renderTimer ??= setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, RENDER_THROTTLE_MS);
  }

  private render(): void {
    const now = Date.now();
    this.view.render((uri) => this.store.forNote(uri), now);
    this.view.renderStatus(this.store.running()[0] ?? this.store.last, now);
  }

  private followEdits(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    this.store.applyEdits(
      event.document.uri.toString(),
      event.contentChanges.map((change) => ({
        startLine: change.range.start.line,
        endLine: change.range.end.line,
        endCharacter: change.range.end.character,
        insertedLineBreaks: (change.text.match(/\n/g) ?? []).length,
      })),
    );
    this.scheduleRender();
  }
}

function replyOf(execution: Execution): RunReply {
  return {
    outcome: execution.outcome,
    exitCode: execution.exitCode,
    summary: execution.summary,
    succeeded: succeeded(execution),
    cwd: execution.cwd,
    ...(execution.error !== undefined ? { error: execution.error } : {}),
  };
}

/** Lines `from` to `to` of the document, both included. */
function linesOf(document: vscode.TextDocument, from: number, to: number): string {
  return Array.from(
    { length: Math.max(0, Math.min(to, document.lineCount - 1) - from + 1) },
    (_, offset) => document.lineAt(from + offset).text,
  ).join('\n');
}

async function applyOutputBlock(document: vscode.TextDocument, closingFenceLine: number, output: string): Promise<boolean> {
  const lines = Array.from({ length: document.lineCount }, (_, line) => document.lineAt(line).text);
  const replacement = outputBlockEdit(lines, closingFenceLine, output);
  const edit = new vscode.WorkspaceEdit();
  if (replacement.startLine >= document.lineCount) {
    // The block closes on the last line and the note has no final newline: append after it.
    edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, `\n${replacement.text.replace(/\n$/, '')}`);
  } else {
    const end =
      replacement.endLine >= document.lineCount
        ? document.lineAt(document.lineCount - 1).range.end
        : new vscode.Position(replacement.endLine, 0);
    edit.replace(document.uri, new vscode.Range(replacement.startLine, 0, end.line, end.character), replacement.text);
  }
  return vscode.workspace.applyEdit(edit);
}
