// Streams output to a host (an output channel, a terminal) while a snippet runs. Updates are
// batched so a chatty process causes at most one UI update per interval, and each batch is
// capped so `yes` cannot flood the host between two updates. A host that must get every byte
// (the CLI writing to a file or a pipe) sets no cap: then nothing is skipped, and a large batch
// is delivered at once instead of piling up until the next interval.
import { completeUtf8Length, dropFront, formatBytes, skipUtf8Continuation } from './cappedOutput';

export const DEFAULT_THROTTLE_MS = 100;
export const DEFAULT_MAX_LIVE_BATCH_BYTES = 64 * 1024;
/** Without a cap, pending output is delivered once it reaches this, whatever the interval. */
const UNCAPPED_FLUSH_BYTES = 1024 * 1024;

export class LiveOutput {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipped = 0;
  private lastFlush = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly onOutput: (text: string) => void,
    private readonly throttleMs: number = DEFAULT_THROTTLE_MS,
    private readonly maxBatchBytes: number = DEFAULT_MAX_LIVE_BATCH_BYTES,
  ) {}

  push(chunk: Buffer): void {
    if (this.closed || chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (!Number.isFinite(this.maxBatchBytes)) {
      if (this.pendingBytes >= UNCAPPED_FLUSH_BYTES) this.flush();
      else this.schedule();
      return;
    }
    this.dropOldest();
    this.schedule();
  }

  /** Keeps only the newest bytes of a batch: live output is for watching, the result keeps the rest. */
  private dropOldest(): void {
    const excess = this.pendingBytes - this.maxBatchBytes;
    if (excess <= 0) return;
    dropFront(this.pending, excess);
    this.pendingBytes -= excess;
    this.skipped += excess;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.throttleMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Delivers what is pending now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pendingBytes === 0 && this.skipped === 0) return;
    let batch = Buffer.concat(this.pending);
    let prefix = '';
    if (this.skipped > 0) {
      const start = skipUtf8Continuation(batch);
      this.skipped += start;
      batch = batch.subarray(start);
      prefix = `… [marginalia: ${formatBytes(this.skipped)} not shown while running] …\n`;
    }
    // Hold back a split character for the next batch rather than show half of it.
    const complete = this.closed ? batch.length : completeUtf8Length(batch);
    const rest = batch.subarray(complete);
    this.pending = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.pendingBytes = rest.length;
    this.skipped = 0;
    this.lastFlush = Date.now();
    const text = prefix + batch.subarray(0, complete).toString('utf8');
    if (text === '') return;
    try {
      this.onOutput(text);
    } catch {
      // A failing display must not take the run (or the server holding it) down with it;
      // the full output still arrives in the result.
    }
  }

  /** Delivers the rest and stops; later pushes are ignored. */
  close(): void {
    this.closed = true;
    this.flush();
  }
}
