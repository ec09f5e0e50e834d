import type { Position, Range } from './facts';

/**
 * Converts UTF-16 offsets to LSP positions and back for one text. A map restored from the index cache
 * has the line starts but not the text: it converts positions all the same, and reads line ends as if
 * lines broke with `\n` (only notes open in an editor, which always have their text, are edited).
 */
export class LineMap {
  /** Shared with other maps of the same text (and with the index cache's numbers): never changed. */
  readonly lineStarts: Uint32Array;
  private readonly length: number;
  private readonly text?: string;
  /** For a map without its text whose lines broke with `\r\n` or `\r`: each line break's width. */
  private breakWidths?: Uint8Array;

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = Uint32Array.from(starts);
    this.length = text.length;
    this.text = text;
  }

  /** The map of a text whose line starts are known already (worked out by a parse worker, say). */
  static withLineStarts(text: string, lineStarts: Uint32Array): LineMap {
    const map = LineMap.fromLineStarts(lineStarts, text.length) as unknown as { text: string };
    map.text = text;
    return map as unknown as LineMap;
  }

  /** A map of a text that is not at hand, from its line starts (kept as they are, never changed) and length. */
  static fromLineStarts(lineStarts: Uint32Array, length: number): LineMap {
    const map = Object.create(LineMap.prototype) as { lineStarts: Uint32Array; length: number };
    map.lineStarts = lineStarts;
    map.length = length;
    return map as unknown as LineMap;
  }

  /**
   * The same map without the text, for a note whose text is let go: positions convert as before and line
   * ends stay exact, but `lineText` reads empty.
   */
  withoutText(): LineMap {
    if (this.text === undefined) return this;
    const map = LineMap.fromLineStarts(this.lineStarts, this.length);
    if (this.text.includes('\r')) {
      const widths = new Uint8Array(this.lineStarts.length);
      for (let line = 0; line + 1 < this.lineStarts.length; line++) widths[line] = this.lineStarts[line + 1] - this.lineEnd(line);
      map.breakWidths = widths;
    }
    return map;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Length of the text in UTF-16 code units. */
  get textLength(): number {
    return this.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.length;
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.length;
    if (this.text === undefined) {
      if (line + 1 >= this.lineStarts.length) return next;
      return next - (this.breakWidths ? this.breakWidths[line] : 1);
    }
    let end = next;
    while (end > this.lineStarts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  /** A line's content; empty for a map without its text. */
  lineText(line: number): string {
    return this.text?.slice(this.lineStart(line), this.lineEnd(line)) ?? '';
  }
}
