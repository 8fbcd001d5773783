// One decryptor's SubmitDecryptionShare as it streams in: envelope checks, per-chunk validation and staging, then a
// durable accept before the receipt. The very share sent again (a lost reply) is only hashed and answered again.
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import { ChunksDigest } from '../../common/wire/chunksDigest.ts';
import { decryptionShareSigningBytes } from '../../common/wire/decryptionShareSigning.ts';
import type { CiphertextChunk, DecryptionShareEnvelope, DecryptionShareReceipt } from '../../common/wire/protocolTypes.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { RoundAttempt } from './RoundAttempt.ts';
import { verifyShareEnvelope } from './verifyShareEnvelope.ts';

/** What a share upload needs from the round loop, which alone decides what an accepted share means. */
export interface ShareIntakeContext {
  readonly store: Pick<RoundStore, 'stageShareChunk' | 'discardStagedShare' | 'acceptShare'>;
  readonly log: Logger;
  now(): number;
  current(): RoundAttempt;
  /** Runs `accept` in the round queue, then decides on the attempt (complete the decryption, say). */
  settle(accept: () => Promise<RoundAttempt>): Promise<void>;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** Whether `envelope` is, field for field and signature too, the share `attempt` already holds from its site. */
function isReplay(envelope: DecryptionShareEnvelope, peer: ConsortiumSite, attempt: RoundAttempt): boolean {
  const held = attempt.shares.get(peer.id);
  if (envelope.site !== peer.id || !held) return false;
  return sameBytes(decryptionShareSigningBytes(held), decryptionShareSigningBytes(envelope)) && sameBytes(held.signature, envelope.signature);
}

export class ShareIntake {
  private opened?: { envelope: DecryptionShareEnvelope; attempt: RoundAttempt };
  private replay = false;
  private readonly digest = new ChunksDigest();
  private received = 0;
  private readonly staged: Promise<unknown>[] = [];
  private accepted = false;

  constructor(
    private readonly context: ShareIntakeContext,
    private readonly peer: ConsortiumSite,
  ) {}

  open(envelope: DecryptionShareEnvelope): void {
    const attempt = this.context.current();
    this.replay = isReplay(envelope, this.peer, attempt);
    if (!this.replay) {
      verifyShareEnvelope(envelope, this.peer, attempt);
      attempt.shareSum!.checkFingerprint(envelope.maskedFingerprint);
      attempt.sharesInflight.add(this.peer.id);
    }
    this.opened = { envelope, attempt };
  }

  private live(): { envelope: DecryptionShareEnvelope; attempt: RoundAttempt } {
    if (!this.opened) throw new MedflError('SHARE_INVALID', 'the share stream must start with its envelope');
    if (this.replay) return this.opened;
    const { attempt } = this.opened;
    if (attempt !== this.context.current() || attempt.state !== 'DECRYPTING') {
      throw new MedflError('SHARE_NOT_EXPECTED', `round ${attempt.task.round} attempt ${attempt.task.attempt} stopped taking shares while this one was streaming`);
    }
    return this.opened;
  }

  chunk({ index, data }: CiphertextChunk): void {
    const { envelope, attempt } = this.live();
    if (index !== this.received || index >= envelope.chunkCount) {
      throw new MedflError('SHARE_INVALID', `share chunk ${index} arrived where chunk ${this.received} of ${envelope.chunkCount} was expected`);
    }
    this.digest.add(data);
    this.received += 1;
    if (this.replay) return;
    try {
      attempt.shareSum!.validateChunk(index, data);
    } catch (thrown) {
      throw new MedflError('SHARE_INVALID', `site ${this.peer.id}'s share: ${(thrown as Error).message}`, { cause: thrown });
    }
    const write = this.context.store.stageShareChunk(envelope.round, envelope.attempt, envelope.site, index, data);
    write.catch(() => undefined); // awaited by finish() or abort()
    this.staged.push(write);
  }

  /** All chunks in and matching the signed digest: durable first, then counted, then acknowledged. */
  async finish(): Promise<DecryptionShareReceipt> {
    const { envelope, attempt } = this.live();
    if (this.received !== envelope.chunkCount) throw new MedflError('SHARE_INVALID', `the share stream ended after ${this.received} of ${envelope.chunkCount} chunks`);
    const digest = this.digest.digest();
    if (digest !== envelope.digest) throw new MedflError('SHARE_INVALID', `the share's chunks hash to ${digest}, not to the signed digest ${envelope.digest}`);
    if (!this.replay) await this.context.settle(() => this.accept(envelope));
    const { runId, round, attempt: number, site } = envelope;
    return { runId, round, attempt: number, site, digest, sharesIn: attempt.shares.size };
  }

  private async accept(envelope: DecryptionShareEnvelope): Promise<RoundAttempt> {
    await Promise.all(this.staged);
    const { attempt } = this.live();
    await this.context.store.acceptShare(envelope.round, envelope.attempt, { envelope, acceptedAt: new Date(this.context.now()).toISOString() });
    this.accepted = true;
    attempt.shares.set(envelope.site, envelope);
    attempt.sharesInflight.delete(envelope.site);
    this.context.log.info({ round: envelope.round, attempt: envelope.attempt, site: envelope.site, shares: attempt.shares.size }, 'decryption share accepted');
    return attempt;
  }

  /** A refused or broken upload leaves nothing behind: staged chunks go, the decryptor may send again. */
  async abort(): Promise<void> {
    if (!this.opened || this.accepted || this.replay) return;
    const { envelope, attempt } = this.opened;
    try {
      await Promise.allSettled(this.staged);
      await this.context.store.discardStagedShare(envelope.round, envelope.attempt, envelope.site, this.received);
    } finally {
      attempt.sharesInflight.delete(envelope.site);
    }
  }
}
