// Under threshold CKKS a site may upload only once the coordinator holds its key shares, and sites can deal them only
// once the run exists. So the run's first attempt waits, announced with no task, until every plan site's shares are in,
// or one round deadline has passed (then it opens with the key holders it has; later sites join a later attempt).
export interface KeyHolderCount {
  readonly holders: number;
  readonly sites: number;
}

export class KeyHolderWait {
  private timer?: NodeJS.Timeout;
  private ended = false;

  /** `onDeadline` runs once, when the wait has lasted `ms` without every site's shares. */
  constructor(
    private readonly ms: number,
    private readonly onDeadline: () => void,
  ) {}

  /** True while the first attempt should keep waiting; the first call starts the deadline. */
  waits(count: KeyHolderCount): boolean {
    if (this.ended) return false;
    if (count.holders >= count.sites) {
      this.end();
      return false;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.end();
        this.onDeadline();
      }, this.ms);
      this.timer.unref();
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
