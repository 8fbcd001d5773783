import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../common/canonicalJson.ts';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import { replayPlan } from '../../../consortium/replay/replayPlan.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-replay-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const planFile = join(REPO_ROOT, 'plans', 'demo.json');
const plan = loadPlan(planFile);
const run = { runId: '4', planHash: planHash(plan), genesisModelHash: `0x${'b'.repeat(64)}` as const, createdAt: 'now' };
const storeWith = (kept: Record<string, string>, stored = run) => ({ getRun: () => stored, plan: (hash: string) => kept[hash] });

describe('replayPlan', () => {
  it('takes the plan the store keeps for its run, or a plan file of the same hash', () => {
    expect(replayPlan(storeWith({ [run.planHash]: canonicalJson(plan) }), undefined)).toEqual({ plan, run });
    expect(replayPlan(storeWith({}), planFile).plan).toEqual(plan);
  });

  it('refuses a plan file of another run, a store without a run, and no plan at all, each with its code', () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(planFile, 'utf8')), rounds: 9 }));
    expect(() => replayPlan(storeWith({}), other)).toThrow(expect.objectContaining({
      code: 'PLAN_MISMATCH', message: `${other} hashes to ${planHash(loadPlan(other))}, but the store's run 4 is of plan ${run.planHash}`,
    }));
    expect(() => replayPlan({ getRun: () => undefined, plan: () => undefined }, planFile)).toThrow(expect.objectContaining({ code: 'RUN_NOT_FOUND' }));
    expect(() => replayPlan(storeWith({}), undefined)).toThrow(expect.objectContaining({
      code: 'USAGE', message: `the store does not keep run 4's plan ${run.planHash}; name it with --plan`,
    }));
  });
});
