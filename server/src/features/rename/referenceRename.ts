// Renaming a reference label within its note: every `[label]: url` definition and every use of it
// (`[text][label]`, and `[label][]` or `[label]`, which become `[label][new]` so that their text stays).

import { definitionsByLabel, normalizeLabel } from '../../parse/links/references';
import { sourceAt, subRange, type NoteEdit, type NoteWithText, type Refusal, type TextEditLike } from '../edits/noteEdits';
import { referenceForm } from './renameTarget';

export function renameReference(note: NoteWithText, label: string, newLabel: string): NoteEdit[] | Refusal {
  const wanted = newLabel.trim();
  const problem = labelProblem(wanted);
  if (problem) return { refused: problem };
  const newKey = normalizeLabel(wanted);
  if (newKey !== label && definitionsByLabel(note.facts).has(newKey))
    return { refused: `[${wanted}] is defined in this note already: renaming onto it would merge two references` };
  const edits: TextEditLike[] = [];
  for (const definition of note.facts.referenceDefinitions) {
    if (normalizeLabel(definition.label) !== label) continue;
    const source = sourceAt(note, definition.range);
    const close = source.indexOf(']:');
    if (source.startsWith('[') && close > 0) edits.push({ range: subRange(note, definition.range, 1, close - 1), newText: wanted });
  }
  for (const link of note.facts.links) {
    if (link.kind !== 'reference' || normalizeLabel(link.referenceLabel ?? '') !== label) continue;
    const source = sourceAt(note, link.range);
    const form = referenceForm(source);
    if (!form) continue;
    if (form.form === 'full') edits.push({ range: subRange(note, link.range, form.labelStart, form.label.length), newText: wanted });
    else if (form.form === 'collapsed') edits.push({ range: subRange(note, link.range, source.length - 2, 2), newText: `[${wanted}]` });
    else edits.push({ range: subRange(note, link.range, source.length, 0), newText: `[${wanted}]` });
  }
  return [{ uri: note.uri, text: note.text, edits }];
}

/** Why a label cannot be written as it is, or undefined. */
function labelProblem(label: string): string | undefined {
  if (!label) return 'A reference label needs some text';
  if (/[\r\n]/.test(label)) return 'A reference label must stay on one line';
  if (/(^|[^\\])[[\]]/.test(label)) return 'A reference label cannot hold [ or ] (write \\[ or \\])';
  if (label.length > 999) return 'A reference label can be at most 999 characters long';
  return undefined;
}
