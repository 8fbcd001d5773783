// Opening a threshold aggregate at a site that holds the mask key: P_k = C0_k + D_k − M_k = Σ_U (pt_i + e_i) + Σ_T E_j,
// because the decryptors' Lagrange-weighted key shares sum to s_U = Σ_U s_i. Both folds come from the untrusted
// coordinator, so every chunk is checked in JS before any arithmetic.
import type { CkksContext } from '../ckksContext.ts';
import { assertChunkCount } from '../chunkCount.ts';
import { checkTotalExamples } from '../checkUpdate.ts';
import { unpackCoefficients } from '../coefficientPacking.ts';
import { carrierBatches, nttTransform } from '../nttTransform.ts';
import { checkCiphertext } from '../validateCiphertext.ts';
import { maskPolynomial } from './maskPolynomial.ts';
import { addInto, bytesOf, subtractInto } from './modularPolynomials.ts';
import { checkSession, sessionInfo, type ThresholdSession } from './thresholdSession.ts';

export interface OpenRequest {
  readonly session: ThresholdSession;
  /** C0_k = Σ_U c0_{i,k}: the coordinator's fold of the contributors' chunks (createPolynomialSum.ts). */
  readonly aggregateChunks: readonly Uint8Array[];
  /** D_k = Σ_T share_{j,k}: the coordinator's fold of the decryptors' shares. */
  readonly shareSumChunks: readonly Uint8Array[];
  readonly maskKey: Uint8Array;
  /** Σ_U n_i, the divisor of the example-weighted mean. */
  readonly totalExamples: number;
}

/**
 * The mean Σ n_i·Δ_i / Σ n_i. A wrong mask key, a missing or foreign share, or a fold over other contributors than
 * `session` names gives values spread over the whole ±q/2 range divided by scale·totalExamples: far outside any
 * clipped update (|mean| ≤ clipNorm·headroom), which is how a caller tells (see meanBounds.ts).
 */
export function openThresholdAggregate(ckks: CkksContext, request: OpenRequest): Float32Array {
  const { params, prime } = ckks;
  const { session, aggregateChunks, shareSumChunks, maskKey, totalExamples } = request;
  checkSession(params, session);
  checkTotalExamples(totalExamples, params.maxSites * params.maxExamples);
  assertChunkCount('the aggregate', aggregateChunks.length, params.chunkCount);
  assertChunkCount('the decryption-share sum', shareSumChunks.length, params.chunkCount);
  const degree = params.polyModulusDegree;
  const mean = new Float64Array(params.parameterCount);
  for (const batch of carrierBatches(params.chunkCount)) {
    const opened = batch.map((chunk) => {
      const { c0 } = checkCiphertext(ckks, `aggregate chunk ${chunk}`, aggregateChunks[chunk]!, 'crs');
      addInto(c0, checkCiphertext(ckks, `decryption-share sum chunk ${chunk}`, shareSumChunks[chunk]!, 'crs').c0, prime);
      const mask = maskPolynomial(maskKey, sessionInfo(params.codecId, session, chunk), degree, params.primeBits, prime);
      subtractInto(c0, new Uint32Array(mask.buffer), prime);
      return bytesOf(c0);
    });
    nttTransform(ckks, opened, false).forEach((coefficients, i) => {
      const start = (batch[i] ?? 0) * degree;
      unpackCoefficients(coefficients, prime, ckks.scale * totalExamples, mean, start, Math.min(degree, mean.length - start));
    });
  }
  return Float32Array.from(mean);
}
