/** What went wrong in a parse, in words a note's author can act on. */
export function describeError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the note is nested too deeply to parse';
  return error instanceof Error ? error.message : String(error);
}
