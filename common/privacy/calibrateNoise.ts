// Noise calibration for DP-SGD: the smallest noise multiplier whose ε after the schedule's steps is at most a target,
// found by bisection (ε falls as σ grows).
import { MedflError } from '../MedflError.ts';
import { dpSgdEpsilon, type DpSgdSchedule } from './dpSgdEpsilon.ts';

export interface NoiseTarget extends Omit<DpSgdSchedule, 'noiseMultiplier'> {
  readonly targetEpsilon: number;
}

/** σ beyond this buys no useful model; a target it cannot meet is refused rather than searched for forever. */
const MAX_NOISE_MULTIPLIER = 1e4;
/** The bisection stops once its bracket is this small relative to σ: far below what the training noise can resolve. */
const RELATIVE_TOLERANCE = 1e-10;

/** The smallest σ (within RELATIVE_TOLERANCE, rounded up) at which the schedule spends at most `targetEpsilon`. */
export function calibrateNoiseMultiplier(target: NoiseTarget): number {
  const { targetEpsilon, ...schedule } = target;
  if (!(targetEpsilon > 0) || !Number.isFinite(targetEpsilon)) {
    throw new MedflError('PRIVACY_PARAMETERS', `the target ε must be a positive number, got ${targetEpsilon}`);
  }
  const epsilonAt = (noiseMultiplier: number) => dpSgdEpsilon({ ...schedule, noiseMultiplier }).epsilon;
  let high = 1;
  while (epsilonAt(high) > targetEpsilon) {
    high *= 2;
    if (high > MAX_NOISE_MULTIPLIER) {
      throw new MedflError(
        'PRIVACY_PARAMETERS',
        `no noise multiplier up to ${MAX_NOISE_MULTIPLIER} reaches ε = ${targetEpsilon} at δ = ${schedule.delta} over ${schedule.steps} steps at sampling rate ${schedule.samplingRate}; raise the target or take fewer steps`,
      );
    }
  }
  let low = 0;
  while (high - low > high * RELATIVE_TOLERANCE) {
    const middle = (low + high) / 2;
    if (epsilonAt(middle) > targetEpsilon) low = middle;
    else high = middle;
  }
  return high;
}
