// One site's upload as it streams in: envelope checks, per-chunk validation and staging, then durable accept and fold.
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { ChunksDigest } from '../../common/wire/chunksDigest.ts';
import type { CiphertextChunk, UpdateEnvelope, UpdateReceipt } from '../../common/wire/protocolTypes.ts';
import type { RoundAttempt } from './RoundAttempt.ts';
import type { RunEngine } from './RunEngine.ts';
import { verifyEnvelope } from './verifyEnvelope.ts';

export class UpdateIntake {
  private opened?: { envelope: UpdateEnvelope; attempt: RoundAttempt };
  private readonly digest = new ChunksDigest();
  private received = 0;
  private readonly staged: Promise<unknown>[] = [];
  /** The chunks as received: folded from memory once durable, so the store's pages are written, never read back. */
  private readonly chunks: Uint8Array[] = [];
  private accepted = false;

  constructor(
    private readonly engine: RunEngine,
    private readonly peer: ConsortiumSite,
  ) {}

  /** Checks the envelope against the open round; the site counts as uploading from here on. */
  open(envelope: UpdateEnvelope): void {
    const attempt = this.engine.current();
    verifyEnvelope(envelope, { peer: this.peer, task: attempt.task, roundState: attempt.state, taken: attempt.taken() });
    attempt.inflight.add(this.peer.id);
    this.opened = { envelope, attempt };
  }

  private live(): { envelope: UpdateEnvelope; attempt: RoundAttempt } {
    if (!this.opened) throw new MedflError('UPDATE_INVALID', 'the update stream must start with its envelope');
    const { attempt } = this.opened;
    if (attempt !== this.engine.attempt || attempt.state !== 'COLLECTING') {
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
    if (index !== this.received) throw new MedflError('UPDATE_INVALID', `ciphertext ${index} arrived where ciphertext ${this.received} was expected`);
    attempt.sum!.validateChunk(index, data);
    this.digest.add(data);
    const write = this.engine.store.stageChunk(envelope.round, envelope.attempt, envelope.site, index, data);
    // Awaited by finish() or abort(); until then a failed write must not be an unhandled rejection (it ends the process).
    write.catch(() => undefined);
    this.staged.push(write);
    this.chunks.push(data);
    this.received += 1;
  }

  /** All chunks in and matching the signed digest: durable first, then folded, then acknowledged. */
  finish(): Promise<UpdateReceipt> {
    const { envelope } = this.live();
    if (this.received !== envelope.chunkCount) {
      throw new MedflError('UPDATE_INCOMPLETE', `the update stream ended after ${this.received} of ${envelope.chunkCount} ciphertexts`);
    }
    const digest = this.digest.digest();
    if (digest !== envelope.digest) throw new MedflError('UPDATE_INVALID', `the ciphertexts hash to ${digest}, not to the signed digest ${envelope.digest}`);
    return this.engine.queue.run(async () => {
      await Promise.all(this.staged);
      const { attempt } = this.live();
      const { round, attempt: number, site } = envelope;
      await this.engine.store.acceptUpdate(round, number, { envelope, acceptedAt: new Date(this.engine.now()).toISOString() });
      this.accepted = true;
      attempt.sum!.foldUpdate(this.chunks);
      this.chunks.length = 0;
      attempt.accepted.set(site, envelope);
      attempt.inflight.delete(site);
      this.engine.log.info({ round, site, examples: envelope.examples, updates: attempt.accepted.size }, 'update accepted');
      const receipt = { round, digest, updatesIn: attempt.accepted.size };
      await this.engine.afterAccept(attempt);
      return receipt;
    });
  }

  /** A refused or broken upload leaves nothing behind: staged chunks go, the site may try again. */
  async abort(): Promise<void> {
    if (!this.opened || this.accepted) return;
    const { envelope, attempt } = this.opened;
    attempt.inflight.delete(envelope.site);
    await Promise.allSettled(this.staged);
    await this.engine.store.discardStaged(envelope.round, envelope.attempt, envelope.site, this.received);
  }
}
