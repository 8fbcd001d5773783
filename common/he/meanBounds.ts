// The box and ball every honest round's decrypted mean lies in, from the plan's clip norm and the codec's
// decoding error: a site refuses to attest or adopt a mean outside them, which no set of honest updates produces.
import { MedflError } from '../MedflError.ts';
import type { CkksParameters } from './ckksParameters.ts';
import type { PlaintextParameters } from './createPlaintextCodec.ts';

/**
 * Float32 rounding on the way (the clip's scaling, the decoded mean) is a few relative errors
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
 * rounding. DP-SGD's noise is added inside local training, before the clip, so it needs no room here.
 */
export function meanBounds(privacy: { readonly clipNorm: number }, codec: CkksParameters | PlaintextParameters): MeanBounds {
  const { clipNorm } = privacy;
  const root = Math.sqrt(codec.parameterCount);
  const decodeError = codec.scheme === 'ckks' ? codec.errorBound * clipNorm : 0;
  return {
    maxAbsCoordinate: (clipNorm + decodeError) * (1 + FLOAT32_SLACK),
    maxNorm: (clipNorm + root * decodeError) * (1 + FLOAT32_SLACK),
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
