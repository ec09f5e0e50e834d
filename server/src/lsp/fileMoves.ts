import type { ServerCapabilities, WorkspaceEdit } from 'vscode-languageserver/node';
import { linkEditsForMoves } from '../features/rename/fileMoves';
import type { ServerContext } from './context';
import { toWorkspaceEdit } from './workspaceEdits';

/** Every file and folder: a moved image or folder changes links as much as a moved note does. */
const ALL_FILES = { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] };

export function capabilities(): ServerCapabilities {
  return { workspace: { fileOperations: { willRename: ALL_FILES } } };
}

/**
 * Before files or folders are renamed or moved, the edits that keep links to them and in them right
 * (`marginalia.links.updateOnFileMove`: `never` answers none; `ask` is the VS Code client's to ask).
 */
export function register(context: ServerContext): void {
  const { connection } = context;

  connection.workspace.onWillRenameFiles(async ({ files }, token): Promise<WorkspaceEdit | null> => {
    if (context.config().links.updateOnFileMove === 'never') return null;
    // Links found before indexing ends, or before an editor's pending changes are in, would be missed or misplaced.
    const index = await context.settled();
    if (!index || token.isCancellationRequested) return null;
    const edit = toWorkspaceEdit(context, await linkEditsForMoves(index, files));
    if (!edit) context.logger.warn('links were not updated for a file move: a note changed while the edits were worked out');
    return edit && !isEmpty(edit) ? edit : null;
  });
}

function isEmpty(edit: WorkspaceEdit): boolean {
  return (edit.documentChanges?.length ?? 0) === 0 && Object.keys(edit.changes ?? {}).length === 0;
}
