// Whether a plan trains with record-level DP-SGD, and at which δ. Typed loosely on purpose: the plan schema's
// privacy.dpSgd block is owned elsewhere, and these two questions are all the update envelope and `medfl verify` ask.

interface PlanPrivacy {
  readonly privacy: object;
}

/** True when the plan's privacy settings carry a dpSgd block: only then may a site's update declare an ε spent. */
export function usesDpSgd(plan: PlanPrivacy): boolean {
  return 'dpSgd' in plan.privacy && plan.privacy.dpSgd !== undefined;
}

/** The δ the plan's sites account their ε at; undefined without DP-SGD (or when the block names no numeric δ). */
export function dpSgdDelta(plan: PlanPrivacy): number | undefined {
  if (!usesDpSgd(plan)) return undefined;
  const dpSgd = (plan.privacy as { readonly dpSgd: unknown }).dpSgd;
  const delta = typeof dpSgd === 'object' && dpSgd !== null && 'delta' in dpSgd ? dpSgd.delta : undefined;
  return typeof delta === 'number' ? delta : undefined;
}
