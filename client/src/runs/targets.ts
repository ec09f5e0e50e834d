// Which block a snippet command is about: the one a lens names ({uri, line, name?}), else the one
// under the cursor. The client parses the note itself, with the server's parser, so that a command
// works on exactly the text in the editor, saved or not.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SnippetLensArgs } from '../../../common/protocol';
import type { CodeBlockFact } from '../../../server/src/parse/facts';
import { parseNote } from '../../../server/src/parse/parseNote';
import { findBlockAtLine, findBlockByName, hasCommands, parseInfoString } from '../../../common/runner';

export interface SnippetTarget {
  document: vscode.TextDocument;
  /** Every code block of the note: file blocks are written before a snippet runs. */
  blocks: CodeBlockFact[];
  /** Zero-based lines of the note's headings: a snippet writes the file blocks of its own section. */
  headingLines: number[];
  block: CodeBlockFact;
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
      void vscode.window.showErrorMessage(`Marginalia: cannot open ${args.uri} to run its snippet.`);
      return undefined;
    }
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) void vscode.window.showErrorMessage('Marginalia: open a note and put the cursor in a snippet first.');
  return editor?.document;
}

export function codeBlocksOf(document: vscode.TextDocument): CodeBlockFact[] {
  return noteLayoutOf(document).blocks;
}

/** The note's code blocks and the lines of its headings. */
export function noteLayoutOf(document: vscode.TextDocument): { blocks: CodeBlockFact[]; headingLines: number[] } {
  const facts = parseNote(document.uri.toString(), document.getText());
  return { blocks: facts.codeBlocks, headingLines: facts.headings.map((heading) => heading.range.start.line) };
}

/**
 * The block to act on. A lens's line may be a moment old (the note was edited since), so a block
 * named by the lens is looked up by name when the line no longer holds it.
 */
export async function resolveTarget(value: unknown): Promise<SnippetTarget | undefined> {
  const args = lensArgs(value);
  const document = await targetDocument(args);
  if (!document) return undefined;
  const { blocks, headingLines } = noteLayoutOf(document);
  const line = args.line ?? (args.uri ? undefined : vscode.window.activeTextEditor?.selection.active.line);
  let block = line !== undefined ? findBlockAtLine(blocks, line) : undefined;
  if (args.name !== undefined && (!block || nameOf(block) !== args.name)) block = findBlockByName(blocks, args.name) ?? block;
  if (!block || !hasCommands(block)) {
    const where = line !== undefined ? `line ${line + 1} of ${noteName(document)}` : noteName(document);
    void vscode.window.showErrorMessage(`Marginalia: no snippet to run at ${where}. Snippets are fenced bash, sh, shell, zsh or console blocks.`);
    return undefined;
  }
  return { document, blocks, headingLines, block };
}

export function nameOf(block: CodeBlockFact): string | undefined {
  return parseInfoString(block.lang, block.meta).options.name;
}

export function noteName(document: vscode.TextDocument): string {
  return path.basename(document.uri.path) || document.uri.toString();
}

/** `note.md:12` or `note.md:12 (gpu-check)`, 1-based as the editor shows lines. */
export function labelOf(document: vscode.TextDocument, block: CodeBlockFact): string {
  const name = nameOf(block);
  return `${noteName(document)}:${block.range.start.line + 1}${name ? ` (${name})` : ''}`;
}
