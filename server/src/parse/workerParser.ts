import { Worker } from 'node:worker_threads';
import type { NoteFacts } from './facts';
import type { NoteParser } from './noteParser';
import type { ParseRequest } from './parseWorker';

interface Job extends ParseRequest {
  resolve(facts: NoteFacts): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

/** A worker idle this long is stopped: its heap, grown by the last parses, goes back to the system. */
const IDLE_STOP_MS = 30_000;

/** A note that takes longer than this to parse is given up on, and its worker replaced. */
const PARSE_TIMEOUT_MS = 60_000;

/**
 * Parses notes on worker threads so that a huge note never blocks requests about other notes.
 * A worker that dies (out of memory on a giant note) fails only its own job and is replaced.
 * Workers start when there is work (a start from the index cache may need none) and stop when idle.
 */
export class WorkerPoolParser implements NoteParser {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly workerScript: string,
    private readonly size: number,
    private readonly resourceLimits: { maxOldGenerationSizeMb: number } = { maxOldGenerationSizeMb: 1024 },
  ) {}

  parse(uri: string, text: string): Promise<NoteFacts> {
    if (this.disposed) return Promise.reject(new Error('the parser has been shut down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, uri, text, resolve, reject });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the parser has been shut down'));
    for (const slot of this.slots) {
      clearTimeout(slot.idleTimer);
      void slot.worker.terminate();
    }
  }

  private pump(): void {
    const idle = this.slots.filter((slot) => !slot.job).length;
    const wanted = Math.min(Math.max(1, this.size) - this.slots.length, this.queue.length - idle);
    for (let started = 0; started < wanted; started++) this.slots.push(this.startSlot());
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      clearTimeout(slot.idleTimer);
      slot.timer = setTimeout(() => this.replace(slot, new Error(`parsing took longer than ${PARSE_TIMEOUT_MS / 1000} s`)), PARSE_TIMEOUT_MS);
      slot.timer.unref();
      slot.worker.postMessage({ id: job.id, uri: job.uri, text: job.text } satisfies ParseRequest);
    }
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: new Worker(this.workerScript, { resourceLimits: this.resourceLimits }) };
    slot.worker.unref();
    slot.worker.on('message', (message: { id: number; facts: NoteFacts }) => {
      const job = slot.job;
      slot.job = undefined;
      clearTimeout(slot.timer);
      if (job && job.id === message.id) job.resolve(message.facts);
      this.pump();
      if (!slot.job) this.stopWhenIdle(slot);
    });
    slot.worker.on('error', (error) => this.replace(slot, error));
    slot.worker.on('exit', (code) => {
      if (!this.disposed && code !== 0) this.replace(slot, new Error(`parser worker stopped (exit code ${code})`));
    });
    return slot;
  }

  private stopWhenIdle(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      const index = this.slots.indexOf(slot);
      if (slot.job || index < 0) return;
      this.slots.splice(index, 1);
      void slot.worker.terminate();
    }, IDLE_STOP_MS);
    slot.idleTimer.unref();
  }

  private replace(slot: Slot, error: Error): void {
    const job = slot.job;
    slot.job = undefined;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    if (job) job.reject(new Error(`could not parse ${job.uri}: ${/memory/i.test(error.message) ? 'out of memory' : error.message}`));
    if (this.disposed) return;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    void slot.worker.terminate();
    this.slots[index] = this.startSlot();
    this.pump();
  }
}
