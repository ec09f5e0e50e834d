// Which block a snippet command is about: the one a lens names ({uri, line, name?}), else the one
// under the cursor. The server sends the note's shell blocks as data (marginalia/runnables), for
// exactly the text in the editor, saved or not; the client parses no Markdown.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RUNNABLES_REQUEST, type ResultOf, type RunnablesParams, type SnippetLensArgs } from '../../../common/protocol';
import { blockLabel, type RunnableBlock } from '../../../common/runner';
import { l10n } from '../l10n';
import { describeError } from '../format';

export interface SnippetTarget {
  document: vscode.TextDocument;
  block: RunnableBlock;
}

/** A lens's argument, or nothing usable (the palette passes none; menus may pass a Uri). */
export function lensArgs(value: unknown): Partial<SnippetLensArgs> {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  return {
    uri: typeof record.uri === 'string' ? record.uri : undefined,
    line: typeof record.line === 'number' && Number.isInteger(record.line) && record.line >= 0 ? record.line : undefined,
    name: typeof record.name === 'string' ? record.name : undefined,
  };
}

/** The note a command is about; undefined (with a message) when there is none. */
export async function targetDocument(args: Partial<SnippetLensArgs>): Promise<vscode.TextDocument | undefined> {
  if (args.uri) {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === args.uri);
    if (open) return open;
    try {
      return await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    } catch {
      void vscode.window.showErrorMessage(l10n.t('Marginalia: cannot open {0} to run its snippet.', args.uri));
      return undefined;
    }
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) void vscode.window.showErrorMessage(l10n.t('Marginalia: open a note and put the cursor in a snippet first.'));
  return editor?.document;
}

/** The note's shell blocks as the server reads its current text; throws when the server cannot answer. */
export async function requestRunnables(client: LanguageClient, document: vscode.TextDocument): Promise<RunnableBlock[]> {
  const params: RunnablesParams = { textDocument: { uri: document.uri.toString() } };
  const blocks = await client.sendRequest<ResultOf<typeof RUNNABLES_REQUEST>>(RUNNABLES_REQUEST.method, params);
  return Array.isArray(blocks) ? blocks : [];
}

/** The note's shell blocks; undefined (with a message) when the server cannot answer. */
export async function runnablesOf(client: LanguageClient, document: vscode.TextDocument): Promise<RunnableBlock[] | undefined> {
  try {
    return await requestRunnables(client, document);
  } catch (error) {
    void vscode.window.showErrorMessage(
      l10n.t(
        'Marginalia: cannot read the snippets of {0}: the language server did not answer ({1}).',
        noteName(document),
        describeError(error),
      ),
    );
    return undefined;
  }
}

/**
 * The block to act on. A lens's line may be a moment old (the note was edited since), so a block
 * named by the lens is looked up by name when the line no longer holds it.
 */
export async function resolveTarget(client: LanguageClient, value: unknown): Promise<SnippetTarget | undefined> {
  const args = lensArgs(value);
  const document = await targetDocument(args);
  if (!document) return undefined;
  const blocks = await runnablesOf(client, document);
  if (!blocks) return undefined;
  const line = args.line ?? (args.uri ? undefined : vscode.window.activeTextEditor?.selection.active.line);
  let block = line !== undefined ? blocks.find((candidate) => candidate.line <= line && line <= candidate.endLine) : undefined;
  if (args.name !== undefined && block?.name !== args.name) block = blocks.find((candidate) => candidate.name === args.name) ?? block;
  if (!block?.hasCommands) {
    const where = line !== undefined ? l10n.t('line {0} of {1}', line + 1, noteName(document)) : noteName(document);
    void vscode.window.showErrorMessage(
      l10n.t('Marginalia: no snippet to run at {0}. Snippets are fenced bash, sh, shell, zsh or console blocks.', where),
    );
    return undefined;
  }
  return { document, block };
}

export function noteName(document: vscode.TextDocument): string {
  return path.basename(document.uri.path) || document.uri.toString();
}

/** `note.md:12` or `note.md:12 (gpu-check)`, 1-based as the editor shows lines. */
export function labelOf(document: vscode.TextDocument, block: RunnableBlock): string {
  return blockLabel(noteName(document), block);
}
