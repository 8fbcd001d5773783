// FedAdam (Reddi et al. 2021): Adam's exponential moving average of Δ² as the second moment.
import { FedOpt } from './FedOpt.ts';

export class FedAdam extends FedOpt {
  readonly name = 'fedadam';

  protected secondMoment(previous: number, squared: number): number {
    const { beta2 } = this.options;
    return Math.fround(Math.fround(beta2 * previous) + Math.fround(Math.fround(1 - beta2) * squared));
  }
}
