import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { derivePlan } from '../../../experiments/runner/derivePlan.ts';
import { expandMatrix } from '../../../experiments/runner/expandMatrix.ts';
import { loadExperiment, parseExperiment } from '../../../experiments/runner/loadExperiment.ts';

const base = loadExperiment(join(REPO_ROOT, 'experiments', 'definitions', 'smoke.json')).plans[0]!;

function cells(strategies: unknown[]) {
  const experiment = parseExperiment({ plans: ['x'], data: 'uci-heart', seeds: [7], codecs: ['plaintext'], strategies, baselines: { pooled: { training: { optimizer: 'adam', learningRate: 0.001, batchSize: 4, epochs: 1 } } } }, 'test');
  return expandMatrix(experiment, [base.plan.name]);
}

describe('derivePlan', () => {
  it("merges the arm's patch and sets the cell's seed and codec over the base plan", () => {
    const [federated] = cells([{ name: 'FedProx', patch: { strategy: { name: 'fedprox', mu: 0.01 }, training: { learningRate: 0.01 }, seed: 1 } }]);
    const { plan, planHash } = derivePlan(base, federated!);
    expect(plan.strategy).toEqual({ name: 'fedprox', mu: 0.01 });
    expect(plan.training).toEqual({ ...base.plan.training, learningRate: 0.01 });
    expect(plan.seed).toBe(7);
    expect(plan.privacy.encryption).toBe('plaintext');
    expect(planHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('gives a baseline the base plan at its seed, without any arm', () => {
    const baseline = cells([{ name: 'FedAvg', patch: {} }]).find((cell) => cell.kind === 'baseline')!;
    const { plan } = derivePlan(base, baseline);
    expect(plan).toEqual({ ...base.plan, seed: 7 });
  });

  it('refuses a patch with a field the plan format lacks, naming the field and the cell', () => {
    const [federated] = cells([{ name: 'Scaffold', patch: { strategy: { name: 'fedavg', serverLearningRate: 1 } } }]);
    expect(() => derivePlan(base, federated!)).toThrow(
      expect.objectContaining({ code: 'PLAN_INVALID', message: expect.stringMatching(/under strategy Scaffold, seed 7, codec plaintext is not a valid plan: strategy\.serverLearningRate: unknown field \(not part of the plan format\)$/) }),
    );
  });
});
