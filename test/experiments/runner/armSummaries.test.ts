import { describe, expect, it } from 'vitest';
import { armSummaries } from '../../../experiments/runner/armSummaries.ts';
import { resultsFixture } from './experimentResultsFixture.ts';

describe('armSummaries', () => {
  const summaries = armSummaries(resultsFixture());

  it('summarises each arm over its finished seeds, in matrix order, leaving failed cells out', () => {
    expect(summaries.map((s) => s.arm)).toEqual(['FedAvg (ckks)', 'FedAvg (plaintext)', 'Pooled']);
    const fedavg = summaries[0]!;
    expect(fedavg.seeds).toBe(2);
    expect(fedavg.accuracy.mean).toBeCloseTo(0.65, 12);
    expect(fedavg.accuracy.std).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(fedavg.auprc).toEqual({ mean: 0.7, std: null, n: 1 });
  });

  it('sets each arm beside its published figure: at or above published minus one std, or not', () => {
    expect(summaries[0]!.published).toEqual({ method: 'FedAvg', mean: 0.7, std: 0.05 });
    expect(summaries[0]!.withinPublished).toBe(true); // 0.65 >= 0.70 - 0.05
    expect(summaries[1]!.withinPublished).toBe(false); // 0.60 < 0.65
    expect(summaries[2]!.withinPublished).toBe(false); // 0.75 < 0.79
  });
});
