import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvedPrivacyBudget, approvePlan, assertPlanApproved, isPlanApproved, listApprovedPlans } from '../../../common/kit/planApproval.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-approve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hash = `0x${'ab'.repeat(32)}` as const;

describe('plan approval', () => {
  it('refuses an unapproved plan with PLAN_NOT_APPROVED and the command to run', () => {
    expect(isPlanApproved(dir, hash)).toBe(false);
    expect(() => assertPlanApproved(dir, hash)).toThrow(`plan ${hash} is not approved for this node`);
  });

  it('records an approval once and then accepts the plan', () => {
    approvePlan(dir, { planHash: hash, name: 'uci' });
    approvePlan(dir, { planHash: hash, name: 'uci' });
    expect(listApprovedPlans(dir)).toHaveLength(1);
    expect(() => assertPlanApproved(dir, hash)).not.toThrow();
  });

  it('records a DP-SGD plan\'s privacy budget, replacing it when approved again with another', () => {
    const dpHash = `0x${'cd'.repeat(32)}` as const;
    approvePlan(dir, { planHash: dpHash, name: 'dp', privacyBudget: { epsilon: 3, delta: 1e-5 } });
    expect(approvedPrivacyBudget(dir, dpHash)).toEqual({ epsilon: 3, delta: 1e-5 });
    approvePlan(dir, { planHash: dpHash, name: 'dp', privacyBudget: { epsilon: 1, delta: 1e-6 } });
    expect(approvedPrivacyBudget(dir, dpHash)).toEqual({ epsilon: 1, delta: 1e-6 });
    expect(listApprovedPlans(dir).filter((entry) => entry.planHash === dpHash)).toHaveLength(1);
    expect(approvedPrivacyBudget(dir, hash)).toBeUndefined();
  });

  it('reads an approvals file written before budgets existed', () => {
    const old = mkdtempSync(join(tmpdir(), 'medfl-approve-old-'));
    try {
      writeFileSync(join(old, 'approved-plans.json'), JSON.stringify([{ planHash: hash, name: 'uci', approvedAt: '2026-01-01T00:00:00.000Z' }]));
      expect(isPlanApproved(old, hash)).toBe(true);
      expect(approvedPrivacyBudget(old, hash)).toBeUndefined();
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });

  it('reports a corrupted approvals file instead of trusting it', () => {
    writeFileSync(join(dir, 'approved-plans.json'), '[{"planHash": 1}]');
    expect(() => listApprovedPlans(dir)).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: expect.stringMatching(/^approved-plans file .* is (not JSON|invalid): .*; it must be a list of approved plans; fix or delete it$/) }));
  });
});
