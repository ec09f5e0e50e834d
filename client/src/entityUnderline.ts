// A subtle dotted underline under the names that have cards, in the notes the editor shows. Which names
// those are is the server's answer to a semantic tokens request for the lines on screen (the client
// parses no Markdown); `marginalia.entities.underline` turns it off.
import * as vscode from 'vscode';
import { SemanticTokensRangeRequest, SemanticTokensRegistrationType, State, type LanguageClient } from 'vscode-languageclient/node';
import { decodeMarkedNames } from '../../common/semanticTokens';
import { DOCUMENT_SELECTOR, SETTINGS_SECTION } from './config';

export const UNDERLINE_SETTING = 'entities.underline';
/** Lines asked for above and below the ones on screen, so that a short scroll finds its names marked already. */
const MARGIN_LINES = 40;
/** How long scrolling and typing settle before the server is asked again. */
const SETTLE_MS = 150;

export class EntityUnderline implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline dotted',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly disposables: vscode.Disposable[] = [this.decoration];
  private readonly timers = new Map<vscode.TextEditor, NodeJS.Timeout>();
  /** The server's "marks changed" signals already listened to (one per registration of its provider). */
  private readonly heard = new WeakSet<object>();
  /** The names last underlined in each note on screen, by URI: what the extension's API shows tests. */
  private readonly drawn = new Map<string, vscode.Range[]>();

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateVisible()),
      vscode.workspace.onDidCloseTextDocument((document) => this.drawn.delete(document.uri.toString())),
      vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => this.schedule(textEditor)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.schedule(editor);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${UNDERLINE_SETTING}`)) this.updateVisible();
      }),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) this.updateVisible();
      }),
    );
    this.updateVisible();
  }

  /** The names underlined in a note on screen. */
  underlined(uri: vscode.Uri): readonly vscode.Range[] {
    return this.drawn.get(uri.toString()) ?? [];
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private updateVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor);
  }

  private schedule(editor: vscode.TextEditor): void {
    if (vscode.languages.match(DOCUMENT_SELECTOR, editor.document) === 0) return;
    clearTimeout(this.timers.get(editor));
    this.timers.set(
      editor,
      setTimeout(() => {
        this.timers.delete(editor);
        void this.update(editor);
      }, SETTLE_MS),
    );
  }

  private async update(editor: vscode.TextEditor): Promise<void> {
    const enabled = vscode.workspace.getConfiguration(SETTINGS_SECTION, editor.document).get<boolean>(UNDERLINE_SETTING, true);
    if (!enabled || !this.client.isRunning()) return this.draw(editor, []);
    this.listenForChangedMarks(editor.document);
    const version = editor.document.version;
    const range = this.linesAround(editor);
    const tokens = await this.client
      .sendRequest(SemanticTokensRangeRequest.type, {
        textDocument: { uri: this.client.code2ProtocolConverter.asUri(editor.document.uri) },
        range: this.client.code2ProtocolConverter.asRange(range),
      })
      .catch(() => null);
    // An answer about text that has changed since would underline the wrong characters; the change asks again.
    if (!tokens || editor.document.version !== version) return;
    const ranges = decodeMarkedNames(tokens.data).map(
      (name) => new vscode.Range(name.line, name.character, name.line, name.character + name.length),
    );
    this.draw(editor, ranges);
  }

  private draw(editor: vscode.TextEditor, ranges: vscode.Range[]): void {
    editor.setDecorations(this.decoration, ranges);
    this.drawn.set(editor.document.uri.toString(), ranges);
  }

  /** The lines on screen, and some around them. */
  private linesAround(editor: vscode.TextEditor): vscode.Range {
    const shown = editor.visibleRanges;
    const first = Math.max(0, (shown[0]?.start.line ?? 0) - MARGIN_LINES);
    const last = Math.min(editor.document.lineCount - 1, (shown[shown.length - 1]?.end.line ?? 0) + MARGIN_LINES);
    return new vscode.Range(first, 0, last, editor.document.lineAt(last).text.length);
  }

  /**
   * The server tells the editor when the marks may have changed everywhere (a name was defined or removed
   * in another note); the underline follows the same signal.
   */
  private listenForChangedMarks(document: vscode.TextDocument): void {
    const provider = this.client.getFeature(SemanticTokensRegistrationType.method)?.getProvider(document);
    const signal = provider?.onDidChangeSemanticTokensEmitter;
    if (!signal || this.heard.has(signal)) return;
    this.heard.add(signal);
    this.disposables.push(signal.event(() => this.updateVisible()));
  }
}
