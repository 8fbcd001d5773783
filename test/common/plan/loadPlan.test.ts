import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadPlan', () => {
  it('loads every example plan in plans/', () => {
    expect(loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json')).rounds).toBe(15);
    const demo = loadPlan(join(REPO_ROOT, 'plans', 'demo.json'));
    expect(demo.dataset.kind).toBe('fhir');
    expect(demo.model).toEqual({ kind: 'mlp', hidden: [16] });
    const flamby = loadPlan(join(REPO_ROOT, 'plans', 'flamby-heart.json'));
    expect([flamby.model, flamby.training, flamby.rounds]).toEqual([{ kind: 'logistic', initializer: 'torch-linear' }, { optimizer: 'sgd', learningRate: 0.001, batchSize: 4, localSteps: 100 }, 15]);
  });

  it('says when the file is missing', () => {
    const file = join(dir, 'absent.json');
    expect(() => loadPlan(file)).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND', message: `plan file ${file} does not exist` }));
  });

  it('says when the file is not JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"name": "x",');
    expect(() => loadPlan(file)).toThrow(expect.objectContaining({ code: 'PLAN_NOT_JSON', message: expect.stringMatching(/^plan file .*broken.json is not JSON: /) }));
  });

  it('names the file in validation errors', () => {
    const file = join(dir, 'empty.json');
    writeFileSync(file, '{}');
    expect(() => loadPlan(file)).toThrow(expect.objectContaining({ code: 'PLAN_INVALID', message: expect.stringContaining(`${file} is not a valid plan (10 problems)`) }));
  });
});
