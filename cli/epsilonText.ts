// How `medfl verify` prints a site's cumulative differential-privacy ε, which its contribution leaf holds in millionths.
import type { PrivacyAccounting } from '../contracts/lineage/verifyModel.ts';

/** ε to the millionth; with the plan, the δ it is accounted at, or that the plan has no DP-SGD (every leaf then holds 0). */
export function epsilonText(epsilonMicros: number, privacy: PrivacyAccounting | undefined): string {
  const epsilon = epsilonMicros === 0 ? '0' : (epsilonMicros / 1e6).toFixed(6);
  if (privacy?.dpSgd === false) return `${epsilon} (no DP-SGD)`;
  return privacy?.delta === undefined ? epsilon : `${epsilon} at δ=${privacy.delta}`;
}
