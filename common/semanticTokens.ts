// Semantic tokens as LSP sends them: five numbers a token, each position relative to the token before.
// The server encodes the names it marks; the VS Code client decodes them again to underline those names.
import { ENTITY_TOKEN_MODIFIERS, type EntityTokenModifier } from './protocol';

/** A name the index resolves, on one line, as the editor marks it. */
export interface MarkedName {
  line: number;
  /** UTF-16 code units from the start of the line. */
  character: number;
  length: number;
  modifiers: readonly EntityTokenModifier[];
}

/** The numbers of `SemanticTokens.data` for names in document order, all of the legend's one token type. */
export function encodeMarkedNames(names: readonly MarkedName[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const name of names) {
    const deltaLine = name.line - line;
    data.push(deltaLine, deltaLine === 0 ? name.character - character : name.character, name.length, 0, modifierBits(name.modifiers));
    line = name.line;
    character = name.character;
  }
  return data;
}

/** The names in `SemanticTokens.data` that are of the legend's entity type (index 0); other types are skipped. */
export function decodeMarkedNames(data: ArrayLike<number>): MarkedName[] {
  const names: MarkedName[] = [];
  let line = 0;
  let character = 0;
  for (let at = 0; at + 4 < data.length; at += 5) {
    line += data[at];
    character = data[at] === 0 ? character + data[at + 1] : data[at + 1];
    if (data[at + 3] !== 0) continue;
    const modifiers = ENTITY_TOKEN_MODIFIERS.filter((_, bit) => (data[at + 4] & (1 << bit)) !== 0);
    names.push({ line, character, length: data[at + 2], modifiers });
  }
  return names;
}

function modifierBits(modifiers: readonly EntityTokenModifier[]): number {
  let bits = 0;
  for (const modifier of modifiers) bits |= 1 << ENTITY_TOKEN_MODIFIERS.indexOf(modifier);
  return bits;
}
