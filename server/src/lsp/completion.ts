import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { completionsAt, type CompletionEntry, type EntryKind } from '../features/completion/completion';
import type { ServerContext } from './context';

/** `(` and `/` for paths, `#` for anchors, `[` for wiki links and reference labels; names complete as words. */
export const TRIGGER_CHARACTERS = ['(', '/', '#', '['];

export function capabilities(): ServerCapabilities {
  return { completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false } };
}

const KINDS: Record<EntryKind, CompletionItemKind> = {
  folder: CompletionItemKind.Folder,
  file: CompletionItemKind.File,
  note: CompletionItemKind.File,
  heading: CompletionItemKind.Reference,
  reference: CompletionItemKind.Reference,
  entity: CompletionItemKind.Module,
};

/** Links, anchors, wiki links, reference labels and entity names as they are typed. */
export function register(context: ServerContext): void {
  context.connection.onCompletion(async ({ textDocument, position }): Promise<CompletionList | null> => {
    // The editor's text says what is being typed; the index may be an edit behind, which costs a list
    // nothing (headings, files and names rarely change in the keystroke before), and waiting for the
    // note's parse would hold every keystroke's list up behind it.
    const index = context.index() ?? (await context.ready(textDocument.uri));
    const document = context.documents.get(textDocument.uri);
    if (!index || !document) return null;
    const lineText = (line: number) =>
      document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    const answer = completionsAt(index, { uri: textDocument.uri, position, lineText }, context.config().completion);
    return { isIncomplete: answer.isIncomplete, items: answer.items.map(toItem) };
  });
}

function toItem(entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: KINDS[entry.kind],
    ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    ...(entry.documentation === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } }),
    textEdit: { range: entry.range, newText: entry.newText },
    ...(entry.filterText === undefined ? {} : { filterText: entry.filterText }),
    ...(entry.sortText === undefined ? {} : { sortText: entry.sortText }),
  };
}
