// Keeps a run's output within a fixed budget: the first half and the last half of the budget
// are kept, whatever lies between is counted and dropped as it arrives. A snippet printing
// 200 MB therefore costs a few MB of memory, and the user still sees how it started and ended.

export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface CappedText {
  text: string;
  truncated: boolean;
  /** Every byte the process wrote, kept or not. */
  totalBytes: number;
  omittedBytes: number;
}

export class CappedOutput {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  /** The tail is a queue of chunks; the oldest are dropped or trimmed once it is over budget. */
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private dropped = 0;
  private total = 0;

  constructor(maxBytes: number = DEFAULT_MAX_OUTPUT_BYTES) {
    const limit = Math.max(2, Math.floor(maxBytes));
    this.headLimit = Math.floor(limit / 2);
    this.tailLimit = limit - this.headLimit;
  }

  /** Chunks should end on whole UTF-8 characters (see Utf8Chunker); cut points are fixed up anyway. */
  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(rest.length, this.headLimit - this.headBytes);
      // Copy: the head lives for the whole run and should not pin a larger pooled buffer.
      this.head.push(Buffer.from(rest.subarray(0, take)));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length > 0) this.pushTail(rest);
  }

  private pushTail(chunk: Buffer): void {
    if (chunk.length >= this.tailLimit) {
      // One chunk replaces the whole tail; only its end is kept.
      this.dropped += this.tailBytes + chunk.length - this.tailLimit;
      this.tail = [Buffer.from(chunk.subarray(chunk.length - this.tailLimit))];
      this.tailBytes = this.tailLimit;
      return;
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const excess = this.tailBytes - this.tailLimit;
    if (excess > 0) {
      dropFront(this.tail, excess);
      this.tailBytes -= excess;
      this.dropped += excess;
    }
  }

  get totalBytes(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** The kept output as text, with a marker line where output was dropped. */
  result(): CappedText {
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    if (this.dropped === 0) {
      const text = Buffer.concat([head, tail]).toString('utf8');
      return { text, truncated: false, totalBytes: this.total, omittedBytes: 0 };
    }
    // Cutting mid-character would show replacement characters at the seams; move the cuts.
    const headEnd = completeUtf8Length(head);
    const tailStart = skipUtf8Continuation(tail);
    const omitted = this.dropped + (head.length - headEnd) + tailStart;
    const headText = head.subarray(0, headEnd).toString('utf8');
    const tailText = tail.subarray(tailStart).toString('utf8');
    const separator = headText === '' || headText.endsWith('\n') ? '' : '\n';
    const text = `${headText}${separator}${truncationMarker(omitted)}\n${tailText}`;
    return { text, truncated: true, totalBytes: this.total, omittedBytes: omitted };
  }
}

/** The line that stands where output was left out. */
export function truncationMarker(omittedBytes: number): string {
  return `… [marginalia: ${formatBytes(omittedBytes)} of output omitted] …`;
}

/** `512 bytes`, `12.3 KB`, `12.3 MB`, `1.2 GB` (binary multiples, as tools usually print them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Length of the longest prefix of `buf` that does not end inside a multi-byte character. */
export function completeUtf8Length(buf: Buffer): number {
  // Walk back over at most three continuation bytes to the lead byte of the last character.
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (buf[i] & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i];
  const needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return needed > continuation ? i : buf.length;
}

/** Number of continuation bytes at the start of `buf` (the rest of a character cut off before it). */
export function skipUtf8Continuation(buf: Buffer): number {
  let i = 0;
  while (i < buf.length && i < 3 && (buf[i] & 0xc0) === 0x80) i++;
  return i;
}

/**
 * Splits one stream's chunks at whole characters, holding back a character cut in two until
 * its remaining bytes arrive. stdout and stderr are interleaved into one output, so a character
 * split across two reads of one stream must not have the other stream's bytes land inside it.
 */
export class Utf8Chunker {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer {
    const joined = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const complete = completeUtf8Length(joined);
    this.pending = Buffer.from(joined.subarray(complete));
    return joined.subarray(0, complete);
  }

  /** Whatever is held back when the stream ends (an incomplete character, shown as U+FFFD). */
  end(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}

/** Removes the first `count` bytes of a queue of chunks: whole chunks first, then part of the next. */
export function dropFront(chunks: Buffer[], count: number): void {
  let left = count;
  while (left > 0 && chunks.length > 0) {
    const first = chunks[0];
    if (first.length <= left) {
      chunks.shift();
      left -= first.length;
    } else {
      chunks[0] = first.subarray(left);
      left = 0;
    }
  }
}
