// FedAdagrad (Reddi et al. 2021): the second moment accumulates Δ² without decay.
import { FedOpt } from './FedOpt.ts';

export class FedAdagrad extends FedOpt {
  readonly name = 'fedadagrad';

  protected secondMoment(previous: number, squared: number): number {
    return Math.fround(previous + squared);
  }
}
