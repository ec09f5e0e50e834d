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

/**
 * Converts columns of one line, walking it once for columns asked in increasing order (a line's semantic
 * tokens, a reference list's ranges): a column lower than the last one starts the walk again from the
 * line's start. A line of ASCII is the same in every encoding and is not walked at all.
 */
export class LineColumns {
  private readonly ascii: boolean;
  private units = 0;
  private counted = 0;

  constructor(
    private readonly line: string,
    private readonly encoding: PositionEncoding,
  ) {
    this.ascii = encoding === 'utf-16' || /^[\x00-\x7f]*$/.test(line);
  }

  /** The UTF-16 column of a client's `character`; a count that stops inside a character stays before it. */
  toUtf16(character: number): number {
    if (this.ascii) return character;
    if (character < this.counted) this.restart();
    while (this.units < this.line.length && this.counted < character) {
      const code = this.line.codePointAt(this.units) ?? 0;
      if (this.counted + unitsOf(code, this.encoding) > character) return this.units;
      this.step(code);
    }
    // Past the line's end the surplus is carried over unit for unit.
    return this.units + Math.max(0, character - this.counted);
  }

  /** A UTF-16 column as the client counts it; a column inside a surrogate pair counts the whole character. */
  fromUtf16(column: number): number {
    if (this.ascii) return column;
    if (column < this.units) this.restart();
    while (this.units < this.line.length && this.units < column) this.step(this.line.codePointAt(this.units) ?? 0);
    return this.counted + Math.max(0, column - this.units);
  }

  private step(code: number): void {
    this.units += code > 0xffff ? 2 : 1;
    this.counted += unitsOf(code, this.encoding);
  }

  private restart(): void {
    this.units = 0;
    this.counted = 0;
  }
}

function unitsOf(codePoint: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return codePoint > 0xffff ? 2 : 1;
  if (encoding === 'utf-32') return 1;
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
