// One attempt at one round, in memory: its state machine, the running sum, accepted updates, decryption shares, attestations.
import type { Logger } from '../../common/log.ts';
import type {
  AggregateHeader, CommittedRound, DecryptionShareEnvelope, RoundState, RoundTask, SiteAttestation, UpdateEnvelope,
} from '../../common/wire/protocolTypes.ts';
import type { SignedUpdateReceipt } from '../../common/wire/updateReceipt.ts';
import type { EncryptedSum, ShareSum } from '../ports.ts';
import type { StoredRound } from '../store/storedTypes.ts';
import { ROUND_TRANSITIONS } from './lifecycles.ts';
import { PausedUploads } from './PausedUploads.ts';
import { StateMachine } from './StateMachine.ts';

// setTimeout fires at once beyond 2^31-1 ms, so a longer wait is cut to that and re-armed until it is really due.
const MAX_TIMER_MS = 2 ** 31 - 1;

export class RoundAttempt {
  readonly machine: StateMachine<RoundState>;
  readonly accepted = new Map<string, UpdateEnvelope>();
  /** The signed receipt of each accepted update, by site. */
  readonly receipts = new Map<string, SignedUpdateReceipt>();
  readonly inflight = new Set<string>();
  /** Uploads that broke off mid-stream and may be resumed while this attempt collects (their sites count as in flight). */
  readonly paused = new PausedUploads();
  readonly attestations = new Map<string, SiteAttestation>();
  /** Threshold CKKS: each decryptor's accepted share envelope, and the decryptors whose share is still streaming. */
  readonly shares = new Map<string, DecryptionShareEnvelope>();
  readonly sharesInflight = new Set<string>();
  /** Sites that made an authenticated call while this attempt was current: decryptor candidates. */
  readonly connected = new Set<string>();
  aggregate?: AggregateHeader;
  commit?: CommittedRound;
  failure?: string;
  sum?: EncryptedSum;
  /** While DECRYPTING: checks each share chunk as it streams (the shares are folded from the store once all are in). */
  shareSum?: ShareSum;
  /** When the attestation deadline falls: a commit that cannot be confirmed by then fails the attempt. */
  attestDueUnixMs?: number;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly task: RoundTask,
    state: RoundState,
    log: Logger,
  ) {
    this.machine = new StateMachine(`round ${task.round} attempt ${task.attempt}`, ROUND_TRANSITIONS, state, log);
  }

  get state(): RoundState {
    return this.machine.state;
  }

  /** Sites that may not start another upload: accepted or still streaming. */
  taken(): Set<string> {
    return new Set([...this.accepted.keys(), ...this.inflight]);
  }

  totalExamples(): number {
    return [...this.accepted.values()].reduce((sum, envelope) => sum + envelope.examples, 0);
  }

  /** Folds a durable update (its chunks read back from the store as the fold takes them) and counts its site as in. */
  addUpdate(envelope: UpdateEnvelope, chunks: Iterable<Uint8Array>, receipt: SignedUpdateReceipt): void {
    this.sum!.foldUpdate(chunks);
    this.accepted.set(envelope.site, envelope);
    this.receipts.set(envelope.site, receipt);
    this.inflight.delete(envelope.site);
  }

  record(): StoredRound {
    return {
      round: this.task.round,
      attempt: this.task.attempt,
      state: this.state,
      task: this.task,
      ...(this.aggregate ? { aggregate: this.aggregate } : {}),
      ...(this.commit ? { commit: this.commit } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }

  /** Replaces this attempt's deadline timer: `fire` runs once `now()` reaches `dueUnixMs`, however far off that is. */
  armTimer(dueUnixMs: number, now: () => number, fire: () => void): void {
    this.clearTimer();
    const wait = dueUnixMs - now();
    this.timer = setTimeout(() => {
      if (now() < dueUnixMs) this.armTimer(dueUnixMs, now, fire);
      else fire();
    }, Math.min(MAX_TIMER_MS, Math.max(0, wait)));
  }

  clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    // Not awaited: a paused upload's staged chunks that fail to go are never read (no accepted update names them).
    this.paused.discardAll().catch(() => undefined);
    this.sum?.dispose();
    this.sum = undefined;
    this.shareSum = undefined;
  }
}
