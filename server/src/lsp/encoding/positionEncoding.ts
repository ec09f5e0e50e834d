// How a client counts the character of a position. The index and every feature count UTF-16 code units,
// as JavaScript strings do; a client that prefers to count UTF-8 bytes or code points (Neovim, Helix and
// most terminal editors) is answered in its own units, converted at the edge of the connection.

export type PositionEncoding = 'utf-8' | 'utf-16' | 'utf-32';

const SUPPORTED: readonly string[] = ['utf-8', 'utf-16', 'utf-32'];

/** What a client says about encodings in its initialize request, standard and older clangd-style forms. */
export interface EncodingOffer {
  /** LSP 3.17 `capabilities.general.positionEncodings`, most preferred first. */
  positionEncodings?: unknown;
  /** `capabilities.offsetEncoding`, the earlier extension that Neovim before 0.10 sends. */
  offsetEncoding?: unknown;
}

/** The first encoding the client lists that the server supports; UTF-16, the protocol's default, otherwise. */
export function negotiateEncoding(offer: EncodingOffer): PositionEncoding {
  for (const listed of [offer.positionEncodings, offer.offsetEncoding]) {
    if (!Array.isArray(listed)) continue;
    const chosen = listed.find((name): name is PositionEncoding => typeof name === 'string' && SUPPORTED.includes(name));
    if (chosen) return chosen;
  }
  return 'utf-16';
}

/** The UTF-16 column of a client's `character` on a line; past the line's end the surplus is kept as it is. */
export function toUtf16Column(line: string, character: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return character;
  let units = 0;
  let counted = 0;
  while (units < line.length && counted < character) {
    const code = line.codePointAt(units) ?? 0;
    const width = unitsOf(code, encoding);
    // A count that stops inside a character stays before it, as the protocol asks.
    if (counted + width > character) return units;
    counted += width;
    units += code > 0xffff ? 2 : 1;
  }
  return units + Math.max(0, character - counted);
}

/** A UTF-16 column as the client counts it; a column inside a surrogate pair counts the whole character. */
export function fromUtf16Column(line: string, column: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return column;
  let units = 0;
  let counted = 0;
  while (units < line.length && units < column) {
    const code = line.codePointAt(units) ?? 0;
    counted += unitsOf(code, encoding);
    units += code > 0xffff ? 2 : 1;
  }
  return counted + Math.max(0, column - units);
}

function unitsOf(codePoint: number, encoding: 'utf-8' | 'utf-32'): number {
  if (encoding === 'utf-32') return 1;
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
