// Which key shares a site sends and expects: one run, one codec, one threshold, and (to check them) the payload size.

export interface KeyShareRun {
  /** The run as the ledger numbers it (decimal). */
  readonly runId: string;
  readonly codecId: string;
  /** How many shares reconstruct a secret: 1 up to the number of sites. */
  readonly threshold: number;
}

export interface ExpectedKeyShares extends KeyShareRun {
  /** The length of every share payload, as the threshold scheme fixes it; any other length is refused. */
  readonly payloadBytes: number;
}
