// A one-slot mailbox where a newer value replaces an unread older one: a busy node skips stale run statuses.
export class LatestBox<T> {
  private value?: T;
  private closed = false;
  private failure?: unknown;
  private waiter?: () => void;

  put(value: T): void {
    this.value = value;
    this.wake();
  }

  close(failure?: unknown): void {
    this.closed = true;
    this.failure = failure;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** The newest unread value; undefined once closed and drained; throws the failure it was closed with. */
  async take(): Promise<T | undefined> {
    while (this.value === undefined && !this.closed) await new Promise<void>((resolve) => (this.waiter = resolve));
    const value = this.value;
    this.value = undefined;
    if (value === undefined && this.failure !== undefined) throw this.failure;
    return value;
  }
}
