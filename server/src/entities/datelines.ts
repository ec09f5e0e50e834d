// `- **BERT** [[Google]]() Oct 2018 [[open]](…)  BERT: Pre-training of …`: a list of models writes, after
// each name, when it came out and whether it is open. That says when, not what: the description is what
// follows. Anchored, bounded patterns only: a summary may be any text of any length.

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.?';
const DATELINE = new RegExp(`^\\s*(?:${MONTH}\\s+(?:\\d{1,2},?\\s+)?(?:19|20)\\d{2}|(?:19|20)\\d{2}[-./](?:0?[1-9]|1[0-2]))(?![\\w])`, 'i');
/** `[close]`, `[open]`, `</>`, a `*` flag: marks beside a dateline, not words of a description. */
const MARK = /^\s*(?:\[[A-Za-z]{2,12}\]?|<\/>|\*)(?=\s|$)/;
const MAX_MARKS = 4;

/** A description without the date and the marks it opens with; unchanged when it opens with no date. */
export function withoutDateline(text: string): string {
  let rest = text;
  let dated = false;
  for (let step = 0; step < MAX_MARKS; step++) {
    const date: RegExpExecArray | null = dated ? null : DATELINE.exec(rest);
    const mark = date ?? MARK.exec(rest);
    if (!mark) break;
    dated ||= date !== null;
    rest = rest.slice(mark[0].length);
  }
  return dated ? rest.trimStart() : text;
}
