// The Entities view in the explorer: the projects and papers the note in the editor defines, and for each,
// where it is defined and which notes mention it (asked of the server when the entity is expanded). A click
// opens the place. The view follows the editor, except to a note it opened itself, so that following an
// entity's mentions from note to note does not replace the list being followed.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { ENTITY_DETAIL_REQUEST, NOTE_ENTITIES_REQUEST, type ParamsOf, type ResultOf } from '../../common/protocol';
import { COMMANDS, DOCUMENT_SELECTOR } from './config';
import { detailRows, entityRow, type EntityRow, type Place } from './entityRows';
import { describeError } from './format';
import { l10n } from './l10n';

export const ENTITIES_VIEW_ID = 'marginalia.entities';
/** What a row's click runs: internal, so not in the palette. */
const OPEN_PLACE_COMMAND = 'marginalia.entitiesView.openPlace';
/** How long typing settles before the list of the note being edited is asked for again. */
const SETTLE_MS = 600;

export class EntitiesView implements vscode.TreeDataProvider<EntityRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EntityRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<EntityRow>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** The note whose entities the view lists. */
  private note: vscode.Uri | undefined;
  /** A note the view opened: switching to it keeps the list as it is. */
  private opened: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.view = vscode.window.createTreeView(ENTITIES_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      vscode.commands.registerCommand(OPEN_PLACE_COMMAND, (place: Place) => this.open(place)),
      vscode.commands.registerCommand(COMMANDS.refreshEntitiesView, () => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (document.uri.toString() === this.note?.toString()) this.scheduleRefresh();
      }),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) this.refresh();
      }),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** The note the view lists the entities of. */
  get shownNote(): vscode.Uri | undefined {
    return this.note;
  }

  /** What the view says instead of rows (no note open, none defined, the server did not answer). */
  get message(): string | undefined {
    return this.view.message;
  }

  getTreeItem(row: EntityRow): vscode.TreeItem {
    const collapsible = row.entityId || row.children?.length;
    const state = !collapsible
      ? vscode.TreeItemCollapsibleState.None
      : row.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(row.label, state);
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    // package.json's menus show the graph button on rows with this context value
    if (row.entityId) item.contextValue = 'entity';
    if (row.place) item.command = { command: OPEN_PLACE_COMMAND, title: l10n.t('Open'), arguments: [row.place] };
    return item;
  }

  async getChildren(row?: EntityRow): Promise<EntityRow[]> {
    if (!row) return this.roots();
    if (row.entityId) return this.detail(row.entityId);
    return row.children ?? [];
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  refresh(): void {
    clearTimeout(this.timer);
    this.changed.fire(undefined);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), SETTLE_MS);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    // No editor (for a moment while editors switch, or all closed) and an editor that is no note (the
    // output panel, a settings file) leave the list as it is.
    if (!editor || vscode.languages.match(DOCUMENT_SELECTOR, editor.document) === 0) return;
    const uri = editor.document.uri;
    if (uri.toString() === this.opened) return;
    this.opened = undefined;
    if (uri.toString() === this.note?.toString()) return;
    this.note = uri;
    this.view.description = vscode.workspace.asRelativePath(uri, false);
    this.view.message = undefined;
    this.refresh();
  }

  private async roots(): Promise<EntityRow[]> {
    const note = this.note;
    if (!note) return this.say(l10n.t('Open a Markdown note to see the projects and papers it defines.'));
    // Asking would start a client that is not started yet; the view asks again once it runs.
    if (!this.client.isRunning()) return this.say(l10n.t('Waiting for the Marginalia language server…'));
    const uri = this.client.code2ProtocolConverter.asUri(note);
    const params: ParamsOf<typeof NOTE_ENTITIES_REQUEST> = { textDocument: { uri } };
    let entities: ResultOf<typeof NOTE_ENTITIES_REQUEST>;
    try {
      entities = await this.client.sendRequest<ResultOf<typeof NOTE_ENTITIES_REQUEST>>(NOTE_ENTITIES_REQUEST.method, params);
    } catch (error) {
      return this.say(l10n.t('Marginalia could not list the entities of this note: {0}', describeError(error)));
    }
    if (note !== this.note) return [];
    if (!entities.length) return this.say(l10n.t('This note defines no projects or papers. Hover a name it mentions to see its card.'));
    this.view.message = undefined;
    return entities.map((entity) => entityRow(entity, uri));
  }

  private async detail(entityId: string): Promise<EntityRow[]> {
    const params: ParamsOf<typeof ENTITY_DETAIL_REQUEST> = { entityId };
    try {
      const detail = await this.client.sendRequest<ResultOf<typeof ENTITY_DETAIL_REQUEST>>(ENTITY_DETAIL_REQUEST.method, params);
      return detailRows(entityId, detail, (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false));
    } catch (error) {
      return [{ id: `entity:${entityId}/error`, label: l10n.t('Could not ask the server: {0}', describeError(error)), icon: 'warning' }];
    }
  }

  private say(message: string): EntityRow[] {
    this.view.message = message;
    return [];
  }

  private async open(place: Place): Promise<void> {
    const uri = vscode.Uri.parse(place.uri);
    this.opened = uri.toString();
    const selection = this.client.protocol2CodeConverter.asRange(place.range);
    await vscode.window.showTextDocument(uri, { selection, preserveFocus: true });
  }
}
