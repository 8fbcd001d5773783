import { describe, expect, it } from 'vitest';
import { dpSgdDelta, usesDpSgd } from '../../../common/plan/usesDpSgd.ts';

const basePrivacy = { encryption: 'ckks', clipNorm: 1 };

describe('usesDpSgd', () => {
  it('is true only when the plan\'s privacy settings carry a dpSgd block', () => {
    expect(usesDpSgd({ privacy: basePrivacy })).toBe(false);
    expect(usesDpSgd({ privacy: { ...basePrivacy, dpSgd: undefined } })).toBe(false);
    expect(usesDpSgd({ privacy: { ...basePrivacy, dpSgd: { noiseMultiplier: 1.1, delta: 1e-5 } } })).toBe(true);
  });
});

describe('dpSgdDelta', () => {
  it('is the dpSgd block\'s δ, and undefined without DP-SGD or without a numeric δ', () => {
    expect(dpSgdDelta({ privacy: { ...basePrivacy, dpSgd: { noiseMultiplier: 1.1, delta: 1e-5 } } })).toBe(1e-5);
    expect(dpSgdDelta({ privacy: basePrivacy })).toBeUndefined();
    expect(dpSgdDelta({ privacy: { ...basePrivacy, dpSgd: { delta: '1e-5' } } })).toBeUndefined();
    expect(dpSgdDelta({ privacy: { ...basePrivacy, dpSgd: null } })).toBeUndefined();
  });
});
