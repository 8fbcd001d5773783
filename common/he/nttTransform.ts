// SEAL has no public coefficient-form CKKS plaintext, so the NTT runs on the components of a crafted ciphertext: up
// to CARRIER_POLYNOMIALS polynomials per SEAL call (one load, one transform, one save for all of them).
import type { CipherText } from './loadSeal.ts';
import type { CkksContext } from './ckksContext.ts';
import { CARRIER_POLYNOMIALS, carrierCiphertext, polynomialAt } from './sealLayout.ts';

/** Each polynomial (8·N bytes, SEAL layout) to NTT form (`toNtt`) or back; at most CARRIER_POLYNOMIALS of them. */
export function nttTransform(ckks: CkksContext, polynomials: readonly Uint8Array[], toNtt: boolean): Uint8Array[] {
  const { seal, context, evaluator, parmsId, scale, params } = ckks;
  const degree = params.polyModulusDegree;
  const carrier: CipherText = seal.CipherText();
  try {
    carrier.loadArray(context, carrierCiphertext(parmsId, degree, scale, !toNtt, polynomials));
    if (toNtt) evaluator.cipherTransformToNtt(carrier, carrier);
    else evaluator.cipherTransformFromNtt(carrier, carrier);
    const saved = carrier.saveArray(seal.ComprModeType.none);
    return polynomials.map((_, i) => polynomialAt(saved, degree, i));
  } finally {
    carrier.delete();
  }
}

/** The chunk indices of each carrier's batch: [0..14], [15..29], … */
export function carrierBatches(chunkCount: number): number[][] {
  const groups: number[][] = [];
  for (let first = 0; first < chunkCount; first += CARRIER_POLYNOMIALS) {
    groups.push(Array.from({ length: Math.min(CARRIER_POLYNOMIALS, chunkCount - first) }, (_, i) => first + i));
  }
  return groups;
}
