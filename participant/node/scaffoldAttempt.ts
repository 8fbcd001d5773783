// A SCAFFOLD site's part in one round attempt: the correction its local training adds, the Δc it sends after Δy, and
// the c_i⁺ it keeps pending until the round commits (SiteControl).
import { globalControl } from '../../common/strategies/Scaffold.ts';
import type { StrategyState } from '../../common/strategies/Strategy.ts';
import { advanceControl, controlCorrection, controlDelta } from '../update/scaffoldControl.ts';
import type { RoundAttempt, SiteControl } from './SiteControl.ts';

/** What a SCAFFOLD node hands its contribution step: its c_i store, the committed strategy state (c), and η. */
export interface ScaffoldSite {
  readonly control: Pick<SiteControl, 'current' | 'keepPending'>;
  readonly strategyState: StrategyState;
  readonly learningRate: number;
}

export interface ScaffoldAttempt {
  /** c − c_i, for trainLocal's controlCorrection. */
  readonly correction: Float32Array;
  /** Δc = c_i⁺ − c_i from the trained weights y and the K steps taken. */
  controlDelta(y: Float32Array, steps: number): Float32Array;
  /** Keeps c_i + the Δc half of the update as sent, pending this attempt's commit. */
  keep(sentUpdate: Float32Array): void;
}

/** The attempt's control maths from global weights `x` (the model it trains from). */
export function scaffoldAttempt(site: ScaffoldSite, attempt: RoundAttempt, x: Float32Array): ScaffoldAttempt {
  const c = globalControl(site.strategyState, x.length);
  const ci = site.control.current(attempt.runId).control;
  return {
    correction: controlCorrection(c, ci),
    controlDelta: (y, steps) => controlDelta({ x, y, c, ci, steps, learningRate: site.learningRate }),
    keep: (sentUpdate) => site.control.keepPending(attempt, advanceControl(ci, sentUpdate.subarray(x.length))),
  };
}
