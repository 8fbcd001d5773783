// The digest of a chunked ciphertext stream: of an update (its contribution leaf) and of an aggregate.
import { createHash } from 'node:crypto';
import type { Hash32 } from '../canonicalJson.ts';

/**
 * sha256 over every chunk in index order, each preceded by its length as a 4-byte big-endian integer, so that
 * moving bytes between chunks changes the digest. Incremental: feed chunks as they stream in.
 */
export class ChunksDigest {
  private readonly hash = createHash('sha256');

  add(chunk: Uint8Array): void {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.byteLength);
    this.hash.update(length);
    this.hash.update(chunk);
  }

  digest(): Hash32 {
    return `0x${this.hash.digest('hex')}`;
  }
}

export function chunksDigest(chunks: Iterable<Uint8Array>): Hash32 {
  const digest = new ChunksDigest();
  for (const chunk of chunks) digest.add(chunk);
  return digest.digest();
}
