// `Marginalia: Show Entity Graph`, from an entity's row in the Entities view: a webview beside the editor
// drawing the entity, the notes that define and mention it, and the entities mentioned in the same notes.
// A note opens where it names the entity; another entity becomes the middle. The page is drawn here from
// two server answers and loads nothing (see entityGraphSvg.ts).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENTITY_DETAIL_REQUEST, RELATED_ENTITIES_REQUEST, type ParamsOf, type ResultOf } from '../../common/protocol';
import { COMMANDS } from './config';
import { graphPage, layoutGraph, type GraphNode } from './entityGraphSvg';
import type { EntityRow } from './entityRows';
import { describeError } from './format';
import { l10n } from './l10n';

export class EntityGraph implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: GraphNode[] = [];
  private readonly command: vscode.Disposable;

  constructor(private readonly client: LanguageClient) {
    this.command = vscode.commands.registerCommand(COMMANDS.showEntityGraph, (row?: EntityRow) =>
      row?.entityId ? this.show(row.entityId, row.label) : this.explain(),
    );
  }

  /** The nodes drawn now, the entity first (for tests). */
  get nodes(): readonly GraphNode[] {
    return this.shown;
  }

  /** The page the webview shows now. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  async show(entityId: string, name: string): Promise<void> {
    const params: ParamsOf<typeof ENTITY_DETAIL_REQUEST> = { entityId };
    let detail: ResultOf<typeof ENTITY_DETAIL_REQUEST>;
    let related: ResultOf<typeof RELATED_ENTITIES_REQUEST>;
    try {
      [detail, related] = await Promise.all([
        this.client.sendRequest<ResultOf<typeof ENTITY_DETAIL_REQUEST>>(ENTITY_DETAIL_REQUEST.method, params),
        this.client.sendRequest<ResultOf<typeof RELATED_ENTITIES_REQUEST>>(RELATED_ENTITIES_REQUEST.method, params),
      ]);
    } catch (error) {
      void vscode.window.showWarningMessage(l10n.t('Marginalia could not draw the graph of {0}: {1}', name, describeError(error)));
      return;
    }
    if (!detail) {
      void vscode.window.showInformationMessage(l10n.t('Marginalia no longer knows {0}: refresh the Entities view.', name));
      return;
    }
    const describe = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
    this.shown = layoutGraph({ entity: { id: entityId, name }, detail, related }, describe);
    const panel = this.ensurePanel();
    panel.title = l10n.t('{0}: entity graph', name);
    panel.webview.html = graphPage(this.shown, randomBytes(16).toString('base64'));
    panel.reveal(undefined, true);
  }

  dispose(): void {
    this.command.dispose();
    this.panel?.dispose();
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    // Scripts only for the page's own few lines (its CSP allows nothing else), and no local files at all.
    const panel = vscode.window.createWebviewPanel(
      'marginalia.entityGraph',
      l10n.t('Entity graph'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [] },
    );
    panel.webview.onDidReceiveMessage((message: { node?: unknown }) => this.choose(message.node));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.shown = [];
    });
    this.panel = panel;
    return panel;
  }

  /** What a click on a node does. Only an index into the nodes drawn comes from the page, never a place. */
  private async choose(at: unknown): Promise<void> {
    const action = typeof at === 'number' ? this.shown[at]?.action : undefined;
    if (!action) return;
    if ('centre' in action) return this.show(action.centre.id, action.centre.name);
    const selection = this.client.protocol2CodeConverter.asRange(action.open.range);
    await vscode.window.showTextDocument(vscode.Uri.parse(action.open.uri), { selection, viewColumn: vscode.ViewColumn.One });
  }

  private explain(): void {
    void vscode.window.showInformationMessage(l10n.t('Choose an entity in the Entities view, then its graph button, to see its graph.'));
  }
}
