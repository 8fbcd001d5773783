// What DP-SGD means for one site under a plan: its sampling rate, noise multiplier and steps per round. σ is the plan's,
// or calibrated from this site's own row count so that its ε after the plan's last round is the plan's target.
import { MedflError } from '../MedflError.ts';
import type { Plan } from '../plan/planSchema.ts';
import { calibrateNoiseMultiplier } from './calibrateNoise.ts';

export interface SiteDpSgd {
  /** Probability that a row is in a step's batch: batchSize / rows, at most 1. */
  readonly samplingRate: number;
  readonly noiseMultiplier: number;
  readonly maxGradNorm: number;
  readonly stepsPerRound: number;
  /** The plan's δ. */
  readonly delta: number;
}

/** The optimizer steps of one round: the plan's localSteps when set, else localEpochs passes of ⌈rows/batchSize⌉ batches. */
export function stepsPerRound(training: { readonly batchSize: number; readonly localEpochs?: number; readonly localSteps?: number }, rows: number): number {
  if (training.localSteps !== undefined) return training.localSteps;
  if (training.localEpochs === undefined) throw new MedflError('PLAN_INVALID', 'set exactly one of training.localEpochs and training.localSteps');
  return training.localEpochs * Math.ceil(rows / training.batchSize);
}

/** This site's DP-SGD parameters, or undefined when the plan asks for none. */
export function siteDpSgd(plan: Pick<Plan, 'privacy' | 'training' | 'rounds'>, rows: number): SiteDpSgd | undefined {
  const dp = plan.privacy.dpSgd;
  if (!dp) return undefined;
  const samplingRate = Math.min(1, plan.training.batchSize / rows);
  const steps = stepsPerRound(plan.training, rows);
  const noiseMultiplier = dp.noiseMultiplier
    ?? calibrateNoiseMultiplier({ samplingRate, steps: steps * plan.rounds, delta: dp.delta, targetEpsilon: dp.targetEpsilon! });
  return { samplingRate, noiseMultiplier, maxGradNorm: dp.maxGradNorm, stepsPerRound: steps, delta: dp.delta };
}
