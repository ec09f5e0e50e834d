import type { WorkspaceEdit } from 'vscode-languageserver/node';
import type { NoteEdit } from '../features/edits/noteEdits';
import type { ServerContext } from './context';

/**
 * Edits of several notes as one workspace edit. Where the client takes versioned edits, each open note's
 * names the version whose text the edits were worked out in (a closed note's: null), so that an editor
 * whose text moved on refuses the edit instead of applying it in the wrong place. Undefined when an open
 * note's text is no longer the one the edits were made for.
 */
export function toWorkspaceEdit(context: ServerContext, notes: readonly NoteEdit[]): WorkspaceEdit | undefined {
  const edited = notes.filter((note) => note.edits.length > 0);
  const versions = edited.map((note) => {
    const document = context.documents.get(note.uri);
    if (!document) return null;
    return document.getText() === note.text ? document.version : undefined;
  });
  if (versions.includes(undefined)) return undefined;
  if (context.clientCapabilities().workspace?.workspaceEdit?.documentChanges === true) {
    return {
      documentChanges: edited.map((note, position) => ({
        textDocument: { uri: note.uri, version: versions[position] ?? null },
        edits: note.edits,
      })),
    };
  }
  return { changes: Object.fromEntries(edited.map((note) => [note.uri, note.edits])) };
}
