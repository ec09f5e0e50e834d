import { LSPErrorCodes, ResponseError, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver/node';
import { isRefusal, noteWithText, type NoteWithText, type Refusal } from '../features/edits/noteEdits';
import { renameEdits } from '../features/rename/rename';
import { renameTargetAt, type RenameTarget } from '../features/rename/renameTarget';
import type { NotesIndex } from '../index/notesIndex';
import type { Position } from '../parse/facts';
import type { ServerContext } from './context';
import { toWorkspaceEdit } from './workspaceEdits';

export function capabilities(client: ClientCapabilities): ServerCapabilities {
  return { renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true };
}

/** Renaming a heading (and the anchors pointing at it, in every note) or a reference label. */
export function register(context: ServerContext): void {
  const { connection } = context;

  connection.onPrepareRename(async ({ textDocument, position }) => {
    const found = await targetAt(context, textDocument.uri, position);
    if (isRefusal(found.target)) throw refusal(found.target);
    return { range: found.target.range, placeholder: found.target.placeholder };
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    // Anchors to the heading may be in any note: an edit worked out before the vault is read would miss some.
    await context.settled();
    const { index, note, target } = await targetAt(context, textDocument.uri, position);
    if (isRefusal(target)) throw refusal(target);
    const edits = await renameEdits(index, note, target, newName);
    if (isRefusal(edits)) throw refusal(edits);
    const edit = toWorkspaceEdit(context, edits);
    if (!edit) throw new ResponseError(LSPErrorCodes.ContentModified, 'A note changed while the rename was worked out; try again');
    return edit;
  });
}

const NOT_INDEXED: Refusal = { refused: 'This note is not indexed (yet): nothing in it can be renamed' };

/** What the position names, in the note as the index holds it once the editor's pending changes are in. */
async function targetAt(
  context: ServerContext,
  uri: string,
  position: Position,
): Promise<{ index: NotesIndex; note: NoteWithText; target: RenameTarget | Refusal }> {
  const index = await context.ready(uri);
  if (!index?.has(uri) || !(await index.loadText(uri))) throw refusal(NOT_INDEXED);
  const note = noteWithText(index, uri);
  if (!note) throw refusal(NOT_INDEXED);
  return { index, note, target: renameTargetAt(index, note, position) };
}

function refusal({ refused }: Refusal): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, refused);
}
