// When notes, files or folders are renamed or moved: the wiki links naming a note or an embedded file
// (as the wiki-link check resolves them) that would no longer name it. Wiki links name notes by file name or
// by the end of their path, so a link that still names the note alone afterwards is left as written:
// `[[note]]` when only the folder changes, `[[llm/note]]` when a folder above `llm` is renamed. Any other
// gets the new name, with as many folders as it wrote (all of them when it wrote the whole path), and more
// where fewer would also name another note; `#heading` and `|alias` stay, and so does the spelling of the
// names that stay. Embeds name files the same way, extension kept (`![[arch.png]]`).

import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { normalizeName } from '../../entities/names';
import type { NotesView } from '../../index/notesView';
import { canonicalUri } from '../../parse/links/target';
import type { NoteWithText, TextEditLike } from '../edits/noteEdits';
import { notesWithWikiLinks, partRange, writtenWikiLinks } from '../edits/wikiTargets';
import { notesNamed } from '../links/wiki';
import { hasNoteExtension, notesByWikiName, wikiPathSegments, withoutNoteExtension } from '../links/wikiNames';

/** What the moves do to wiki links: the notes holding links they change, and the edits of one such note. */
export interface WikiMoves {
  notes: string[];
  edits(note: NoteWithText): TextEditLike[];
}

/** What a wiki link cannot hold in its note part: `#` and `|` would end it, brackets break it. */
const NOT_IN_WIKI_NAME = /[#|[\]]/;

const NONE: WikiMoves = { notes: [], edits: () => [] };

/** `movedTo` gives where a file goes (canonical URIs), undefined for one that stays. */
export function wikiMoves(index: NotesView, movedTo: (canonical: string) => string | undefined): WikiMoves {
  // Images and other files are named by wiki embeds (`![[arch.png]]`) the way notes are, extension kept.
  const files = index.linkGraph.existingOtherFiles();
  const uris = [...index.noteUris(), ...files];
  const newUris = new Map<string, string>();
  for (const uri of uris) {
    const to = movedTo(canonicalUri(uri));
    if (to !== undefined) newUris.set(uri, to);
  }
  if (newUris.size === 0) return NONE;
  const notes = notesWithWikiLinks(index, (linked, parts) => parts.note.text !== '' && newUris.has(linked));
  if (notes.length === 0) return NONE;
  const folders = index.linkGraph.folders;
  // Names are weighed as they will be once every move is done: a new name may be another note's, or free up.
  const after = notesByWikiName(
    uris.map((uri) => newUris.get(uri) ?? uri),
    folders,
  );
  const namer = new WikiNamer(after, folders);
  return { notes, edits: (note) => wikiNameEdits(index, note, newUris, namer) };
}

function wikiNameEdits(index: NotesView, note: NoteWithText, newUris: ReadonlyMap<string, string>, namer: WikiNamer): TextEditLike[] {
  const edits: TextEditLike[] = [];
  for (const link of writtenWikiLinks(index, note)) {
    const newUri = link.linked && newUris.get(link.linked);
    if (!link.parts.note.text || !link.linked || !newUri) continue;
    const spelled = namer.name(link.parts.note.text, link.linked, newUri);
    if (spelled !== link.parts.note.text) edits.push({ range: partRange(note, link, link.parts.note), newText: spelled });
  }
  return edits;
}

/** Names for moved notes, as wiki links will resolve them once every move is done. */
class WikiNamer {
  constructor(
    private readonly after: Map<string, string[]>,
    private readonly folders: readonly string[],
  ) {}

  /** The note part naming the note at `newUri`, written the way `written` named it at `oldUri`. */
  name(written: string, oldUri: string, newUri: string): string {
    if (this.names(written, newUri)) return written;
    const newPath = wikiPathSegments(newUri, this.folders);
    const writtenPath = withoutNoteExtension(written).split('/');
    // A name alone (the note was at the top) stays a name alone; a path that was whole stays whole.
    const wholePath = writtenPath.length > 1 && writtenPath.length >= wikiPathSegments(oldUri, this.folders).length;
    let count = wholePath ? newPath.length : Math.min(writtenPath.length, newPath.length);
    while (count < newPath.length && !this.names(newPath.slice(-count).join('/'), newUri)) count++;
    const extension = hasNoteExtension(written) ? path.posix.extname(URI.parse(newUri).path) : '';
    const spelled = spellLike(newPath.slice(-count), writtenPath) + extension;
    // A name a wiki link cannot hold is left for the user: the link's diagnostic will say it no longer resolves.
    return NOT_IN_WIKI_NAME.test(spelled) ? written : spelled;
  }

  /** Whether `name` names the note at `uri`, and no other, after the moves. */
  private names(name: string, uri: string): boolean {
    const found = notesNamed({ notes: this.after }, name);
    return found.length === 1 && found[0] === uri;
  }
}

/** Segments of a new path, each written as the link wrote it where its name stays (`[[Papers/LLM/x]]` keeps `LLM`). */
function spellLike(segments: readonly string[], written: readonly string[]): string {
  const spellings = new Map(written.map((segment) => [normalizeName(segment), segment]));
  return segments.map((segment) => spellings.get(normalizeName(segment)) ?? segment).join('/');
}
