// A site's own ternary CKKS secret s_i, derived from the 32-byte seed in its kit: nobody else ever holds it, and the
// site regenerates it at will instead of storing key bytes. Threshold decryption works on Shamir shares of it.
import { MedflError } from '../../MedflError.ts';
import type { CkksContext } from '../ckksContext.ts';
import { nttTransform } from '../nttTransform.ts';
import { nttPlaintext } from '../sealLayout.ts';
import { createKeystream } from './keystream.ts';

export const SITE_SEED_BYTES = 32;
const SALT = 'medfl/v1/ckks-share';

export interface SiteSecret {
  /** s_i in SEAL's NTT form: N residues mod q. */
  readonly residues: BigUint64Array;
  /** The same as a SEAL SecretKey serialization (what loadCkksSecretKey accepts). */
  readonly keyBytes: Uint8Array;
}

/** SEAL's secret key is an NTT-form plaintext of scale 1 at the key level (the first level: one prime, no special one). */
export function residueKeyBytes(ckks: CkksContext, residues: BigUint64Array): Uint8Array {
  const bytes = new Uint8Array(residues.buffer, residues.byteOffset, residues.byteLength);
  return nttPlaintext(ckks.parmsId, ckks.params.polyModulusDegree, 1, bytes);
}

/** Uniform coefficients in {-1, 0, 1} as SEAL words mod q: two stream bits each, the value 3 rejected. */
function ternaryCoefficients(seed: Uint8Array, codecId: string, ckks: CkksContext): Uint32Array {
  const degree = ckks.params.polyModulusDegree;
  const stream = createKeystream(seed, SALT, codecId);
  const words = new Uint32Array(2 * degree);
  let filled = 0;
  while (filled < degree) {
    // A quarter of draws are rejected; asking for a third more than the remainder usually finishes in one pass.
    for (const byte of stream.next(Math.ceil((degree - filled) / 3) + 8)) {
      for (let shift = 0; shift < 8 && filled < degree; shift += 2) {
        const draw = (byte >> shift) & 3;
        if (draw === 3) continue;
        if (draw === 1) words[2 * filled] = 1;
        if (draw === 2) {
          words[2 * filled] = ckks.prime.lo - 1;
          words[2 * filled + 1] = ckks.prime.hi;
        }
        filled += 1;
      }
    }
  }
  return words;
}

export function deriveSiteSecret(ckks: CkksContext, seed: Uint8Array): SiteSecret {
  if (seed.length !== SITE_SEED_BYTES) throw new MedflError('KEY_INVALID', `a site's CKKS seed is ${SITE_SEED_BYTES} bytes, got ${seed.length}`);
  const coefficients = ternaryCoefficients(seed, ckks.params.codecId, ckks);
  const [ntt] = nttTransform(ckks, [new Uint8Array(coefficients.buffer)], true);
  const residues = new BigUint64Array(ntt!.slice().buffer);
  coefficients.fill(0);
  return { residues, keyBytes: residueKeyBytes(ckks, residues) };
}
