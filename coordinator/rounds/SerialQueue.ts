// Runs async steps one at a time, in arrival order: round decisions (accept, close, commit) never interleave.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every step queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
