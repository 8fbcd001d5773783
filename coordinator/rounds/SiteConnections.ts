// Which sites reach this coordinator: any authenticated call since the process started (for a failed round's reason),
// and who is reachable now, during one attempt (an open WatchRun or a call): the candidates for decryptors.
export class SiteConnections {
  /** Sites that have made an authenticated call to this coordinator process. */
  readonly ever = new Set<string>();
  private readonly watching = new Map<string, number>();
  /** When each site last made an authenticated call (Unix ms), for the live run page. */
  private readonly lastCall = new Map<string, number>();

  called(site: string, attempt: Set<string> | undefined, atUnixMs = Date.now()): void {
    this.ever.add(site);
    this.lastCall.set(site, atUnixMs);
    attempt?.add(site);
  }

  /** Unix ms of `site`'s last authenticated call; undefined if it never called this process. */
  lastSeen(site: string): number | undefined {
    return this.lastCall.get(site);
  }

  /** Sites with a WatchRun open now: the ones following the run. */
  watchers(): Set<string> {
    return new Set(this.watching.keys());
  }

  /** A WatchRun of `site` opened; the returned function (idempotent) says it ended. */
  watch(site: string): () => void {
    this.watching.set(site, (this.watching.get(site) ?? 0) + 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      const left = (this.watching.get(site) ?? 1) - 1;
      if (left > 0) this.watching.set(site, left);
      else this.watching.delete(site);
    };
  }

  /** Sites with a WatchRun open now, or that called during the attempt whose callers are `attempt`. */
  connectedDuring(attempt: ReadonlySet<string>): Set<string> {
    return new Set([...this.watching.keys(), ...attempt]);
  }
}
