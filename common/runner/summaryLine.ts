/** Longer summary lines are cut: a summary is one line beside a snippet, not its output. */
const MAX_LINE = 160;

export function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}
