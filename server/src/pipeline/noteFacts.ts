// Where parse/ and entities/ meet: a note's text to its full facts, the parse pipeline with the entity
// extractors plugged in. parse/ knows only the shape of an extractor and entities/ reads parse/'s
// trees, so neither imports the other the wrong way; everything that turns text into facts (the parse
// worker, the in-process parser, the CLI's `run`) comes here.

import { extractEntities } from '../entities/extractEntities';
import type { NoteFacts } from '../parse/facts';
import type { LineMap } from '../parse/lineMap';
import { parseNoteWith } from '../parse/parseNote';

/**
 * Parses one note into facts, entity candidates included, in one pass over its syntax tree. Never throws.
 * `lines` saves finding the line starts again; `pieceChars` sets how large a note is parsed in pieces.
 */
export function parseNote(uri: string, text: string, lines?: LineMap, pieceChars?: number): NoteFacts {
  return parseNoteWith(extractEntities, uri, text, lines, pieceChars);
}
