// `medfl evaluate` on a FHIR plan that adds a lab code, over site folders without a manifest: per-site metrics on the
// very test patients a participant node and a baseline get for the same plan and data.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesisModel } from '../../common/model/genesis.ts';
import { writeModelDir } from '../../common/model/modelDir.ts';
import { loadSiteSplit } from '../../datasets/loadPlanData.ts';
import { baselineData } from '../../experiments/baseline/baselineData.ts';
import { evaluateModel } from '../../participant/training/evaluateModel.ts';
import { BASE_WINDOWING, GLUCOSE, HR_FEATURES, SITES, smallFhirPlan, writeSmallFhir } from '../datasets/helpers/smallFhir.ts';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-cli-evaluate-'));
const windowing = { ...BASE_WINDOWING, featureCodes: ['8867-4', GLUCOSE], extraUnits: { [GLUCOSE]: 'mg/dL' } };
const plan = smallFhirPlan({ windowing }, [...HR_FEATURES, `${GLUCOSE}.last`, `${GLUCOSE}.mean`]);
const planFile = join(dir, 'plan.json');
const modelDir = join(dir, 'model');
let data: string;

beforeAll(() => {
  data = writeSmallFhir(join(dir, 'data'));
  writeFileSync(planFile, JSON.stringify(plan));
  writeModelDir(modelDir, genesisModel(plan));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Evaluation {
  perSite: Record<string, { accuracy: number; auroc: number | null; examples: number }>;
  avgAccuracy: number;
}

describe('medfl evaluate', () => {
  it('scores the model on each site\'s test split, the test patients a participant node and a baseline get', async () => {
    const run = await runCli(['evaluate', modelDir, '--plan', planFile, '--data', data, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const evaluation = JSON.parse(run.stdout) as Evaluation;
    expect(Object.keys(evaluation.perSite)).toEqual(SITES);
    const accuracies = SITES.map((site) => evaluation.perSite[site]!.accuracy);
    expect(evaluation.avgAccuracy).toBeCloseTo((accuracies[0]! + accuracies[1]!) / 2, 12);
    const baseline = await baselineData(data, 'local', plan);
    for (const [i, site] of SITES.entries()) {
      const node = await loadSiteSplit(plan, data, site);
      expect(baseline.splits[i]?.test.features).toEqual(node.test.features);
      expect(baseline.splits[i]?.test.labels).toEqual(node.test.labels);
      const own = await evaluateModel(genesisModel(plan), node.test);
      expect(evaluation.perSite[site]).toEqual(JSON.parse(JSON.stringify(own)));
    }
  });

  it('prints a table per site and the mean', async () => {
    const run = await runCli(['evaluate', modelDir, '--plan', planFile, '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^model \S+, mean over the 2 sites' test splits:\n {2}AUROC \d\.\d{3} {2}AUPRC \d\.\d{3} {2}Brier \d\.\d{4} {2}accuracy \d+\.\d%\n/);
    expect(run.stdout).toMatch(/\nsite\s+AUROC\s+AUPRC\s+Brier\s+pos\. rate\s+accuracy\s+examples\n/);
  });

  it('refuses a model whose input width is not the plan\'s, before reading the data', async () => {
    const narrow = join(dir, 'narrow');
    writeModelDir(narrow, genesisModel({ ...plan, features: HR_FEATURES }));
    const run = await runCli(['evaluate', narrow, '--plan', planFile, '--data', join(dir, 'no-such-data')]);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(`medfl: PLAN_MISMATCH: the model in ${narrow} takes 2 input features but plan small-fhir lists 4\n`);
  });

  it('refuses a model of another architecture over the same features', async () => {
    const mlp = join(dir, 'mlp');
    writeModelDir(mlp, genesisModel({ ...plan, model: { kind: 'mlp', hidden: [3] } }));
    const run = await runCli(['evaluate', mlp, '--plan', planFile, '--data', data]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('PLAN_MISMATCH: the model in');
    expect(run.stderr).toContain("not plan small-fhir's logistic model ([4, 1] [1])");
  });
});
