import { describe, expect, it } from 'vitest';
import { armSummaries } from '../../../experiments/runner/armSummaries.ts';
import { armTable, experimentMarkdown } from '../../../experiments/runner/experimentTable.ts';
import { resultsFixture } from './experimentResultsFixture.ts';

describe('experimentTable', () => {
  it('renders arm × mean ± std with the published figure, its std and the comparison', () => {
    const results = resultsFixture();
    expect(armTable(armSummaries(results), 'accuracy').split('\n')).toEqual([
      '| arm | Avg accuracy | Avg AUROC | Avg AUPRC | n seeds | pooled-test AUROC | pooled-test AUPRC | published accuracy | published std | ours ≥ published − 1 std |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| FedAvg (ckks) | 0.650 ± 0.071 | 0.850 ± 0.071 | 0.700 | 2 | 0.820 ± 0.000 | 0.720 ± 0.000 | 0.700 (FedAvg) | 0.050 | yes |',
      '| FedAvg (plaintext) | 0.600 | 0.800 | 0.700 | 1 | 0.820 | 0.720 | 0.700 (FedAvg) | 0.050 | no |',
      '| Pooled | 0.750 | 0.850 | 0.800 | 1 | 0.820 | 0.720 | 0.800 (Pooled) | 0.010 | no |',
    ]);
  });

  it('leaves the published columns out without a reference, and the pooled-test ones when no record has them', () => {
    expect(armTable(armSummaries(resultsFixture()), null).split('\n')[0]).toBe('| arm | Avg accuracy | Avg AUROC | Avg AUPRC | n seeds | pooled-test AUROC | pooled-test AUPRC |');
    const old = resultsFixture();
    const written = { ...old, records: old.records.map((record) => ({ ...record, pooledTest: null })) };
    expect(armTable(armSummaries(written), null).split('\n')[0]).toBe('| arm | Avg accuracy | Avg AUROC | Avg AUPRC | n seeds |');
  });

  it('reports provenance, the codec check and each failed cell with its code and last stderr line', () => {
    const results = resultsFixture();
    const markdown = experimentMarkdown(results, armSummaries(results));
    expect(markdown).toContain('commit abc123; Node v20 on linux, test cpu × 2, 8 GB.');
    expect(markdown).toContain('| FedAvg (ckks) vs FedAvg (plaintext) | 42 | ckks vs plaintext | 3.00e-8 | yes |');
    expect(markdown).toContain('| fedprox-ckks-s42 | CHAIN_START_FAILED | anvil did not start | medfl: CHAIN_START_FAILED: anvil did not start |');
  });
});
