// The ε that DP-SGD with Poisson sampling spends at δ: per-step sampled-Gaussian RDP, composed by adding it over steps
// (RDP composes additively, also across different sampling rates and noise), converted once at the end.
import { MedflError } from '../MedflError.ts';
import { rdpToEpsilon, type EpsilonAtOrder } from './rdpToEpsilon.ts';
import { DEFAULT_RDP_ORDERS, sampledGaussianRdp } from './sampledGaussianRdp.ts';

export interface DpSgdSteps {
  /** Probability that a record is in a step's batch (batch size / training rows). */
  readonly samplingRate: number;
  /** Noise standard deviation as a multiple of the per-example clip norm. */
  readonly noiseMultiplier: number;
  readonly steps: number;
}

export interface DpSgdSchedule extends DpSgdSteps {
  readonly delta: number;
}

/** ε at δ after every segment of steps in turn. */
export function composedEpsilon(segments: readonly DpSgdSteps[], delta: number, orders: readonly number[] = DEFAULT_RDP_ORDERS): EpsilonAtOrder {
  for (const { steps } of segments) {
    if (!Number.isInteger(steps) || steps < 0) throw new MedflError('PRIVACY_PARAMETERS', `steps must be a non-negative integer, got ${steps}`);
  }
  const rdp = orders.map((order) =>
    segments.reduce((sum, { samplingRate, noiseMultiplier, steps }) => sum + (steps === 0 ? 0 : steps * sampledGaussianRdp(samplingRate, noiseMultiplier, order)), 0),
  );
  return rdpToEpsilon(orders, rdp, delta);
}

export function dpSgdEpsilon(schedule: DpSgdSchedule, orders: readonly number[] = DEFAULT_RDP_ORDERS): EpsilonAtOrder {
  return composedEpsilon([schedule], schedule.delta, orders);
}
