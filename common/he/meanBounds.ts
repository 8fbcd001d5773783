// The box and ball every honest round's decrypted mean lies in, from the plan's clip norm and DP noise and the codec's
// decoding error: a site refuses to attest or adopt a mean outside them, which no set of honest updates produces.
import { MedflError } from '../MedflError.ts';
import { NOISE_SIGMAS, type CkksParameters } from './ckksParameters.ts';
import type { PlaintextParameters } from './createPlaintextCodec.ts';

/**
 * Float32 rounding on the way (the clip's scaling, the noise's addition, the decoded mean) is a few relative errors
 * of 2^-24 each; 2^-20 of the bound covers them with room.
 */
const FLOAT32_SLACK = 2 ** -20;

export interface MeanBounds {
  /** The largest |coordinate| of an honest round's mean. */
  readonly maxAbsCoordinate: number;
  /** The largest L2 norm of an honest round's mean. */
  readonly maxNorm: number;
}

/**
 * Every honest update is clipped to L2 ≤ clipNorm, so their example-weighted mean (a convex combination) has
 * L2 ≤ clipNorm and every |coordinate| ≤ clipNorm. Decoding adds at most errorBound·clipNorm to each coordinate of the
 * mean (ckksParameters.ts sizes the scale for that; ≤ √d times it in L2); the plaintext codec adds only float64
 * rounding.
 *
 * DP noise: site i adds zᵢ ~ N(0, σ²I), σ = dpNoiseMultiplier·clipNorm, so the mean carries Σ nᵢzᵢ/N ~ N(0, s²I)
 * with s² = σ²·Σnᵢ²/N² ≤ σ². Per coordinate we allow NOISE_SIGMAS·σ, as the codec's headroom does: a false refusal
 * has probability ≤ d·2Φ(−6) ≈ d·2·10⁻⁹ per round. For the norm, ‖noise‖²/s² is χ²_d, and Laurent–Massart (2000)
 * gives P(χ²_d ≥ d + 2√(dx) + 2x) ≤ e^(−x); since d + 2√(dx) + 2x ≤ (√d + √(2x))², x = NOISE_SIGMAS² bounds the norm by
 * σ·(√d + NOISE_SIGMAS·√2) except with probability e^(−36) ≈ 2·10⁻¹⁶. A site clamps a noisy coordinate only where
 * its noise exceeds 3·clipNorm + 6σ (addDpNoise.ts), with probability ≤ sites·d·2·10⁻⁹; outside that event the
 * noise is exactly the Gaussian above.
 */
export function meanBounds(privacy: { readonly clipNorm: number; readonly dpNoiseMultiplier: number }, codec: CkksParameters | PlaintextParameters): MeanBounds {
  const { clipNorm, dpNoiseMultiplier } = privacy;
  const root = Math.sqrt(codec.parameterCount);
  const sigma = dpNoiseMultiplier * clipNorm;
  const decodeError = codec.scheme === 'ckks' ? codec.errorBound * clipNorm : 0;
  return {
    maxAbsCoordinate: (clipNorm + decodeError + NOISE_SIGMAS * sigma) * (1 + FLOAT32_SLACK),
    maxNorm: (clipNorm + root * decodeError + sigma * (root + NOISE_SIGMAS * Math.SQRT2)) * (1 + FLOAT32_SLACK),
  };
}

/** Throws AGGREGATE_OUT_OF_BOUNDS naming the first coordinate, or else the norm, beyond `bounds` (NaN included). */
export function checkMeanBounds(mean: Float32Array, bounds: MeanBounds): void {
  let squares = 0;
  for (let i = 0; i < mean.length; i++) {
    const value = mean[i] ?? 0;
    if (!(Math.abs(value) <= bounds.maxAbsCoordinate)) {
      throw new MedflError(
        'AGGREGATE_OUT_OF_BOUNDS',
        `the decrypted mean's coordinate ${i} is ${value}, beyond the ±${bounds.maxAbsCoordinate} an honest round's mean stays within; refusing it`,
        { details: { coordinate: i, value, bound: bounds.maxAbsCoordinate } },
      );
    }
    squares += value * value;
  }
  const norm = Math.sqrt(squares);
  if (!(norm <= bounds.maxNorm)) {
    throw new MedflError(
      'AGGREGATE_OUT_OF_BOUNDS',
      `the decrypted mean's L2 norm is ${norm}, beyond the ${bounds.maxNorm} an honest round's mean stays within; refusing it`,
      { details: { norm, bound: bounds.maxNorm } },
    );
  }
}
