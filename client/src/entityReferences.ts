// The link a hover card puts on "mentioned in N notes": `marginalia.showEntityReferences` asks the
// server for the entity's references and shows them in the peek view at the hovered mention. Hover
// cards may run that one command and no other.
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { ENTITY_REFERENCES_REQUEST, HOVER_COMMANDS, type EntityReferencesArgs, type ResultOf } from '../../common/protocol';
import { ENABLED_HOVER_COMMANDS } from './config';
import { l10n } from './l10n';
import { describeError } from './format';

export function registerEntityReferences(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand(HOVER_COMMANDS.showEntityReferences, (args: EntityReferencesArgs) =>
    showEntityReferences(client, args),
  );
}

async function showEntityReferences(client: LanguageClient, args: EntityReferencesArgs): Promise<void> {
  let found: ResultOf<typeof ENTITY_REFERENCES_REQUEST>;
  try {
    found = await client.sendRequest<ResultOf<typeof ENTITY_REFERENCES_REQUEST>>(ENTITY_REFERENCES_REQUEST.method, {
      entityId: args.entityId,
    });
  } catch (error) {
    void vscode.window.showWarningMessage(l10n.t('Marginalia could not list the references: {0}', describeError(error)));
    return;
  }
  const locations = found.map(
    (location) => new vscode.Location(vscode.Uri.parse(location.uri), client.protocol2CodeConverter.asRange(location.range)),
  );
  const position = client.protocol2CodeConverter.asPosition(args.position);
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(args.uri), position, locations);
}

/**
 * Lets the server's hover cards run the enabled commands, and only those: every other command link
 * in a card stays dead (the server never makes one from note text anyway).
 */
export const trustHoverCommands: Middleware['provideHover'] = async (document, position, token, next) => {
  const hover = await next(document, position, token);
  for (const content of hover?.contents ?? []) {
    if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: ENABLED_HOVER_COMMANDS };
  }
  return hover;
};
