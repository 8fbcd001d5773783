import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

const examplePlan = (): Record<string, unknown> => JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'), 'utf8'));

function problemsOf(value: unknown): { path: string; message: string }[] {
  try {
    parsePlan(value, 'test-plan.json');
  } catch (error) {
    expect(error).toBeInstanceOf(MedflError);
    expect((error as MedflError).code).toBe('PLAN_INVALID');
    return (error as MedflError).details.problems as { path: string; message: string }[];
  }
  throw new Error('expected the plan to be rejected');
}

describe('parsePlan', () => {
  it('accepts the example plan and fills in defaults', () => {
    const parsed = parsePlan(examplePlan(), 'x');
    expect(parsed.privacy.dpSgd).toBeUndefined();
    expect(parsed.model).toEqual({ kind: 'logistic' });
    expect(parsed.consortium.sites).toEqual(['cleveland', 'hungary', 'switzerland', 'va']);
  });

  it('refuses a per-site example cap that is not an integer in 1..100000, at its path', () => {
    for (const cap of [0, 1.5, 100_001]) {
      const plan = examplePlan();
      (plan.consortium as Record<string, unknown>).maxExamplesPerSite = cap;
      expect(problemsOf(plan).map((problem) => problem.path)).toEqual(['consortium.maxExamplesPerSite']);
    }
    const plan = examplePlan();
    (plan.consortium as Record<string, unknown>).maxExamplesPerSite = 100_000;
    expect(parsePlan(plan, 'x').consortium.maxExamplesPerSite).toBe(100_000);
  });

  it('refuses a plan still carrying dpNoiseMultiplier, saying privacy.dpSgd replaced it', () => {
    const plan = examplePlan();
    (plan.privacy as Record<string, unknown>).dpNoiseMultiplier = 0;
    const [problem] = problemsOf(plan);
    expect(problem?.path).toBe('privacy.dpNoiseMultiplier');
    expect(problem?.message).toMatch(/^replaced by privacy\.dpSgd \(record-level DP-SGD/);
    expect(() => parsePlan(plan, 'old.json')).toThrow(/old\.json is not a valid plan \(1 problem\):\n {2}privacy\.dpNoiseMultiplier: replaced by privacy\.dpSgd/);
  });

  it('accepts privacy.dpSgd with exactly one of noiseMultiplier and targetEpsilon, and δ in (0, 1)', () => {
    const withDp = (dpSgd: Record<string, unknown>) => {
      const plan = examplePlan();
      (plan.privacy as Record<string, unknown>).dpSgd = dpSgd;
      return plan;
    };
    expect(parsePlan(withDp({ maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1.1 }), 'x').privacy.dpSgd).toEqual({ maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1.1 });
    expect(parsePlan(withDp({ maxGradNorm: 1, delta: 1e-5, targetEpsilon: 3 }), 'x').privacy.dpSgd?.targetEpsilon).toBe(3);
    const both = { path: 'privacy.dpSgd', message: 'set exactly one of noiseMultiplier and targetEpsilon' };
    expect(problemsOf(withDp({ maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1, targetEpsilon: 3 }))).toEqual([both]);
    expect(problemsOf(withDp({ maxGradNorm: 1, delta: 1e-5 }))).toEqual([both]);
    expect(problemsOf(withDp({ maxGradNorm: 1, delta: 1, noiseMultiplier: 1 })).map((p) => p.path)).toEqual(['privacy.dpSgd.delta']);
    expect(problemsOf(withDp({ maxGradNorm: 0, delta: 1e-5, noiseMultiplier: 1 })).map((p) => p.path)).toEqual(['privacy.dpSgd.maxGradNorm']);
  });

  it('names a wrong type with its path and what it got', () => {
    const plan = examplePlan();
    (plan.training as Record<string, unknown>).learningRate = '0.001';
    expect(problemsOf(plan)).toEqual([{ path: 'training.learningRate', message: 'wrong type: the string "0.001" (expected number)' }]);
  });

  it('rejects an unknown field at its own path, even nested', () => {
    const plan = examplePlan();
    (plan.training as Record<string, unknown>).lr = 0.1;
    plan.comment = 'hi';
    expect(problemsOf(plan)).toEqual([
      { path: 'training.lr', message: 'unknown field (not part of the plan format)' },
      { path: 'comment', message: 'unknown field (not part of the plan format)' },
    ]);
  });

  it('reports every problem at once, with the message listing each path', () => {
    const plan = examplePlan();
    delete plan.rounds;
    plan.seed = -1;
    plan.strategy = { name: 'fedprox' };
    (plan.consortium as Record<string, unknown>).sites = ['a', 'B'];
    const paths = problemsOf(plan).map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['seed', 'strategy.mu', 'rounds', 'consortium.sites[1]']));
    expect(() => parsePlan(plan, 'test-plan.json')).toThrow(/test-plan.json is not a valid plan \(4 problems\):\n {2}seed: /);
  });

  it('refuses a model larger than the parameter limit, naming its count and the limit', () => {
    const plan = examplePlan();
    plan.model = { kind: 'mlp', hidden: Array.from({ length: 16 }, () => 4096) };
    const features = (plan.features as string[]).length;
    const count = (features * 4096 + 4096 + 15 * (4096 * 4096 + 4096) + 4096 + 1).toLocaleString('en-US');
    expect(problemsOf(plan)).toEqual([{ path: 'model', message: `the model has ${count} parameters over ${features} features; the limit is 64,000,000` }]);
    plan.model = { kind: 'mlp', hidden: [2048, 2048] };
    expect(parsePlan(plan, 'x').model).toEqual({ kind: 'mlp', hidden: [2048, 2048] });
  });

  it('checks fields against each other: quorum and minUpdates within the sites, no duplicates', () => {
    const plan = examplePlan();
    Object.assign(plan.consortium as object, { quorum: 5, sites: ['cleveland', 'hungary', 'switzerland', 'cleveland'] });
    plan.features = ['age', 'age'];
    expect(problemsOf(plan)).toEqual([
      { path: 'features[1]', message: 'duplicate feature age' },
      { path: 'consortium.sites[3]', message: 'duplicate site cleveland' },
      { path: 'consortium.quorum', message: '5 exceeds the 4 sites of the consortium' },
    ]);
  });

  it('validates the model and dataset variants', () => {
    const plan = examplePlan();
    plan.model = { kind: 'mlp', hidden: [] };
    plan.dataset = { kind: 'fhir', windowing: { windowHours: 0, featureCodes: ['heart'] } };
    expect(problemsOf(plan).map((problem) => problem.path)).toEqual(['model.hidden', 'dataset.windowing.windowHours', 'dataset.windowing.featureCodes[0]']);
  });

  it('takes exactly one of localEpochs and localSteps (≤ 1,000,000), naming training otherwise', () => {
    const steps = examplePlan();
    steps.training = { optimizer: 'sgd', learningRate: 0.001, batchSize: 4, localSteps: 100 };
    expect(parsePlan(steps, 'x').training).toEqual({ optimizer: 'sgd', learningRate: 0.001, batchSize: 4, localSteps: 100 });
    const both = examplePlan();
    (both.training as Record<string, unknown>).localSteps = 100;
    expect(problemsOf(both)).toEqual([{ path: 'training', message: 'set exactly one of localEpochs and localSteps' }]);
    const neither = examplePlan();
    delete (neither.training as Record<string, unknown>).localEpochs;
    expect(problemsOf(neither)).toEqual([{ path: 'training', message: 'set exactly one of localEpochs and localSteps' }]);
    for (const count of [0, 2.5, 1_000_001]) {
      const plan = examplePlan();
      plan.training = { optimizer: 'sgd', learningRate: 0.001, batchSize: 4, localSteps: count };
      expect(problemsOf(plan).map((problem) => problem.path)).toEqual(['training.localSteps']);
    }
  });

  it('takes SCAFFOLD with an optional server learning rate, and only with local SGD', () => {
    const plan = examplePlan();
    plan.strategy = { name: 'scaffold' };
    expect(problemsOf(plan)).toEqual([{ path: 'training.optimizer', message: "SCAFFOLD needs the 'sgd' optimizer, not 'adam'" }]);
    (plan.training as Record<string, unknown>).optimizer = 'sgd';
    expect(parsePlan(plan, 'x').strategy).toEqual({ name: 'scaffold' });
    plan.strategy = { name: 'scaffold', serverLearningRate: 0.5 };
    expect(parsePlan(plan, 'x').strategy).toEqual({ name: 'scaffold', serverLearningRate: 0.5 });
    const big = { ...plan, model: { kind: 'mlp', hidden: [4096, 4096, 4096] } };
    expect(problemsOf(big)).toEqual([{ path: 'strategy', message: 'SCAFFOLD sends 2 × 33,624,065 values per update; the limit is 64,000,000' }]);
    plan.strategy = { name: 'scaffold', serverLearningRate: 0, mu: 1 };
    expect(problemsOf(plan).map((problem) => problem.path).sort()).toEqual(['strategy.mu', 'strategy.serverLearningRate']);
  });

  it('rejects a value that is not an object', () => {
    expect(problemsOf([1, 2])).toEqual([{ path: '(root)', message: 'wrong type: an array (expected object)' }]);
  });

  it('says in one line that another kind of JSON file (a data manifest, a model.json) is not a plan', () => {
    expect(() => parsePlan({ format: 'medfl-synthetic', version: 1, seed: 5, hospitals: [] }, 'manifest.json')).toThrow(
      expect.objectContaining({
        code: 'PLAN_INVALID',
        message: "manifest.json is not a plan: it has none of a plan's sections (model, dataset, training, …), only format, version, seed, hospitals; give the plan file the run used",
      }),
    );
  });
});
