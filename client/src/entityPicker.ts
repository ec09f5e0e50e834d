// `Marginalia: Show Entities`: a Quick Pick of every project and paper with its summary; choosing one
// opens the note where it is described best.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { describeError, entityItemText, KIND_ORDER, kindHeading } from './format';
import { l10n } from './l10n';
import { ENTITIES_REQUEST, type EntityListItem, type ResultOf } from '../../common/protocol';

export interface EntityPickItem extends vscode.QuickPickItem {
  entity?: EntityListItem;
}

export class EntityPicker {
  /** The picker while it is open; tests reach it through the extension's API. */
  current: vscode.QuickPick<EntityPickItem> | undefined;

  constructor(private readonly client: LanguageClient) {}

  async fetchEntities(): Promise<EntityListItem[]> {
    const entities = await this.client.sendRequest<ResultOf<typeof ENTITIES_REQUEST>>(ENTITIES_REQUEST.method);
    return Array.isArray(entities) ? entities : [];
  }

  /** Opens the picker at once (busy while the server answers) and resolves when it closes. */
  async show(): Promise<void> {
    this.current?.dispose();
    const picker = vscode.window.createQuickPick<EntityPickItem>();
    this.current = picker;
    picker.title = l10n.t('Marginalia: Projects and Papers');
    picker.placeholder = l10n.t('Loading the entities of this workspace…');
    picker.matchOnDescription = true;
    picker.matchOnDetail = true;
    picker.busy = true;
    const closed = new Promise<void>((resolve) => picker.onDidHide(() => resolve()));
    picker.onDidAccept(() => {
      const entity = picker.selectedItems[0]?.entity;
      picker.hide();
      if (entity) void this.reveal(entity);
    });
    picker.show();
    try {
      const entities = await this.fetchEntities();
      picker.items = pickItems(entities);
      picker.placeholder = entities.length
        ? l10n.t('Go to one of {0} projects and papers (type to filter by name, alias or summary)', entities.length)
        : l10n.t('No projects or papers found in the notes of this workspace');
    } catch (error) {
      picker.hide();
      void vscode.window.showErrorMessage(l10n.t('Marginalia could not list the entities: {0}', describeError(error)));
    } finally {
      picker.busy = false;
    }
    await closed;
    picker.dispose();
    if (this.current === picker) this.current = undefined;
  }

  /** Opens the entity's first site (the server lists its richest description first) and selects the name. */
  async reveal(entity: EntityListItem): Promise<vscode.TextEditor | undefined> {
    const site = entity.sites[0];
    if (!site) {
      void vscode.window.showInformationMessage(l10n.t('Marginalia knows {0} but no note that defines it.', entity.name));
      return undefined;
    }
    const range = this.client.protocol2CodeConverter.asRange(site.range);
    return vscode.window.showTextDocument(vscode.Uri.parse(site.uri), { selection: range, preview: false });
  }
}

/** Items grouped by kind under separators, in the server's (alphabetical) order within a group. */
function pickItems(entities: EntityListItem[]): EntityPickItem[] {
  const kinds = [...new Set(entities.map((entity) => entity.kind))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return kinds.flatMap((kind) => [
    { label: kindHeading(kind), kind: vscode.QuickPickItemKind.Separator },
    ...entities.filter((entity) => entity.kind === kind).map(toItem),
  ]);
}

function rank(kind: string): number {
  const at = KIND_ORDER.indexOf(kind);
  return at < 0 ? KIND_ORDER.length : at;
}

function toItem(entity: EntityListItem): EntityPickItem {
  const site = entity.sites[0];
  const where = site ? `${vscode.workspace.asRelativePath(vscode.Uri.parse(site.uri), false)}:${site.range.start.line + 1}` : undefined;
  return {
    ...entityItemText(entity, where),
    iconPath: new vscode.ThemeIcon(entity.kind === 'paper' ? 'book' : entity.kind === 'project' ? 'repo' : 'file-text'),
    entity,
  };
}
