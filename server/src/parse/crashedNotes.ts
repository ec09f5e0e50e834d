import { createHash } from 'node:crypto';

/**
 * Notes whose parse cost a worker (it ran out of memory, crashed or hung), by the text that did it.
 * A text that did so `limit` times is not parsed again until it changes: a note open in the editor,
 * or read again after every change on disk, would otherwise cost a worker each time.
 */
export class CrashedNotes {
  private readonly crashes = new Map<string, { hash: string; count: number }>();

  constructor(private readonly limit = 2) {}

  record(uri: string, text: string): void {
    const hash = hashOf(text);
    const previous = this.crashes.get(uri);
    this.crashes.set(uri, { hash, count: previous?.hash === hash ? previous.count + 1 : 1 });
  }

  /** Why this text of the note is not parsed, or undefined when it may be. */
  refusal(uri: string, text: string): string | undefined {
    const crashes = this.crashes.get(uri);
    // Only notes that crashed are hashed: every other parse costs nothing here.
    if (!crashes || crashes.count < this.limit) return undefined;
    if (crashes.hash !== hashOf(text)) {
      this.crashes.delete(uri);
      return undefined;
    }
    return `not parsed: it stopped the parser ${crashes.count} times; it is read again once it changes`;
  }
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
