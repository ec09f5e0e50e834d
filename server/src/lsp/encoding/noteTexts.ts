// The texts positions are converted against: the client's open notes as it has sent them (kept here
// because a change's range counts in the text before it, which the server's own copy may not have reached
// yet), and other notes read from disk with the same decoding the index uses.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { decodeSteps } from '../../parse/decode';
import { finish } from '../../parse/steps';

/** The text of one line, without its line break. */
export type LineOf = (line: number) => string;

export class NoteTexts {
  private readonly open = new Map<string, TextDocument>();

  opened(uri: string, text: string): void {
    this.open.set(uri, TextDocument.create(uri, 'markdown', 0, text));
  }

  /** Applies changes already counted in UTF-16, as the client applied them. */
  changed(uri: string, changes: TextDocumentContentChangeEvent[]): void {
    const document = this.open.get(uri);
    if (document) this.open.set(uri, TextDocument.update(document, changes, document.version + 1));
  }

  closed(uri: string): void {
    this.open.delete(uri);
  }

  /** Lines of an open note; undefined for a note the client has not opened. */
  openLines(uri: string): LineOf | undefined {
    const document = this.open.get(uri);
    return document && linesOf(document);
  }

  /** Lines of notes the client has not opened, read now; a note that cannot be read is left out. */
  async readLines(uris: Iterable<string>): Promise<Map<string, LineOf>> {
    const read = new Map<string, LineOf>();
    await Promise.all(
      [...uris].map(async (uri) => {
        const text = await readNote(uri);
        if (text !== undefined) read.set(uri, linesOf(TextDocument.create(uri, 'markdown', 0, text)));
      }),
    );
    return read;
  }
}

function linesOf(document: TextDocument): LineOf {
  return (line) => document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

async function readNote(uri: string): Promise<string | undefined> {
  try {
    const decoded = finish(decodeSteps(await readFile(fileURLToPath(uri))));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}
