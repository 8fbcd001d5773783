// Rényi DP of one step of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar & Zhang 2019, "Rényi Differential
// Privacy of the Sampled Gaussian Mechanism", arXiv:1908.10530): each record is in the batch with probability q, the
// clipped sum gets N(0, σ²C²) noise. RDP at order α is log(A_α)/(α−1); A_α is computed in log space (Section 3.3).
import { MedflError } from '../MedflError.ts';
import { logErfc } from './logErfc.ts';
import { logAdd, logSub } from './logSpace.ts';

/** The orders TF Privacy's compute_dp_sgd_privacy searches, so our ε is comparable with its published figures. */
export const DEFAULT_RDP_ORDERS: readonly number[] = [
  1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, ...Array.from({ length: 59 }, (_, i) => i + 5), 128, 256, 512,
];

/** Terms of the fractional-order series below e^-30 of the total are dropped, as in the paper's implementation note. */
const SERIES_CUTOFF = -30;

/** Integer α: A_α = Σ_k C(α,k) q^k (1−q)^(α−k) e^((k²−k)/(2σ²)) (the binomial expansion, Section 3.3). */
function logAInteger(q: number, sigma: number, alpha: number): number {
  let logBinomial = 0;
  let logA = -Infinity;
  for (let k = 0; k <= alpha; k += 1) {
    if (k > 0) logBinomial += Math.log(alpha - k + 1) - Math.log(k);
    const term = logBinomial + k * Math.log(q) + (alpha - k) * Math.log1p(-q) + (k * k - k) / (2 * sigma * sigma);
    logA = logAdd(logA, term);
  }
  return logA;
}

/**
 * Fractional α: A_α = A₀ + A₁, two series in the generalised binomial coefficient split at z₀ = σ² log(1/q − 1) + 1/2,
 * each term weighted by a Gaussian tail (erfc). Coefficients change sign once i > α, so sums and differences are kept
 * apart in log space.
 */
function logAFractional(q: number, sigma: number, alpha: number): number {
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const tailScale = Math.SQRT2 * sigma;
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  let logCoefficient = 0;
  let positive = true;
  for (let i = 0; ; i += 1) {
    if (i > 0) {
      const factor = (alpha - i + 1) / i;
      logCoefficient += Math.log(Math.abs(factor));
      if (factor < 0) positive = !positive;
    }
    const j = alpha - i;
    const logT0 = logCoefficient + i * Math.log(q) + j * Math.log1p(-q);
    const logT1 = logCoefficient + j * Math.log(q) + i * Math.log1p(-q);
    const logS0 = logT0 + (i * i - i) / (2 * sigma * sigma) + Math.log(0.5) + logErfc((i - z0) / tailScale);
    const logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + Math.log(0.5) + logErfc((z0 - j) / tailScale);
    logA0 = positive ? logAdd(logA0, logS0) : logSub(logA0, logS0);
    logA1 = positive ? logAdd(logA1, logS1) : logSub(logA1, logS1);
    if (Math.max(logS0, logS1) < SERIES_CUTOFF) return logAdd(logA0, logA1);
  }
}

/** RDP of one step at order α (> 1) for sampling rate q ∈ [0, 1] and noise multiplier σ (noise std / clip norm). */
export function sampledGaussianRdp(q: number, sigma: number, alpha: number): number {
  if (!(q >= 0 && q <= 1)) throw new MedflError('PRIVACY_PARAMETERS', `the sampling rate must be in [0, 1], got ${q}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new MedflError('PRIVACY_PARAMETERS', `the noise multiplier must be a non-negative number, got ${sigma}`);
  if (!(alpha > 1)) throw new MedflError('PRIVACY_PARAMETERS', `an RDP order must exceed 1, got ${alpha}`);
  if (q === 0) return 0;
  if (sigma === 0 || alpha === Infinity) return Infinity;
  if (q === 1) return alpha / (2 * sigma * sigma);
  const logA = Number.isInteger(alpha) ? logAInteger(q, sigma, alpha) : logAFractional(q, sigma, alpha);
  return logA / (alpha - 1);
}
