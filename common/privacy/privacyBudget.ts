// A site operator's differential-privacy budget for a plan: the most ε, at a δ, its node may spend on the site's data.
// A DP-SGD plan needs one before a site runs it; a plan without DP-SGD has none.
import { MedflError } from '../MedflError.ts';
import type { Plan } from '../plan/planSchema.ts';

export interface PrivacyBudget {
  readonly epsilon: number;
  readonly delta: number;
}

/**
 * The budget an operator gives (`epsilon`, at `delta` or else the plan's δ), checked; undefined for a plan without
 * DP-SGD. `flag` names where the operator sets ε, for the PRIVACY_BUDGET_REQUIRED message.
 */
export function privacyBudget(plan: Pick<Plan, 'name' | 'privacy'>, given: { readonly epsilon?: number; readonly delta?: number }, flag: string): PrivacyBudget | undefined {
  const dp = plan.privacy.dpSgd;
  if (!dp) return undefined;
  const { epsilon, delta = dp.delta } = given;
  if (epsilon === undefined) {
    throw new MedflError('PRIVACY_BUDGET_REQUIRED', `plan ${plan.name} trains with DP-SGD: give this site's privacy budget with ${flag} (ε at δ = ${delta})`);
  }
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new MedflError('PRIVACY_PARAMETERS', `a privacy budget ε must be a positive number, got ${epsilon}`);
  if (!(delta > 0 && delta < 1)) throw new MedflError('PRIVACY_PARAMETERS', `a privacy budget's δ must be in (0, 1), got ${delta}`);
  return { epsilon, delta };
}

/** `medfl run`'s budget for every site: the given ε, else the plan's targetEpsilon, at the plan's δ. */
export function runPrivacyBudget(plan: Pick<Plan, 'name' | 'privacy'>, epsilon: number | undefined): PrivacyBudget | undefined {
  const chosen = epsilon ?? plan.privacy.dpSgd?.targetEpsilon;
  return privacyBudget(plan, chosen === undefined ? {} : { epsilon: chosen }, '--privacy-budget E');
}
