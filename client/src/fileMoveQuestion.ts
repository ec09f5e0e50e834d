// The question VS Code asks before links follow a moved file (marginalia.links.updateOnFileMove: "ask").
// Plain text, no editor API, so it can be tested on its own.

export interface FileMoveQuestion {
  message: string;
  detail: string;
}

/** What the user is asked, given how many links change in how many notes and the names of what moves. */
export function fileMoveQuestion(links: number, notes: number, moved: readonly string[]): FileMoveQuestion {
  const what = moved.length === 1 ? moved[0] : `${moved.length} files and folders`;
  return {
    message: `Update ${plural(links, 'link')} in ${plural(notes, 'note')}?`,
    detail: `${what} ${moved.length === 1 ? 'is' : 'are'} moving. Updating keeps the links to it and in it pointing at the same files; marginalia.links.updateOnFileMove chooses whether to ask.`,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
