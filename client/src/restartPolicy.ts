// When the server process dies, VS Code's language clients restart it up to four times within three
// minutes, then give up so that a server that crashes on start does not loop. This is that policy, with
// the message that tells the user what happened.

export interface CrashDecision {
  restart: boolean;
  message: string;
}

export class CrashRestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash and decides whether to start the server again. */
  onCrash(): CrashDecision {
    const now = this.now();
    this.crashes = [...this.crashes.filter((at) => now - at < this.windowMs), now];
    const minutes = Math.round(this.windowMs / 60_000);
    if (this.crashes.length <= this.maxRestarts) {
      return {
        restart: true,
        message: `The Marginalia language server stopped unexpectedly and was restarted (${this.crashes.length} of ${this.maxRestarts} restarts allowed within ${minutes} minutes).`,
      };
    }
    return {
      restart: false,
      message: `The Marginalia language server stopped unexpectedly ${this.crashes.length} times within ${minutes} minutes and will not be restarted. See its log, then run "Marginalia: Restart Server".`,
    };
  }

  /** A restart the user asked for starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}
