// Re-reads the chain every few seconds while a run is running, so a commit the chain lost (a restored older state, a
// reorg) is sent again even while no round opens or commits. One check at a time; a slow one is not stacked on.
import type { Logger } from '../../common/log.ts';

export class ChainWatch {
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly everyMs: number,
    private readonly check: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.checking) return;
    this.checking = true;
    this.check()
      .catch((failure: unknown) => this.log.error({ err: failure }, 'checking the chain failed; trying again at the next tick'))
      .finally(() => (this.checking = false));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
