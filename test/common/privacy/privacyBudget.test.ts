import { describe, expect, it } from 'vitest';
import { privacyBudget, runPrivacyBudget } from '../../../common/privacy/privacyBudget.ts';

const dpPlan = (dpSgd: { noiseMultiplier?: number; targetEpsilon?: number }) => ({
  name: 'dp-plan', privacy: { encryption: 'ckks' as const, clipNorm: 5, dpSgd: { maxGradNorm: 1, delta: 1e-5, ...dpSgd } },
});
const plainPlan = { name: 'plain', privacy: { encryption: 'ckks' as const, clipNorm: 5 } };

describe('privacyBudget', () => {
  it('is ε at the given δ, or at the plan\'s δ', () => {
    expect(privacyBudget(dpPlan({ noiseMultiplier: 1 }), { epsilon: 4 }, '--epsilon E')).toEqual({ epsilon: 4, delta: 1e-5 });
    expect(privacyBudget(dpPlan({ noiseMultiplier: 1 }), { epsilon: 4, delta: 1e-6 }, '--epsilon E')).toEqual({ epsilon: 4, delta: 1e-6 });
  });

  it('is undefined for a plan without DP-SGD', () => {
    expect(privacyBudget(plainPlan, { epsilon: 4 }, '--epsilon E')).toBeUndefined();
  });

  it('refuses a DP-SGD plan without ε in one line naming the flag, and a bad ε or δ', () => {
    expect(() => privacyBudget(dpPlan({ noiseMultiplier: 1 }), {}, '--epsilon E')).toThrow(expect.objectContaining({
      code: 'PRIVACY_BUDGET_REQUIRED',
      message: "plan dp-plan trains with DP-SGD: give this site's privacy budget with --epsilon E (ε at δ = 0.00001)",
    }));
    expect(() => privacyBudget(dpPlan({ noiseMultiplier: 1 }), { epsilon: -1 }, '--epsilon E')).toThrow(expect.objectContaining({ code: 'PRIVACY_PARAMETERS' }));
    expect(() => privacyBudget(dpPlan({ noiseMultiplier: 1 }), { epsilon: 1, delta: 2 }, '--epsilon E')).toThrow(/δ must be in \(0, 1\), got 2/);
  });
});

describe('runPrivacyBudget', () => {
  it('defaults to the plan\'s targetEpsilon, and needs --privacy-budget without one', () => {
    expect(runPrivacyBudget(dpPlan({ targetEpsilon: 3 }), undefined)).toEqual({ epsilon: 3, delta: 1e-5 });
    expect(runPrivacyBudget(dpPlan({ targetEpsilon: 3 }), 5)).toEqual({ epsilon: 5, delta: 1e-5 });
    expect(() => runPrivacyBudget(dpPlan({ noiseMultiplier: 1 }), undefined)).toThrow(/--privacy-budget E/);
  });
});
