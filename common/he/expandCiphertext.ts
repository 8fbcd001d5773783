// A site's seeded ciphertext with c1 regenerated exactly as the coordinator's fold regenerates it: loaded into SEAL
// (which expands the seed) and saved uncompressed. The sum check fingerprints these coefficients, so they must be
// the coordinator's to the bit.
import type { CkksContext } from './ckksContext.ts';
import { polynomialAt } from './sealLayout.ts';
import { loadDecoded } from './validateCiphertext.ts';
import type { DecodedCiphertext } from './wireCiphertext.ts';

const words = (polynomial: Uint8Array) => new Uint32Array(polynomial.slice().buffer);

/** c0 and c1 as little-endian uint32 halves of SEAL's uint64 coefficients. */
export function expandCiphertext(ckks: CkksContext, label: string, decoded: DecodedCiphertext): { c0: Uint32Array; c1: Uint32Array } {
  const ciphertext = loadDecoded(ckks, label, decoded);
  try {
    const saved = ciphertext.saveArray(ckks.seal.ComprModeType.none);
    const n = ckks.params.polyModulusDegree;
    return { c0: words(polynomialAt(saved, n, 0)), c1: words(polynomialAt(saved, n, 1)) };
  } finally {
    ciphertext.delete();
  }
}
