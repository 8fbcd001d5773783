// Deterministic pseudo-random bytes for the threshold codec's secrets and noise: AES-256-CTR over zeros, keyed by
// HKDF-SHA256 of a secret and a domain-separated context, so every party that holds the secret regenerates them.
import { createCipheriv, hkdfSync } from 'node:crypto';

export interface Keystream {
  /** The next `count` bytes of the stream. */
  next(count: number): Uint8Array;
}

export function createKeystream(secret: Uint8Array, salt: string, info: string): Keystream {
  const key = new Uint8Array(hkdfSync('sha256', secret, salt, info, 32));
  const cipher = createCipheriv('aes-256-ctr', key, new Uint8Array(16));
  key.fill(0);
  return { next: (count) => new Uint8Array(cipher.update(new Uint8Array(count))) };
}
