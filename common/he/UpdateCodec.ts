// The two faces of an update codec: the key holder's (encrypt an update, decrypt the aggregate) and the
// coordinator's (fold updates into a running sum without any key). CKKS and plaintext codecs share them.

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
  dispose(): void;
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
  /** Adds one update: every chunk is validated and parsed first, so either all chunks fold or none (throws CIPHERTEXT_*). */
  foldUpdate(chunks: readonly Uint8Array[]): void;
  /** The aggregate's chunks, in order. */
  serialize(): Uint8Array[];
  dispose(): void;
}
