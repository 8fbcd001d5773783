// The ε that `steps` steps of DP-SGD with Poisson sampling spend at δ: per-step sampled-Gaussian RDP, composed by
// adding it over steps (RDP composes additively), converted once at the end.
import { MedflError } from '../MedflError.ts';
import { rdpToEpsilon, type EpsilonAtOrder } from './rdpToEpsilon.ts';
import { DEFAULT_RDP_ORDERS, sampledGaussianRdp } from './sampledGaussianRdp.ts';

export interface DpSgdSchedule {
  /** Probability that a record is in a step's batch (batch size / training rows). */
  readonly samplingRate: number;
  /** Noise standard deviation as a multiple of the per-example clip norm. */
  readonly noiseMultiplier: number;
  readonly steps: number;
  readonly delta: number;
}

export function dpSgdEpsilon(schedule: DpSgdSchedule, orders: readonly number[] = DEFAULT_RDP_ORDERS): EpsilonAtOrder {
  const { samplingRate, noiseMultiplier, steps, delta } = schedule;
  if (!Number.isInteger(steps) || steps < 0) throw new MedflError('PRIVACY_PARAMETERS', `steps must be a non-negative integer, got ${steps}`);
  const rdp = orders.map((order) => (steps === 0 ? 0 : steps * sampledGaussianRdp(samplingRate, noiseMultiplier, order)));
  return rdpToEpsilon(orders, rdp, delta);
}
