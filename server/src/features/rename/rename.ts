// A rename's edits, whichever kind of thing the position named.

import type { NoteEdit, NotesWithText, NoteWithText, Refusal } from '../edits/noteEdits';
import { renameHeading } from './headingRename';
import { renameReference } from './referenceRename';
import type { RenameTarget } from './renameTarget';

/** The edits renaming `target`, found at a position of `note`, to `newName`; references are the note's own. */
export function renameEdits(
  index: NotesWithText,
  note: NoteWithText,
  target: RenameTarget,
  newName: string,
): Promise<NoteEdit[] | Refusal> {
  if (target.kind === 'heading') return renameHeading(index, target.note, target.heading, newName);
  return Promise.resolve(renameReference(note, target.label, newName));
}
