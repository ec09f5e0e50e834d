import { isRefusal, noteWithText } from '../../../../server/src/features/edits/noteEdits';
import { linkEditsForMoves } from '../../../../server/src/features/rename/fileMoves';
import { renameEdits } from '../../../../server/src/features/rename/rename';
import { renameTargetAt, type RenameTarget } from '../../../../server/src/features/rename/renameTarget';
import type { Position } from '../../../../server/src/parse/facts';
import { indexOf, noteUri } from '../../helpers';
import { applyEdits, type Files } from '../links/helpers';

export type { Files };

/** Where `needle` first stands in `text`, `offset` characters into it: the cursor a test puts there. */
export function cursorAt(text: string, needle: string, offset = 1): Position {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`'${needle}' is not in the note`);
  const before = text.slice(0, start + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Indexes the notes in memory and asks what a rename at `needle` in `name` would rename. */
export async function prepareAt(files: Files, name: string, needle: string, offset = 1) {
  const { index } = await indexOf(files);
  const uri = noteUri(name);
  await index.loadText(uri);
  const note = noteWithText(index, uri);
  if (!note) throw new Error(`${name} is not indexed`);
  return { index, note, target: renameTargetAt(index, note, cursorAt(String(files[name]), needle, offset)) };
}

/**
 * Renames at `needle` in `name` and gives the changed notes' new texts by name, as an editor applying the
 * rename's edits would have them; or the reason the rename was refused.
 */
export async function renamedAt(files: Files, name: string, needle: string, newName: string, offset = 1): Promise<Files | string> {
  const { index, note, target } = await prepareAt(files, name, needle, offset);
  if (isRefusal(target)) return target.refused;
  const edits = await renameEdits(index, note, target as RenameTarget, newName);
  if (isRefusal(edits)) return edits.refused;
  const changed: Files = {};
  for (const { uri, edits: noteEdits } of edits) {
    const changedName = uri.slice(noteUri('').length);
    changed[changedName] = applyEdits(String(files[changedName]), noteEdits);
  }
  return changed;
}

/**
 * Moves files or folders (old name → new name, relative to the notes folder) as an editor announces it
 * before the move, and gives the changed notes' texts by their old names, as the edits leave them.
 */
export async function afterMoves(files: Files, moves: Record<string, string>): Promise<Files> {
  const { index } = await indexOf(files);
  const edits = await linkEditsForMoves(
    index,
    Object.entries(moves).map(([from, to]) => ({ oldUri: noteUri(from), newUri: noteUri(to) })),
  );
  const changed: Files = {};
  for (const { uri, edits: noteEdits } of edits) {
    const name = decodeURIComponent(uri.slice(noteUri('').length));
    changed[name] = applyEdits(String(files[name]), noteEdits);
  }
  return changed;
}
