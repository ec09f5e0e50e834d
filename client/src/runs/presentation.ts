// Where runs show up besides the lenses: a line after each block that ran (hover it for the last
// lines of output), the "Marginalia Runs" output channel with everything, and a small status bar
// item with the last run.
import * as vscode from 'vscode';
import { succeeded, type RunPlan } from '../../../common/runner';
import { SHOW_RUN_OUTPUT_COMMAND, formatElapsed } from './lensState';
import { lastLine, lastLines, shorten, stripAnsi } from './outputText';
import { commandEcho, filesEcho } from './runQuestion';
import { l10n } from '../l10n';
import type { RunRecord } from './runStore';

const HOVER_LINES = 15;
const INLINE_LENGTH = 120;

export class RunPresentation implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Marginalia Runs');
  private readonly status = vscode.window.createStatusBarItem('marginalia.lastRun', vscode.StatusBarAlignment.Left, 9);
  private readonly passed = resultDecoration('editorCodeLens.foreground');
  private readonly failed = resultDecoration('errorForeground');
  private readonly running = resultDecoration('editorCodeLens.foreground');

  constructor() {
    this.status.name = l10n.t('Marginalia: last snippet run');
    this.status.command = SHOW_RUN_OUTPUT_COMMAND;
  }

  /** The header of a run in the output channel, with the commands it runs, so the output can be read against them. */
  started(record: RunRecord, cwd: string, plan: RunPlan): void {
    this.channel.appendLine(`▶ ${record.label} in ${cwd} (${new Date(record.startedAt).toLocaleTimeString()})`);
    for (const line of commandEcho(plan)) this.channel.appendLine(line);
  }

  /** The file blocks a run wrote, before its output. */
  filesWritten(files: readonly string[]): void {
    for (const line of filesEcho(files)) this.channel.appendLine(line);
  }

  /** Output as it streams (already batched by the engine). */
  output(text: string): void {
    this.channel.append(stripAnsi(text));
  }

  finished(record: RunRecord): void {
    const execution = record.execution!;
    const tail = execution.output;
    if (tail !== '' && !tail.endsWith('\n')) this.channel.appendLine('');
    this.channel.appendLine(
      `${execution.outcome}${execution.summary && execution.error === undefined ? ` — ${stripAnsi(execution.summary)}` : ''}\n`,
    );
  }

  /** Redraws the inline results of every visible editor showing a note with runs. */
  render(recordsOf: (uri: string) => RunRecord[], now: number): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const passed: vscode.DecorationOptions[] = [];
      const failed: vscode.DecorationOptions[] = [];
      const running: vscode.DecorationOptions[] = [];
      for (const record of recordsOf(editor.document.uri.toString())) {
        if (record.endLine >= editor.document.lineCount) continue;
        const options = decorationFor(editor.document, record, now);
        if (!record.execution) running.push(options);
        else if (succeeded(record.execution)) passed.push(options);
        else failed.push(options);
      }
      editor.setDecorations(this.passed, passed);
      editor.setDecorations(this.failed, failed);
      editor.setDecorations(this.running, running);
    }
  }

  /** The status bar item: the run going on, else the last one. */
  renderStatus(record: RunRecord | undefined, now: number): void {
    if (!record) {
      this.status.hide();
      return;
    }
    const execution = record.execution;
    if (!execution) {
      this.status.text = `$(sync~spin) ${record.label} · ${formatElapsed(now - record.startedAt)}`;
      this.status.tooltip = l10n.t('Snippet running; click for its output');
    } else {
      this.status.text = `${succeeded(execution) ? '$(pass)' : '$(error)'} ${record.label} ${execution.outcome.replace(/^[✓✗■] /, '')}`;
      this.status.tooltip = `${execution.outcome}\n${stripAnsi(execution.summary)}\n\n${l10n.t('Click for the full output')}`;
    }
    this.status.show();
  }

  dispose(): void {
    this.channel.dispose();
    this.status.dispose();
    this.passed.dispose();
    this.failed.dispose();
    this.running.dispose();
  }
}

function resultDecoration(color: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor(color), margin: '0 0 0 2em', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

/** After the closing fence: the summary (or what a running snippet printed last); hover for more. */
function decorationFor(document: vscode.TextDocument, record: RunRecord, now: number): vscode.DecorationOptions {
  const line = document.lineAt(record.endLine);
  const execution = record.execution;
  const text = execution
    ? `→ ${shorten(stripAnsi(execution.summary), INLINE_LENGTH)}`
    : `… running ${formatElapsed(now - record.startedAt)}${record.liveTail ? `: ${lastLine(record.liveTail, INLINE_LENGTH)}` : ''}`;
  return {
    range: line.range,
    renderOptions: { after: { contentText: text } },
    hoverMessage: hoverFor(record),
  };
}

function hoverFor(record: RunRecord): vscode.MarkdownString {
  const execution = record.execution;
  const output = execution ? execution.output : record.liveTail;
  const lines = lastLines(output, HOVER_LINES);
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown(`**${escapeMarkdown(execution ? execution.outcome : 'running')}** · ${escapeMarkdown(record.label)}`);
  if (execution?.cwd) markdown.appendMarkdown(` · ran in \`${execution.cwd.replace(/`/g, "'")}\``);
  markdown.appendMarkdown('\n\n');
  if (lines.length > 0) markdown.appendCodeblock(lines.join('\n'), 'text');
  else markdown.appendMarkdown('_no output_\n\n');
  markdown.appendMarkdown('\n\nThe full output is in the **Marginalia Runs** output channel.');
  return markdown;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
