// One site's upload as it streams in: envelope checks, per-chunk validation and staging, then a signed receipt, durable
// accept and fold, the fold reading the staged chunks back one at a time. The same update sent again is only hashed and answered with its original receipt.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import { ChunksDigest } from '../../common/wire/chunksDigest.ts';
import type { CiphertextChunk, UpdateEnvelope, UpdateReceipt } from '../../common/wire/protocolTypes.ts';
import type { SignedUpdateReceipt, UpdateReceiptFields } from '../../common/wire/updateReceipt.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import { replayedReceipt } from './replayedReceipt.ts';
import type { RoundAttempt } from './RoundAttempt.ts';
import { verifyEnvelope } from './verifyEnvelope.ts';

/** An update made durable and folded into `attempt`: what the round loop decides on next. */
export interface AcceptedUpdate {
  readonly attempt: RoundAttempt;
  readonly receipt: UpdateReceipt;
}

/** What an upload needs from the round loop; the loop, not the upload, decides what an accepted update means. */
export interface IntakeContext {
  readonly store: Pick<RoundStore, 'stageChunk' | 'discardStaged' | 'acceptUpdate' | 'streamUpdateChunks'>;
  readonly log: Logger;
  /** The plan's per-site example cap; an envelope claiming more is refused before any chunk is read. */
  readonly exampleCap: number;
  /** Threshold CKKS: only the attempt's key holders may upload. */
  readonly keyHoldersOnly?: boolean;
  /** Whether the plan trains with DP-SGD: without it an update declaring an ε spent is refused. */
  readonly dpSgd?: boolean;
  now(): number;
  /** The attempt now open. */
  current(): RoundAttempt;
  /** Runs `accept` in the round queue, then decides on the round (close it, say); resolves with the receipt. */
  settle(accept: () => Promise<AcceptedUpdate>): Promise<UpdateReceipt>;
  /** The coordinator's EIP-712 signature over a receipt (CoordinatorLedger.signReceipt). */
  signReceipt(receipt: UpdateReceiptFields): Promise<string>;
}

export class UpdateIntake {
  private opened?: { envelope: UpdateEnvelope; attempt: RoundAttempt };
  private readonly digest = new ChunksDigest();
  private chunksIn = 0;
  private readonly staged: Promise<unknown>[] = [];
  private accepted = false;
  /** Set when the envelope is one this attempt already accepted: its original receipt. */
  private replay?: SignedUpdateReceipt;

  constructor(
    private readonly context: IntakeContext,
    private readonly peer: ConsortiumSite,
  ) {}

  /** The signed envelope this upload streams under (once opened). */
  get envelope(): UpdateEnvelope {
    if (!this.opened) throw new MedflError('UPDATE_INVALID', 'the update stream must start with its envelope');
    return this.opened.envelope;
  }

  /** How many chunks have arrived and been staged: where a resumed stream goes on. */
  get received(): number {
    return this.chunksIn;
  }

  /**
   * Whether this upload, broken off before its last chunk, may be kept for the site to resume: it holds valid chunks
   * and its attempt still collects. A refusal (a bad chunk, a wrong digest) or a replay never is.
   */
  resumable(): boolean {
    if (!this.opened || this.replay || this.accepted || this.chunksIn === 0 || this.chunksIn >= this.opened.envelope.chunkCount) return false;
    return this.opened.attempt === this.context.current() && this.opened.attempt.state === 'COLLECTING';
  }

  /** Checks the envelope against the open round (the site counts as uploading from here on), unless the attempt already holds it. */
  open(envelope: UpdateEnvelope): void {
    const attempt = this.context.current();
    this.replay = replayedReceipt(envelope, this.peer, attempt);
    if (!this.replay) {
      const { exampleCap, keyHoldersOnly, dpSgd } = this.context;
      verifyEnvelope(envelope, { peer: this.peer, task: attempt.task, roundState: attempt.state, taken: attempt.taken(), exampleCap, keyHoldersOnly, dpSgd });
      // Refused here, not at every site after the round closes: one malformed fingerprint would fail the whole round.
      attempt.sum!.checkFingerprint(envelope.maskedFingerprint);
      attempt.inflight.add(this.peer.id);
    }
    this.opened = { envelope, attempt };
  }

  private live(): { envelope: UpdateEnvelope; attempt: RoundAttempt } {
    if (!this.opened) throw new MedflError('UPDATE_INVALID', 'the update stream must start with its envelope');
    // A replayed update is in the attempt already: the round may have closed since without changing its receipt.
    if (this.replay) return this.opened;
    const { attempt } = this.opened;
    if (attempt !== this.context.current() || attempt.state !== 'COLLECTING') {
      throw new MedflError('ROUND_CLOSED', `round ${attempt.task.round} closed while the update was streaming`);
    }
    return this.opened;
  }

  /** Validates one ciphertext (size and parameters, via the HE sum) and stages it in the store. */
  chunk({ index, data }: CiphertextChunk): void {
    const { envelope, attempt } = this.live();
    if (index >= envelope.chunkCount) {
      throw new MedflError('CIPHERTEXT_COUNT', `the update sends ciphertext ${index} but its envelope announces ${envelope.chunkCount}`);
    }
    if (index !== this.chunksIn) throw new MedflError('UPDATE_INVALID', `ciphertext ${index} arrived where ciphertext ${this.chunksIn} was expected`);
    this.digest.add(data);
    this.chunksIn += 1;
    if (this.replay) return;
    attempt.sum!.validateChunk(index, data);
    const write = this.context.store.stageChunk(envelope.round, envelope.attempt, envelope.site, index, data);
    // Awaited by finish() or abort(); until then a failed write must not be an unhandled rejection (it ends the process).
    write.catch(() => undefined);
    this.staged.push(write);
  }

  /** All chunks in and matching the signed digest: signed receipt and durable first, then folded, then acknowledged. */
  finish(): Promise<UpdateReceipt> {
    const { envelope, attempt } = this.live();
    if (this.chunksIn !== envelope.chunkCount) {
      throw new MedflError('UPDATE_INCOMPLETE', `the update stream ended after ${this.chunksIn} of ${envelope.chunkCount} ciphertexts`);
    }
    const digest = this.digest.digest();
    if (digest !== envelope.digest) throw new MedflError('UPDATE_INVALID', `the ciphertexts hash to ${digest}, not to the signed digest ${envelope.digest}`);
    if (this.replay) {
      this.context.log.info({ round: envelope.round, site: envelope.site }, 'the same update again: its original receipt sent');
      return Promise.resolve({ ...this.replay, updatesIn: attempt.accepted.size });
    }
    return this.context.settle(() => this.accept(envelope, digest));
  }

  private async accept(envelope: UpdateEnvelope, digest: Hash32): Promise<AcceptedUpdate> {
    await Promise.all(this.staged);
    const { attempt } = this.live();
    const { runId, round, attempt: number, site } = envelope;
    const fields: UpdateReceiptFields = { runId, round, attempt: number, site: this.peer.address, digest };
    const receipt = { ...fields, signature: await this.context.signReceipt(fields) };
    await this.context.store.acceptUpdate(round, number, { envelope, acceptedAt: new Date(this.context.now()).toISOString(), receipt });
    this.accepted = true;
    // Folded from the store, one chunk at a time: the coordinator never holds an update whole (a 50 M-weight update
    // is ~290 MB on the wire).
    attempt.addUpdate(envelope, this.context.store.streamUpdateChunks(round, number, site, envelope.chunkCount), receipt);
    this.context.log.info({ round, site, examples: envelope.examples, updates: attempt.accepted.size }, 'update accepted');
    return { attempt, receipt: { ...receipt, updatesIn: attempt.accepted.size } };
  }

  /** A refused or broken upload leaves nothing behind: staged chunks go, the site may try again. */
  async abort(): Promise<void> {
    if (!this.opened || this.accepted || this.replay) return;
    const { envelope, attempt } = this.opened;
    try {
      await Promise.allSettled(this.staged);
      await this.context.store.discardStaged(envelope.round, envelope.attempt, envelope.site, this.chunksIn);
    } finally {
      // Only now may the site upload again: a retry staged before the discard ended would lose its own chunks to it.
      attempt.inflight.delete(envelope.site);
    }
  }
}
