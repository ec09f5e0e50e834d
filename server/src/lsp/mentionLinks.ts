import type { CodeAction, ServerCapabilities } from 'vscode-languageserver/node';
import { LINK_MENTION_KIND, mentionLinkActions } from '../features/mentionLinks';
import type { ServerContext } from './context';
import { toWorkspaceEdit } from './workspaceEdits';

export function capabilities(): ServerCapabilities {
  return { codeActionProvider: { codeActionKinds: [LINK_MENTION_KIND] } };
}

/** "Link this mention" and "link all mentions of X in this note", on a plain-text name. */
export function register(context: ServerContext): void {
  context.addCodeActions(async ({ textDocument, range, context: request }): Promise<CodeAction[]> => {
    const { uri } = textDocument;
    const wanted = !request.only || request.only.some((kind) => LINK_MENTION_KIND === kind || LINK_MENTION_KIND.startsWith(`${kind}.`));
    const index = wanted ? await context.ready(uri) : undefined;
    if (!index?.has(uri) || !(await index.loadText(uri))) return [];
    const text = index.text(uri) ?? '';
    const actions: CodeAction[] = [];
    for (const action of mentionLinkActions(index, uri, range.start)) {
      // Undefined once the editor's text has moved on from the text the edits were made in: it asks again.
      const edit = toWorkspaceEdit(context, [{ uri, text, edits: action.edits }]);
      if (!edit) return [];
      actions.push({ title: action.title, kind: action.kind, edit, ...(action.isPreferred ? { isPreferred: true } : {}) });
    }
    return actions;
  });
}
