// When the server process dies, VS Code's language clients restart it up to four times within three
// minutes, then give up so that a server that crashes on start does not loop. This is that policy, with
// the message that tells the user what happened.
import { l10n } from './l10n';

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
        message: l10n.t(
          'The Marginalia language server stopped unexpectedly and was restarted ({0} of {1} restarts allowed within {2} minutes).',
          this.crashes.length,
          this.maxRestarts,
          minutes,
        ),
      };
    }
    return {
      restart: false,
      message: l10n.t(
        'The Marginalia language server stopped unexpectedly {0} times within {1} minutes and will not be restarted. See its log, then run "Marginalia: Restart Server".',
        this.crashes.length,
        minutes,
      ),
    };
  }

  /** A restart the user asked for starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}
