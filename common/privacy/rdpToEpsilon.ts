// From Rényi DP at several orders to (ε, δ)-DP. We use the conversion of Balle et al. 2020 ("Hypothesis Testing
// Interpretations and Renyi Differential Privacy", Prop. 12; also Canonne, Kamath & Steinke 2020, eq. 20), which TF
// Privacy and Opacus use: ε = rdp_α + log((α−1)/α) − (log δ + log α)/(α−1), tighter than Mironov's rdp + log(1/δ)/(α−1).
import { MedflError } from '../MedflError.ts';

export interface EpsilonAtOrder {
  readonly epsilon: number;
  /** The order the minimum was reached at; at the largest or smallest order, more orders might give a smaller ε. */
  readonly order: number;
}

/** Orders below this make the bound numerically unstable and never tight; they count as ε = ∞ (as TF Privacy does). */
const MIN_STABLE_ORDER = 1.01;

function epsilonAt(order: number, rdp: number, delta: number): number {
  // KL bound: δ ≥ √(1 − e^(−rdp)) already gives ε = 0.
  if (delta * delta + Math.expm1(-rdp) >= 0) return 0;
  if (order <= MIN_STABLE_ORDER) return Infinity;
  return rdp + Math.log1p(-1 / order) - Math.log(delta * order) / (order - 1);
}

/** The smallest ε over the orders, for `rdp[i]` the (composed) RDP at `orders[i]`. */
export function rdpToEpsilon(orders: readonly number[], rdp: readonly number[], delta: number): EpsilonAtOrder {
  if (!(delta > 0 && delta < 1)) throw new MedflError('PRIVACY_PARAMETERS', `δ must be in (0, 1), got ${delta}`);
  if (orders.length === 0 || orders.length !== rdp.length) {
    throw new MedflError('PRIVACY_PARAMETERS', `RDP needs one value per order: ${orders.length} orders, ${rdp.length} values`);
  }
  let best: EpsilonAtOrder = { epsilon: Infinity, order: orders[0] ?? Number.NaN };
  orders.forEach((order, i) => {
    const epsilon = epsilonAt(order, rdp[i] ?? Infinity, delta);
    if (epsilon < best.epsilon) best = { epsilon, order };
  });
  return { epsilon: Math.max(0, best.epsilon), order: best.order };
}
