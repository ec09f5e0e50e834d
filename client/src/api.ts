// What `activate` returns: a small surface for the end-to-end tests and for other parts of the
// extension that need the running client.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EntitiesView } from './entitiesView';
import type { EntityGraph } from './entityGraph';
import type { EntityPicker, EntityPickItem } from './entityPicker';
import type { EntityUnderline } from './entityUnderline';
import type { EntityListItem } from '../../common/protocol';
import type { StatusBar } from './statusBar';

export interface MarginaliaApi {
  /** The language client (the same object across server restarts). */
  readonly client: LanguageClient;
  /** The status bar item's text, codicons included, e.g. `$(book) 165 entities $(link) 0 dead links`. */
  statusText(): string;
  /** Every project and paper, as `marginalia/entities` answers. */
  entities(): Promise<EntityListItem[]>;
  /** The entity Quick Pick while `Marginalia: Show Entities` has it open. */
  entityPicker(): vscode.QuickPick<EntityPickItem> | undefined;
  /** The names with cards that a note on screen has underlined (none when `marginalia.entities.underline` is off). */
  underlinedNames(uri: vscode.Uri): readonly vscode.Range[];
  /** The Entities view's provider: the note it lists, its rows and tree items, and its message. */
  entitiesView(): Pick<EntitiesView, 'shownNote' | 'message' | 'getChildren' | 'getTreeItem'>;
  /** The entity graph: the nodes drawn and the page showing them, once a graph is open. */
  entityGraph(): Pick<EntityGraph, 'nodes' | 'html'>;
}

export function createApi(
  client: LanguageClient,
  statusBar: StatusBar,
  picker: EntityPicker,
  underline: EntityUnderline,
  entitiesView: EntitiesView,
  entityGraph: EntityGraph,
): MarginaliaApi {
  return {
    client,
    statusText: () => statusBar.text,
    entities: () => picker.fetchEntities(),
    entityPicker: () => picker.current,
    underlinedNames: (uri) => underline.underlined(uri),
    entitiesView: () => entitiesView,
    entityGraph: () => entityGraph,
  };
}
