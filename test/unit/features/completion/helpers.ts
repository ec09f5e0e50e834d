import {
  completionsAt,
  type CompletionAnswer,
  type CompletionEntry,
  type CompletionSettings,
} from '../../../../server/src/features/completion/completion';
import { indexOf, noteUri } from '../../helpers';

/** Where the cursor is in a note of a test: the one `‸` in its text. */
export const CURSOR = '‸';

/**
 * Indexes the notes (the cursor mark taken out) on an in-memory workspace and asks for completions at
 * the mark in `note`, as the server does for an editor holding that text.
 */
export async function completeIn(
  files: Record<string, string>,
  note: string,
  settings: CompletionSettings = { entityLinks: 'name' },
): Promise<CompletionAnswer & { text: string }> {
  const marked = files[note];
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error(`no ${CURSOR} in ${note}`);
  const text = marked.replace(CURSOR, '');
  const { index } = await indexOf({ ...files, [note]: text });
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const lines = text.split('\n');
  const answer = completionsAt(index, { uri: noteUri(note), position, lineText: (line) => lines[line] ?? '' }, settings);
  return { ...answer, text };
}

export function labels(answer: CompletionAnswer): string[] {
  return answer.items.map((item) => item.label);
}

/** The cursor's line once the item is accepted: what the user sees. */
export function accepted(text: string, item: CompletionEntry): string {
  const line = text.split('\n')[item.range.start.line];
  return line.slice(0, item.range.start.character) + item.newText + line.slice(item.range.end.character);
}

export function itemLabelled(answer: CompletionAnswer, label: string): CompletionEntry {
  const item = answer.items.find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no item '${label}' among ${labels(answer).join(', ')}`);
  return item;
}
