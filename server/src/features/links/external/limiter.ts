// Concurrency limits: a few requests per host, so a note full of links to one site does not look
// like an attack on it, and a global cap, so a large workspace does not flood the user's network.

/** Counts slots; waiters are served first come, first served. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get isIdle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }

  /** Resolves once a slot is taken; rejects with the signal's reason if it aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(grant), 1);
        reject(signal?.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    this.active--;
    this.waiters.shift()?.();
  }
}

/** Runs tasks under both a per-host and a global limit. */
export class HostLimiter {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, Semaphore>();

  constructor(
    maxConcurrent: number,
    private readonly maxPerHost: number,
  ) {
    this.global = new Semaphore(maxConcurrent);
  }

  /**
   * The host slot is taken before the global one: a task queued behind its own busy host must not
   * sit on a global slot that a task for another host could use meanwhile.
   */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const hostSlots = this.slotsFor(host);
    try {
      return await holding(hostSlots, signal, () => holding(this.global, signal, task));
    } finally {
      // Forget idle hosts, so a long session does not keep one entry per host ever checked.
      if (hostSlots.isIdle && this.hosts.get(host) === hostSlots) this.hosts.delete(host);
    }
  }

  private slotsFor(host: string): Semaphore {
    let slots = this.hosts.get(host);
    if (!slots) {
      slots = new Semaphore(this.maxPerHost);
      this.hosts.set(host, slots);
    }
    return slots;
  }
}

async function holding<T>(slots: Semaphore, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
  await slots.acquire(signal);
  try {
    return await task();
  } finally {
    slots.release();
  }
}
