import type { Position, Range } from '../parse/facts';

export function contains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** Just inside a mention's start: a mention ending where this one starts also covers its start. */
export function insideStart(range: Range): Position {
  const { start, end } = range;
  return end.line === start.line && end.character > start.character ? { line: start.line, character: start.character + 1 } : start;
}
