// The secret challenge vectors r_1..r_t of the aggregate sum check: one value in [0, 2^21) per coefficient of every
// chunk's c0 and c1, expanded with AES-256-CTR from the attempt's challenge key, chunk by chunk as the data arrive.
import { createCipheriv } from 'node:crypto';

/** t: independent challenges. A forged aggregate passes each with probability at most 2^-CHALLENGE_BITS. */
export const CHALLENGES = 4;
/** Coordinates in [0, 2^21): a 21-bit limb times one is below 2^42, so 2048 such products sum exactly in a double. */
export const CHALLENGE_BITS = 21;
const MASK = 2 ** CHALLENGE_BITS - 1;

const zeros = new Map<number, Buffer>();

/**
 * The coordinates of every challenge for polynomial `polynomial` (0: c0, 1: c1) of chunk `chunk`: row j (challenge j)
 * at [j·degree, (j+1)·degree). Each (chunk, polynomial) has its own counter block (chunk, polynomial, 0, 0); a row
 * takes degree/4 AES blocks, far from the 64-bit counter's end, so no two share keystream.
 */
export function challengeCoordinates(challengeKey: Uint8Array, chunk: number, polynomial: number, degree: number): Uint32Array {
  const bytes = 4 * CHALLENGES * degree;
  let input = zeros.get(bytes);
  if (!input) zeros.set(bytes, (input = Buffer.alloc(bytes)));
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(chunk, 0);
  iv.writeUInt32BE(polynomial, 4);
  const stream = createCipheriv('aes-256-ctr', challengeKey, iv).update(input);
  // update() returns a fresh buffer here (CTR keeps no partial block); copied only if it is not 4-byte aligned.
  const aligned = stream.byteOffset % 4 === 0 ? stream : new Uint8Array(stream);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, CHALLENGES * degree);
  for (let i = 0; i < words.length; i++) words[i] = words[i]! & MASK;
  return words;
}
