// The run's watchers (WatchRun streams, the CLI): each gets the status at once, then again after every change.
import type { RunStatus } from '../../common/wire/protocolTypes.ts';

export class StatusFeed {
  private readonly listeners = new Set<(status: RunStatus) => void>();

  constructor(private readonly snapshot: () => RunStatus) {}

  /** Returns the function that stops watching. */
  watch(listener: (status: RunStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  publish(): void {
    const status = this.snapshot();
    for (const listener of this.listeners) listener(status);
  }

  clear(): void {
    this.listeners.clear();
  }
}
