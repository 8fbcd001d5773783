// The aggregate's one-time mask M: uniform residues mod q that one decryptor adds to its share and every opener
// subtracts, so the coordinator, which folds the shares, never sees the aggregate. Keyed by a secret only sites hold;
// uniform in either domain, so it is used as NTT-form residues directly.
import { MedflError } from '../../MedflError.ts';
import type { Prime } from '../coefficientPacking.ts';
import { createKeystream } from './keystream.ts';

const SALT = 'medfl/v1/aggregate-mask';
export const MASK_KEY_BYTES = 32;

/** N residues mod q (SEAL layout) from AES-CTR keyed by maskKey and `info`: primeBits-wide draws, ≥ q rejected. */
export function maskPolynomial(maskKey: Uint8Array, info: string, degree: number, primeBits: number, q: Prime): Uint8Array {
  if (maskKey.length !== MASK_KEY_BYTES) throw new MedflError('KEY_INVALID', `the aggregate mask key is ${MASK_KEY_BYTES} bytes, got ${maskKey.length}`);
  const stream = createKeystream(maskKey, SALT, info);
  const words = new Uint32Array(2 * degree);
  const loMask = primeBits >= 32 ? 0xffffffff : 2 ** primeBits - 1;
  const hiMask = primeBits <= 32 ? 0 : 2 ** (primeBits - 32) - 1;
  let filled = 0;
  while (filled < degree) {
    // The prime sits just below 2^primeBits, so almost no draw is rejected.
    const draws = new Uint32Array(stream.next(8 * (degree - filled + 4)).buffer);
    for (let i = 0; i < draws.length && filled < degree; i += 2) {
      const lo = ((draws[i] ?? 0) & loMask) >>> 0;
      const hi = ((draws[i + 1] ?? 0) & hiMask) >>> 0;
      if (hi > q.hi || (hi === q.hi && lo >= q.lo)) continue;
      words[2 * filled] = lo;
      words[2 * filled + 1] = hi;
      filled += 1;
    }
  }
  return new Uint8Array(words.buffer);
}
