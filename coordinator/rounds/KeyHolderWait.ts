// Under threshold CKKS a site may upload only once the coordinator holds its key shares, and sites can deal them only
// once the run exists. So the run's first attempt (round 1, attempt 0) waits, announced with no task, until every plan
// site's shares are in, or one round deadline has passed (then it opens with the key holders it has; later sites join
// a later attempt).
import type { Logger } from '../../common/log.ts';

export interface KeyHolderWaitContext {
  /** The sites whose key shares are stored, in consortium order. */
  readonly holders: () => readonly string[];
  readonly sites: number;
  readonly ms: number;
  readonly log: Logger;
  /** Announces the wait (a status with no task), once. */
  readonly announce: () => void;
  /** Runs once, when the wait has lasted `ms` without every site's shares. */
  readonly onDeadline: () => void;
}

export class KeyHolderWait {
  private timer?: NodeJS.Timeout;
  private ended = false;

  constructor(private readonly context: KeyHolderWaitContext) {}

  /** True while attempt `attempt` of `round` must keep waiting; the first wait starts the deadline and is announced. */
  waits(round: number, attempt: number): boolean {
    if (this.ended || round !== 1 || attempt !== 0) return false;
    const holders = this.context.holders();
    if (holders.length >= this.context.sites) {
      this.end();
      return false;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.end();
        this.context.onDeadline();
      }, this.context.ms);
      this.timer.unref();
      this.context.log.info({ keyHolders: holders }, "round 1 waits for every site's key shares (at most one round deadline)");
      this.context.announce();
    }
    return true;
  }

  /** Whether a wait is under way (the first attempt not yet open). */
  get waiting(): boolean {
    return this.timer !== undefined && !this.ended;
  }

  end(): void {
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
