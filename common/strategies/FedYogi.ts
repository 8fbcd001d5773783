// FedYogi (Reddi et al. 2021; Zaheer et al. 2018 "Adaptive Methods for Nonconvex Optimization"): v moves toward Δ²
// additively, by (1-β2)·Δ²·sign(v - Δ²), so the effective rate cannot collapse as fast as Adam's.
import { FedOpt } from './FedOpt.ts';

export class FedYogi extends FedOpt {
  readonly name = 'fedyogi';

  protected secondMoment(previous: number, squared: number): number {
    const { beta2 } = this.options;
    return Math.fround(previous - Math.fround(Math.fround(Math.fround(1 - beta2) * squared) * Math.sign(previous - squared)));
  }
}
