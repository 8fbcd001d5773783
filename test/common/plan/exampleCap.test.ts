import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleCap, MAX_SITE_EXAMPLES } from '../../../common/plan/exampleCap.ts';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

const uciPlan = (): { consortium: Record<string, unknown> } => JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'), 'utf8'));

describe('exampleCap', () => {
  it("is the plan's maxExamplesPerSite", () => {
    const value = uciPlan();
    value.consortium.maxExamplesPerSite = 7;
    expect(exampleCap(parsePlan(value, 'plan'))).toBe(7);
  });

  it('is MAX_SITE_EXAMPLES for a plan without one', () => {
    const value = uciPlan();
    delete value.consortium.maxExamplesPerSite;
    expect(exampleCap(parsePlan(value, 'plan'))).toBe(MAX_SITE_EXAMPLES);
  });

  it("is tight in the shipped plans: their data's largest site (199 and 3159 training rows) rounded up", () => {
    expect(exampleCap(loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json')))).toBe(200);
    expect(exampleCap(loadPlan(join(REPO_ROOT, 'plans', 'demo.json')))).toBe(3200);
  });
});
