// What the plan lets a site's update envelope declare: how many examples it may weight by, and whether it may report an
// ε spent (only under DP-SGD). UpdateIntake hands both to verifyEnvelope.
import { exampleCap } from '../../common/plan/exampleCap.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { usesDpSgd } from '../../common/plan/usesDpSgd.ts';

export interface EnvelopeRules {
  readonly exampleCap: number;
  readonly dpSgd: boolean;
}

export function envelopeRules(plan: Pick<Plan, 'consortium' | 'privacy'>): EnvelopeRules {
  return { exampleCap: exampleCap(plan), dpSgd: usesDpSgd(plan) };
}
