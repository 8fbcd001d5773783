// Results as runExperiment writes them, built in code for the report tests: two FedAvg seeds, one plaintext run, a
// pooled baseline and a failed cell.
import type { CellRecord, ExperimentResults } from '../../../experiments/runner/experimentResults.ts';

export function record(overrides: Partial<CellRecord> & Pick<CellRecord, 'arm' | 'seed'>): CellRecord {
  const accuracy = overrides.means?.accuracy ?? 0.7;
  return {
    cellKey: `${overrides.arm}:${overrides.seed}`,
    cellId: `${overrides.arm.toLowerCase().replace(/\W+/g, '-').replace(/-$/, '')}-s${overrides.seed}`,
    kind: 'federated',
    published: null,
    basePlan: 'uci-heart-smoke',
    strategyPatch: {},
    baselineTraining: null,
    codec: 'ckks',
    planHash: '0x00',
    planFile: '/tmp/plan.json',
    plan: {},
    status: 'ok',
    error: null,
    runState: 'COMPLETED',
    verified: true,
    perSite: { a: { accuracy, auroc: 0.8, auprc: 0.7 } },
    means: { accuracy, auroc: 0.8, auprc: 0.7 },
    pooledTest: { accuracy, auroc: 0.82, auprc: 0.72 },
    rounds: [
      { round: 1, accuracy: accuracy - 0.1, auroc: 0.7, auprc: 0.6 },
      { round: 2, accuracy, auroc: 0.8, auprc: 0.7 },
    ],
    finalModelHash: '0x01',
    finalModelDir: null,
    wallSeconds: 30,
    cpuSeconds: 20,
    ...overrides,
  };
}

export function resultsFixture(): ExperimentResults {
  return {
    experiment: 'fixture',
    definition: 'experiments/definitions/fixture.json',
    date: '2026-11-28T00:00:00.000Z',
    machine: { node: 'v20', platform: 'linux', cpu: 'test cpu', cores: 2, memGb: 8 },
    code: { commit: 'abc123', dirty: false, version: '0.1.0' },
    published: { metric: 'accuracy', source: {}, methods: { FedAvg: { mean: 0.7, std: 0.05, seeds: 5 }, Pooled: { mean: 0.8, std: 0.01, seeds: 5 } } },
    records: [
      record({ arm: 'FedAvg (ckks)', seed: 42, published: 'FedAvg', means: { accuracy: 0.6, auroc: 0.8, auprc: 0.7 } }),
      record({ arm: 'FedAvg (ckks)', seed: 43, published: 'FedAvg', means: { accuracy: 0.7, auroc: 0.9, auprc: null } }),
      record({ arm: 'FedAvg (plaintext)', seed: 42, codec: 'plaintext', published: 'FedAvg', means: { accuracy: 0.6, auroc: 0.8, auprc: 0.7 } }),
      record({ arm: 'Pooled', seed: 42, kind: 'baseline', codec: null, published: 'Pooled', rounds: [], means: { accuracy: 0.75, auroc: 0.85, auprc: 0.8 } }),
      record({ arm: 'FedProx (ckks)', seed: 42, status: 'failed', error: { code: 'CHAIN_START_FAILED', message: 'anvil did not start', lastStderrLine: 'medfl: CHAIN_START_FAILED: anvil did not start' } }),
    ],
    codecDifferences: [{ arms: ['FedAvg (ckks)', 'FedAvg (plaintext)'], basePlan: 'uci-heart-smoke', seed: 42, codecs: ['ckks', 'plaintext'], maxAbsWeightDifference: 3e-8 }],
  };
}
