// Shared helpers for the e2e tests (bundled into each *.e2e.js file).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../../client/src/api';

export const EXTENSION_ID = 'marginalia.marginalia';

/** The workspace folder the launcher opened (a scratch copy of seeds/). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

export function noteUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/** Opens a note in an editor, as a user would, and returns its document. */
export async function openNote(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(noteUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The position in the middle of the first `word` on a 0-based line. */
export function positionOf(doc: vscode.TextDocument, line: number, word: string): vscode.Position {
  const col = doc.lineAt(line).text.indexOf(word);
  assert.ok(col >= 0, `"${word}" is not on line ${line + 1} of ${doc.uri.path}`);
  return new vscode.Position(line, col + Math.floor(word.length / 2));
}

/**
 * Polls probe until it returns something other than undefined, or fails after timeoutMs
 * with what was last seen.
 */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'nothing yet';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what} (last: ${typeof last === 'string' ? last : JSON.stringify(last)})`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The plain text of a hover's contents. */
export function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** The extension's API (what `activate` returns), activating it if needed. */
export async function marginalia(): Promise<MarginaliaApi> {
  const ext = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Waits until the server has indexed the workspace (the status bar shows the entity count) and returns that text. */
export async function indexed(timeoutMs = 30_000): Promise<string> {
  const api = await marginalia();
  return poll(
    'the status bar to show the entity count',
    () => {
      const text = api.statusText();
      if (!/\d+ entit/.test(text)) throw new Error(`status bar: ${text}`);
      return text;
    },
    timeoutMs,
  );
}

/** Where a definition or location points, as `note.md:LINE` (1-based). */
export function describeLocation(location: vscode.Location | vscode.LocationLink): string {
  const uri = 'targetUri' in location ? location.targetUri : location.uri;
  const range = 'targetUri' in location ? (location.targetSelectionRange ?? location.targetRange) : location.range;
  return `${uri.path.split('/').pop()}:${range.start.line + 1}`;
}
