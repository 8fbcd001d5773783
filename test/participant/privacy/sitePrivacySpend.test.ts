import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvePlan } from '../../../common/kit/planApproval.ts';
import { PrivacyLedger } from '../../../participant/privacy/PrivacyLedger.ts';
import { PRIVACY_LEDGER_FILE, sitePrivacySpend } from '../../../participant/privacy/sitePrivacySpend.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-site-privacy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hash = `0x${'12'.repeat(32)}` as const;
const training = { optimizer: 'sgd' as const, learningRate: 0.1, batchSize: 10, localEpochs: 1 };
const dpPlan = { name: 'dp', training, rounds: 2, privacy: { encryption: 'plaintext' as const, clipNorm: 1, dpSgd: { maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1 } } };

describe('sitePrivacySpend', () => {
  it('is none for a plan without DP-SGD', () => {
    expect(sitePrivacySpend({ ...dpPlan, privacy: { encryption: 'plaintext', clipNorm: 1 } }, hash, dir, join(dir, 'out'))).toBeUndefined();
  });

  it('refuses a DP-SGD plan approved without a budget (an approval from before budgets), naming the command that fixes it', () => {
    const kit = join(dir, 'old-kit');
    mkdirSync(kit);
    approvePlan(kit, { planHash: hash, name: 'dp' });
    expect(() => sitePrivacySpend(dpPlan, hash, kit, join(dir, 'out'))).toThrow(expect.objectContaining({
      code: 'PRIVACY_BUDGET_REQUIRED',
      message: `plan dp trains with DP-SGD but this site approved it without a privacy budget; approve it again with medfl plan approve PLAN --kit ${kit} --epsilon E`,
    }));
  });

  it('is a ledger in the out folder holding the approved budget', () => {
    const kit = join(dir, 'kit');
    mkdirSync(kit);
    approvePlan(kit, { planHash: hash, name: 'dp', privacyBudget: { epsilon: 50, delta: 1e-5 } });
    const out = join(dir, 'node-out');
    const spend = sitePrivacySpend(dpPlan, hash, kit, out);
    expect(spend).toBeInstanceOf(PrivacyLedger);
    spend!.reserve({ runId: '1', round: 1, attempt: 0 }, 100);
    expect(new PrivacyLedger({ file: join(out, PRIVACY_LEDGER_FILE), plan: dpPlan, budget: { epsilon: 50, delta: 1e-5 } }).trainings()).toHaveLength(1);
  });
});
