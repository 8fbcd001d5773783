import { describe, expect, it } from 'vitest';
import { baselineRecords, failedRecord, federatedRecord, type CellIdentity } from '../../../experiments/runner/cellRecords.ts';
import type { BaselineCell, FederatedCell } from '../../../experiments/runner/expandMatrix.ts';
import type { ChildOutcome } from '../../../experiments/runner/runMedflChild.ts';

const identity: CellIdentity = { cellKey: 'k', cellId: 'fedavg-ckks-s42', basePlan: 'p', seed: 42, planHash: '0xab', planFile: '/w/plan.json', plan: {} };
const federated: FederatedCell = { kind: 'federated', planIndex: 0, arm: { name: 'FedAvg', patch: { strategy: { name: 'fedavg' } }, published: 'FedAvg' }, seed: 42, codec: 'ckks', id: 'fedavg-ckks-s42' };
const local: BaselineCell = { kind: 'baseline', planIndex: 0, mode: 'local', training: { optimizer: 'adam', learningRate: 0.001, batchSize: 4, epochs: 5 }, seed: 42, id: 'baseline-local-s42' };
const outcome = (json: unknown, exitCode = 0): ChildOutcome => ({ exitCode, json, lastStderrLine: 'last line', wallSeconds: 10, cpuSeconds: 8 });

const site = (accuracy: number, auroc: number | null) => ({ loss: 0.6, accuracy, auroc, auprc: 0.5, brier: 0.2, positiveRate: 0.4, examples: 10 });
const runJson = {
  runState: 'COMPLETED',
  verified: true,
  finalModelDir: '/w/model',
  finalModelHash: '0xfeed',
  rounds: [{ round: 1, avgAccuracy: 0.6, avgAuroc: 0.7, avgAuprc: 0.5, sitesIn: 2 }],
  evaluation: { perSite: { a: site(0.8, 0.9), b: site(0.6, null) }, pooledTest: site(0.7, 0.85) },
};

describe('federatedRecord', () => {
  it("keeps the run's per-site metrics, their unweighted means, the rounds and the final model", () => {
    const made = federatedRecord(federated, identity, outcome(runJson));
    expect(made).toMatchObject({ status: 'ok', arm: 'FedAvg (ckks)', published: 'FedAvg', codec: 'ckks', verified: true, finalModelHash: '0xfeed', finalModelDir: '/w/model', wallSeconds: 10, cpuSeconds: 8 });
    expect(made.means.accuracy).toBeCloseTo(0.7, 12);
    expect(made.means.auroc).toBe(0.9);
    expect(made.rounds).toEqual([{ round: 1, accuracy: 0.6, auroc: 0.7, auprc: 0.5 }]);
    expect(made.pooledTest).toEqual({ accuracy: 0.7, auroc: 0.85, auprc: 0.5 });
  });

  it("records a child's own error code and its last stderr line", () => {
    const made = federatedRecord(federated, identity, outcome({ error: { code: 'CHAIN_START_FAILED', message: 'anvil did not start' } }, 6));
    expect(made).toMatchObject({ status: 'failed', error: { code: 'CHAIN_START_FAILED', message: 'anvil did not start', lastStderrLine: 'last line' } });
  });

  it('counts a run that is not verified as failed, with its metrics kept', () => {
    const made = federatedRecord(federated, identity, outcome({ ...runJson, verified: false }, 4));
    expect(made).toMatchObject({ status: 'failed', verified: false, error: { code: 'EXPERIMENT_CELL_FAILED', message: 'run COMPLETED, not verified (exit code 4)' } });
    expect(made.means.accuracy).toBeCloseTo(0.7, 12);
  });

  it('says what is wrong with output that is not a run result', () => {
    expect(failedRecord(federated, identity, outcome(undefined, 1)).error).toEqual({ code: 'EXPERIMENT_CELL_FAILED', message: 'medfl exited with code 1 without a JSON result', lastStderrLine: 'last line' });
    expect(federatedRecord(federated, identity, outcome({ rounds: [] })).error?.message).toMatch(/^medfl run printed no valid result: /);
  });
});

describe('baselineRecords', () => {
  const stat = (value: number | null) => ({ mean: value, std: 0, values: [value] });
  const scores = (accuracy: number) => ({ accuracy: stat(accuracy), auroc: stat(0.8), auprc: stat(0.7) });
  const baselineJson = { rows: [{ trainedOn: 'a', sites: { a: scores(0.9), b: scores(0.5) }, pooled: scores(0.75) }, { trainedOn: 'b', sites: { a: scores(0.6), b: scores(0.8) }, pooled: scores(0.65) }] };

  it('gives one record per centre trained alone, named after it, with its published name and a share of the time', () => {
    const made = baselineRecords(local, identity, outcome(baselineJson), { a: 'Local 0' });
    expect(made.map((r) => [r.arm, r.published, r.means.accuracy, r.wallSeconds])).toEqual([
      ['Local a', 'Local 0', 0.7, 5],
      ['Local b', null, 0.7, 5],
    ]);
    expect(made.map((r) => r.pooledTest?.accuracy)).toEqual([0.75, 0.65]);
    expect(made[0]!.baselineTraining).toEqual({ mode: 'local', optimizer: 'adam', learningRate: 0.001, batchSize: 4, epochs: 5 });
  });
});
