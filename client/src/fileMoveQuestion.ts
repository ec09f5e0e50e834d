// The question VS Code asks before links follow a moved file (marginalia.links.updateOnFileMove: "ask").
// Plain text, no editor API, so it can be tested on its own.
import { counts } from './format';
import { l10n } from './l10n';

export interface FileMoveQuestion {
  message: string;
  detail: string;
}

/** What the user is asked, given how many links change in how many notes and the names of what moves. */
export function fileMoveQuestion(links: number, notes: number, moved: readonly string[]): FileMoveQuestion {
  const settingNote = l10n.t('marginalia.links.updateOnFileMove chooses whether to ask.');
  return {
    message: l10n.t('Update {0} in {1}?', counts.links(links), counts.notes(notes)),
    detail:
      moved.length === 1
        ? l10n.t('{0} is moving. Updating keeps the links to it and in it pointing at the same files; {1}', moved[0], settingNote)
        : l10n.t(
            '{0} files and folders are moving. Updating keeps the links to them and in them pointing at the same files; {1}',
            moved.length,
            settingNote,
          ),
  };
}
