// The two faces of an update codec: the key holder's (encrypt an update, decrypt the aggregate, check the aggregate is
// the sum it claims to be) and the coordinator's (fold updates into a running sum without any key). CKKS and
// plaintext codecs share them.
import type { Hash32 } from '../canonicalJson.ts';
import type { CheckedAttempt } from './sumCheckKey.ts';

/** Key-holder side: a site's update in, ciphertext chunks out; the aggregate's chunks in, the mean update out. */
export interface UpdateCodec {
  readonly codecId: string;
  /** Ciphertexts per update. */
  readonly chunkCount: number;
  /** Chunks of `update · examples`, produced one at a time so the whole update is never held encrypted at once. */
  encryptUpdate(update: Float32Array, examples: number): Iterable<Uint8Array>;
  /** The example-weighted mean update Σ nᵢ·Δᵢ / Σ nᵢ from the aggregate's chunks. */
  decryptAggregate(chunks: readonly Uint8Array[], totalExamples: number): Float32Array;
  /** The same mean, decrypted chunk by chunk while the aggregate streams in (what decryptAggregate runs on). */
  openAggregate(totalExamples: number): AggregateReader;
  /** The aggregate sum check (createSumCheck.ts); absent from the plaintext codec, which has no shared secret. */
  readonly sumCheck?: SumCheck;
  dispose(): void;
}

/** One leaf of an aggregate as the sum check reads it: whose upload, which bytes, and its signed masked fingerprint. */
export interface FingerprintedUpload {
  readonly site: string;
  readonly digest: Hash32;
  readonly maskedFingerprint: Uint8Array;
}

/** Key-holder side of the check that an aggregate is the fold of exactly the signed updates its header lists. */
export interface SumCheck {
  /**
   * This site's masked fingerprint of its own update (`digest`: the chunks' ChunksDigest), for its signed envelope;
   * the chunks are taken one at a time in index order (read back from the site's file for a large update).
   */
  maskedFingerprint(attempt: CheckedAttempt, site: string, digest: Hash32, chunks: Iterable<Uint8Array>): Uint8Array;
  /** Checks the leaves' fingerprints now; then takes the aggregate's chunks in order, and `finish` refuses a forgery. */
  openAggregateCheck(attempt: CheckedAttempt, uploads: readonly FingerprintedUpload[]): AggregateSumCheck;
}

export interface AggregateSumCheck {
  add(bytes: Uint8Array): void;
  /** Throws AGGREGATE_FORGED, naming the failed challenges, unless every challenge agrees. */
  finish(): void;
}

/** Takes the aggregate's chunks in index order; `finish` checks they were all there and returns the mean update. */
export interface AggregateReader {
  add(bytes: Uint8Array): void;
  finish(): Float32Array;
}

/** decryptAggregate for any codec: every chunk through openAggregate. */
export function readAggregate(reader: AggregateReader, chunks: readonly Uint8Array[]): Float32Array {
  for (const bytes of chunks) reader.add(bytes);
  return reader.finish();
}

/** Coordinator side: validates and adds updates; holds no key material and has no way to decrypt. */
export interface EncryptedSum {
  readonly codecId: string;
  readonly chunkCount: number;
  /** Updates folded so far. */
  readonly updates: number;
  /** Every check foldUpdate makes on one incoming chunk: call while streaming, so a stored chunk always folds. */
  validateChunk(index: number, bytes: Uint8Array): void;
  /**
   * Adds one update, its chunks taken in index order as they are read (from the coordinator's store, one at a time):
   * either all chunks fold or none (throws CIPHERTEXT_*), and the sum is left as it was.
   */
  foldUpdate(chunks: Iterable<Uint8Array>): void;
  /** Refuses (UPDATE_INVALID) an envelope's masked fingerprint that is not this codec's shape: CKKS values below q, plaintext none. */
  checkFingerprint(maskedFingerprint: Uint8Array): void;
  /** Chunk `index` of the aggregate: what the coordinator stores, one chunk at a time, when the round closes. */
  aggregateChunk(index: number): Uint8Array;
  /** The aggregate's chunks, in order, all at once: for sums small enough to hold (tests, adversarial parties). */
  serialize(): Uint8Array[];
  dispose(): void;
}
