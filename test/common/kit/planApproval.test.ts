import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvePlan, assertPlanApproved, isPlanApproved, listApprovedPlans } from '../../../common/kit/planApproval.ts';

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

  it('reports a corrupted approvals file instead of trusting it', () => {
    writeFileSync(join(dir, 'approved-plans.json'), '[{"planHash": 1}]');
    expect(() => listApprovedPlans(dir)).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: expect.stringMatching(/^approved-plans file .* is (not JSON|invalid): .*; it must be a list of approved plans; fix or delete it$/) }));
  });
});
