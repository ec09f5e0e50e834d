// When notes, images or folders are renamed or moved: the edits that keep every relative link pointing
// at the same file, both the links into what moves (from any note, found in the link graph) and the links
// out of a note that moves (its relative paths start from a new folder). Each new path is spelled the way
// the note spelled the old one (see linkSpelling.ts). Wiki links, which name notes rather than paths,
// change only where a note's name (or a path they write) does: see wikiMoves.ts.

import { URI } from 'vscode-uri';
import { canonicalUri, classifyTarget, resolveLocalTarget, type LocalTarget } from '../../parse/links/target';
import { relativePath, spellPathLike } from '../edits/linkSpelling';
import {
  EditsByNote,
  notesWithText,
  subRange,
  writtenTargets,
  type NoteEdit,
  type NotesWithText,
  type NoteWithText,
  type TextEditLike,
} from '../edits/noteEdits';
import { wikiMoves } from './wikiMoves';

export interface FileMove {
  oldUri: string;
  newUri: string;
}

/** The edits keeping links right when the files and folders move as said; none when nothing links across a move. */
export async function linkEditsForMoves(index: NotesWithText, moves: readonly FileMove[]): Promise<NoteEdit[]> {
  const moved = movedBy(moves);
  const affected = new Set<string>();
  for (const move of moves) {
    for (const uri of index.linkGraph.notesLinkingTo(move.oldUri)) affected.add(uri);
    for (const uri of notesMovedBy(index, canonicalUri(move.oldUri))) affected.add(uri);
  }
  const wiki = wikiMoves(index, moved);
  for (const uri of wiki.notes) affected.add(uri);
  const edits = new EditsByNote();
  for (const note of await notesWithText(index, affected)) {
    for (const edit of [...pathEdits(note, moved, index.linkGraph.folders), ...wiki.edits(note)]) edits.add(note, edit);
  }
  return edits.notes;
}

/** Where a file (canonical URI) goes: the new URI, or undefined when none of the moves takes it along. */
type MovedTo = (canonical: string) => string | undefined;

function movedBy(moves: readonly FileMove[]): MovedTo {
  const canonical = moves.map((move) => ({ from: stripSlash(canonicalUri(move.oldUri)), to: stripSlash(canonicalUri(move.newUri)) }));
  return (uri) => {
    for (const { from, to } of canonical) {
      if (uri === from) return to;
      if (uri.startsWith(`${from}/`)) return to + uri.slice(from.length);
    }
    return undefined;
  };
}

/** The note at `canonical`, or the notes under it when it is a folder: the index's list of notes, not the disk, is read. */
function notesMovedBy(index: NotesWithText, canonical: string): string[] {
  const note = index.linkGraph.noteAt(canonical);
  if (note) return [note];
  const prefix = `${stripSlash(canonical)}/`;
  return index.noteUris().filter((uri) => canonicalUri(uri).startsWith(prefix));
}

/** The edits of one note's link paths that a move changes: what they point at moved, or the note did. */
function pathEdits(note: NoteWithText, moved: MovedTo, folders: readonly string[]): TextEditLike[] {
  const edits: TextEditLike[] = [];
  const noteFrom = canonicalUri(note.uri);
  const noteTo = moved(noteFrom) ?? noteFrom;
  for (const written of writtenTargets(note)) {
    const target = classifyTarget(written.target);
    if (target.kind !== 'local' || !target.path) continue;
    const from = resolveLocalTarget(target, note.uri, folders);
    if (!from) continue;
    const to = moved(from) ?? from;
    if (to === from && (noteTo === noteFrom || target.rootRelative)) continue;
    const writtenPath = classifyTarget(written.source);
    if (writtenPath.kind !== 'local') continue;
    const spelled = spellPathLike(writtenPath.writtenPath, newPath(target, noteTo, to, folders), written.angle);
    if (spelled !== writtenPath.writtenPath) {
      edits.push({ range: subRange(note, written.range, 0, writtenPath.writtenPath.length), newText: spelled });
    }
  }
  return edits;
}

/** The decoded path from where the note will be to where the file will be, `/`-rooted at its workspace folder if it was. */
function newPath(target: LocalTarget, noteUri: string, fileUri: string, folders: readonly string[]): string {
  const filePath = URI.parse(fileUri).path;
  if (target.rootRelative) {
    const folder = folders
      .map((candidate) => stripSlash(URI.parse(candidate).path))
      .find((candidate) => filePath.startsWith(`${candidate}/`));
    if (folder) return filePath.slice(folder.length);
  }
  return relativePath(URI.parse(noteUri).path, filePath);
}

function stripSlash(value: string): string {
  return value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value;
}
