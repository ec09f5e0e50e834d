import { Worker } from 'node:worker_threads';
import { CrashedNotes } from './crashedNotes';
import type { NoteParser, ParseOptions } from './noteParser';
import type { PackedFacts } from './packedFacts';

/** What the pool posts to a parse worker (facts/parseWorker.ts). */
export interface ParseRequest {
  id: number;
  uri: string;
  text: string;
}

/** What a parse worker posts back. */
interface ParseAnswer {
  id: number;
  facts: PackedFacts;
}

interface Job extends ParseRequest {
  urgent: boolean;
  resolve(facts: PackedFacts): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Jobs posted to the worker, in the order it parses them: the first is the one being parsed. */
  jobs: Job[];
  /** Runs out when the first job has been parsing for too long. */
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

export interface PoolTimeouts {
  /**
   * A note that takes longer than this to parse, plus `parseMsPerMillionChars` for each million characters
   * it has, is given up on, and its worker replaced.
   */
  parseMs: number;
  parseMsPerMillionChars?: number;
  /** A worker idle this long is stopped: its heap, grown by the last parses, goes back to the system. */
  idleStopMs: number;
}

/** Remark parses about a million characters a second here; five seconds each leaves room for a busy machine. */
const DEFAULT_TIMEOUTS: PoolTimeouts = { parseMs: 60_000, parseMsPerMillionChars: 5_000, idleStopMs: 30_000 };

/**
 * Jobs posted to a worker at once: with the next note already waiting in its inbox, a worker that
 * finishes one never sits idle while its answer travels to the main thread and the next job back.
 */
const JOBS_PER_WORKER = 2;

/**
 * Parses notes on worker threads so that a huge note never blocks requests about other notes.
 * A worker that dies (out of memory on a giant note) or hangs fails only the job it was parsing and
 * is replaced; the jobs waiting behind that one in the worker go back to the queue. A note that did
 * that twice is refused until it changes.
 * Workers start when there is work (a start from the index cache may need none) and stop when idle.
 */
const DEFAULT_WORKER_MEMORY_MB = 1024;

/**
 * The heap a parse worker may grow to before it is stopped and its note reported as not parsed:
 * 1 GB, or MARGINALIA_PARSE_MEMORY_MB on a machine with less memory to spare.
 */
export function workerMemoryMb(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.MARGINALIA_PARSE_MEMORY_MB);
  return Number.isInteger(asked) && asked >= 16 ? asked : DEFAULT_WORKER_MEMORY_MB;
}

export class WorkerPoolParser implements NoteParser {
  private readonly slots: Slot[] = [];
  /** Notes someone is waiting on go before the others, in the order they came. */
  private readonly urgentQueue: Job[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly crashed = new CrashedNotes();

  constructor(
    private readonly workerScript: string,
    private readonly size: number,
    private readonly resourceLimits: { maxOldGenerationSizeMb: number } = { maxOldGenerationSizeMb: workerMemoryMb() },
    private readonly timeouts: PoolTimeouts = DEFAULT_TIMEOUTS,
  ) {}

  parse(uri: string, text: string, options?: ParseOptions): Promise<PackedFacts> {
    if (this.disposed) return Promise.reject(new Error('the parser has been shut down'));
    const refusal = this.crashed.refusal(uri, text);
    if (refusal) return Promise.reject(new Error(`could not parse ${uri}: ${refusal}`));
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, uri, text, urgent: options?.urgent === true, resolve, reject };
      (job.urgent ? this.urgentQueue : this.queue).push(job);
      this.pump();
    });
  }

  /** Stops the workers that have nothing to parse; new ones start when notes come. */
  releaseIdle(): void {
    for (const slot of this.slots.filter((candidate) => candidate.jobs.length === 0)) this.stopSlot(slot);
  }

  dispose(): void {
    this.disposed = true;
    const error = new Error('the parser has been shut down');
    for (const job of this.urgentQueue.splice(0)) job.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const slot of this.slots) {
      for (const job of slot.jobs.splice(0)) job.reject(error);
      clearTimeout(slot.timer);
      clearTimeout(slot.idleTimer);
      void slot.worker.terminate();
    }
  }

  private get queued(): number {
    return this.urgentQueue.length + this.queue.length;
  }

  private pump(): void {
    this.startWorkersForQueue();
    // Fill every worker's first place before any second one: a job waits behind another only when all are busy.
    for (let depth = 1; depth <= JOBS_PER_WORKER; depth++) {
      for (const slot of this.slots) {
        const job = slot.jobs.length < depth ? this.takeNext() : undefined;
        if (job) this.post(slot, job);
      }
    }
  }

  private takeNext(): Job | undefined {
    return this.urgentQueue.shift() ?? this.queue.shift();
  }

  /** One worker per queued job, up to the pool's size: a single note never waits for a second worker to start. */
  private startWorkersForQueue(): void {
    const idle = this.slots.filter((slot) => slot.jobs.length === 0).length;
    const wanted = Math.min(Math.max(1, this.size) - this.slots.length, this.queued - idle);
    for (let started = 0; started < wanted; started++) this.slots.push(this.startSlot());
  }

  private post(slot: Slot, job: Job): void {
    slot.jobs.push(job);
    // A worker with work keeps the process alive: a CLI must hear how each note ended before it exits.
    slot.worker.ref();
    clearTimeout(slot.idleTimer);
    if (slot.jobs.length === 1) this.startTimer(slot);
    slot.worker.postMessage({ id: job.id, uri: job.uri, text: job.text } satisfies ParseRequest);
  }

  /** Times the job the worker is parsing now, the first of its jobs: those behind it have not started. */
  private startTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    const { parseMs, parseMsPerMillionChars = 0 } = this.timeouts;
    const limit = parseMs + Math.round((parseMsPerMillionChars * slot.jobs[0].text.length) / 1e6);
    slot.timer = setTimeout(() => this.replace(slot, new Error(`parsing took longer than ${limit / 1000} s`)), limit);
    slot.timer.unref();
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: new Worker(this.workerScript, { resourceLimits: this.resourceLimits }), jobs: [] };
    slot.worker.unref();
    slot.worker.on('message', (message: ParseAnswer) => this.answered(slot, message));
    slot.worker.on('error', (error) => this.replace(slot, error));
    slot.worker.on('exit', (code) => {
      if (!this.disposed && code !== 0) this.replace(slot, new Error(`parser worker stopped (exit code ${code})`));
    });
    return slot;
  }

  private answered(slot: Slot, message: ParseAnswer): void {
    const position = slot.jobs.findIndex((job) => job.id === message.id);
    if (position < 0) return;
    const [job] = slot.jobs.splice(position, 1);
    clearTimeout(slot.timer);
    if (slot.jobs.length > 0) this.startTimer(slot);
    job.resolve(message.facts);
    this.pump();
    if (slot.jobs.length === 0) this.stopWhenIdle(slot);
  }

  private stopWhenIdle(slot: Slot): void {
    slot.worker.unref();
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (slot.jobs.length === 0) this.stopSlot(slot);
    }, this.timeouts.idleStopMs);
    slot.idleTimer.unref();
  }

  private stopSlot(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    clearTimeout(slot.idleTimer);
    this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  /**
   * Gives up on the worker's current job and stops the worker. The jobs behind the
   * current one were never started, so they go back to the front of their queue instead of failing.
   */
  private replace(slot: Slot, error: Error): void {
    const [current, ...waiting] = slot.jobs.splice(0);
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    if (current) {
      this.crashed.record(current.uri, current.text);
      current.reject(new Error(`could not parse ${current.uri}: ${/memory/i.test(error.message) ? 'out of memory' : error.message}`));
    }
    if (this.disposed) {
      for (const job of waiting) job.reject(new Error('the parser has been shut down'));
      return;
    }
    this.requeue(waiting);
    // A new worker starts only when there is work for it: one started now would keep a CLI from exiting.
    const index = this.slots.indexOf(slot);
    if (index >= 0) {
      void slot.worker.terminate();
      this.slots.splice(index, 1);
    }
    this.pump();
  }

  private requeue(jobs: Job[]): void {
    for (const job of jobs.reverse()) (job.urgent ? this.urgentQueue : this.queue).unshift(job);
  }
}
