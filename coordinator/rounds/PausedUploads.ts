// Uploads that broke off mid-stream (a dropped connection, a stall), kept for a while with their staged chunks and
// running digest so the site sends only the rest (UploadOffset, then SubmitUpdate with resume_from). The resumed
// stream must carry the very same signed envelope, and its chunks must still hash to the signed digest, so the rest of
// another update can never be spliced onto these chunks. Per attempt: a paused upload dies with its attempt.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import { envelopeSigningBytes } from '../../common/wire/envelopeSigning.ts';
import type { CiphertextChunk, UpdateEnvelope, UpdateReceipt } from '../../common/wire/protocolTypes.ts';

/**
 * An upload as it streams in, as far as pausing and resuming it goes. UpdateIntake is the one there is; it is named by
 * shape here because RoundAttempt holds this list and UpdateIntake reads RoundAttempt (no import cycle).
 */
export interface ResumableUpload {
  readonly envelope: UpdateEnvelope;
  /** Chunks taken so far: where a resumed stream goes on. */
  readonly received: number;
  chunk(chunk: CiphertextChunk): void;
  finish(): Promise<UpdateReceipt>;
  /** Whether it broke off with good chunks while its attempt still collects. */
  resumable(): boolean;
  abort(): Promise<void>;
}

interface Paused {
  readonly intake: ResumableUpload;
  readonly timer: NodeJS.Timeout;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

function sameEnvelope(a: UpdateEnvelope, b: UpdateEnvelope): boolean {
  return sameBytes(envelopeSigningBytes(a), envelopeSigningBytes(b)) && sameBytes(a.signature, b.signature);
}

export class PausedUploads {
  private readonly bySite = new Map<string, Paused>();

  /** Keeps `intake` resumable for `keepMs`; after that it is dropped like any broken upload (its staged chunks go). */
  pause(site: string, intake: ResumableUpload, keepMs: number): void {
    this.drop(site);
    const timer = setTimeout(() => void this.discard(site), keepMs);
    timer.unref();
    this.bySite.set(site, { intake, timer });
  }

  /** How many chunks of `site`'s paused upload of `digest` are held: where its resumed stream starts; 0 when none. */
  offset(site: string, digest: Hash32): number {
    const paused = this.bySite.get(site)?.intake;
    return paused && paused.envelope.digest === digest ? paused.received : 0;
  }

  /** Hands `site`'s paused upload back to a stream that resumes it at chunk `from` with the same signed envelope. */
  resume(site: string, envelope: UpdateEnvelope, from: number): ResumableUpload {
    const paused = this.bySite.get(site)?.intake;
    if (!paused || !sameEnvelope(paused.envelope, envelope) || paused.received !== from) {
      const held = paused && sameEnvelope(paused.envelope, envelope) ? `chunks 0..${paused.received - 1}` : 'no chunk';
      throw new MedflError('UPLOAD_RESUME_MISMATCH', `the upload resumes at ciphertext ${from}, but the coordinator holds ${held} of this update; ask UploadOffset or send it whole`);
    }
    this.drop(site);
    return paused;
  }

  /** Ends `site`'s paused upload, if any (its staged chunks go); the site may start another. */
  async discard(site: string): Promise<void> {
    const paused = this.bySite.get(site);
    if (!paused) return;
    this.drop(site);
    await paused.intake.abort();
  }

  /** Ends every paused upload: the attempt is over. */
  discardAll(): Promise<void> {
    return Promise.all([...this.bySite.keys()].map((site) => this.discard(site))).then(() => undefined);
  }

  private drop(site: string): void {
    const paused = this.bySite.get(site);
    if (paused) clearTimeout(paused.timer);
    this.bySite.delete(site);
  }
}
