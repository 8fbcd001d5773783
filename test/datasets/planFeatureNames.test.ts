import { describe, expect, it } from 'vitest';
import { checkPlanFeatures, planFeatureNames } from '../../datasets/planFeatureNames.ts';
import { UCI_FEATURES } from '../../datasets/uci/uciHeartLayout.ts';

describe('planFeatureNames', () => {
  it('gives the UCI columns, and for FHIR the windowing\'s columns with added codes under their own code', () => {
    expect(planFeatureNames({ kind: 'uci-heart' })).toEqual(UCI_FEATURES);
    expect(planFeatureNames({ kind: 'fhir', windowing: { featureCodes: ['8867-4', '2345-7'], aggregates: ['last'], demographics: false } })).toEqual(['heartRate.last', '2345-7.last']);
    expect(planFeatureNames({ kind: 'fhir' })).toHaveLength(32);
  });
});

describe('checkPlanFeatures', () => {
  it('accepts the same names in the same order', () => {
    expect(() => checkPlanFeatures(['a', 'b'], ['a', 'b'], 'data')).not.toThrow();
  });

  it('names the first difference, a missing feature or an extra one', () => {
    expect(() => checkPlanFeatures(['a', 'c'], ['a', 'b'], 'data')).toThrow('the plan\'s feature 2 is "c" but data yields "b" there with the plan\'s data section');
    expect(() => checkPlanFeatures(['a', 'b', 'c'], ['a', 'b'], 'data')).toThrow('the plan\'s feature 3 "c" is not among the 2 features data yields');
    expect(() => checkPlanFeatures(['a'], ['a', 'b'], 'data')).toThrow('data yields 2 features with the plan\'s data section but the plan lists 1; its feature 2 "b" is not in the plan');
  });
});
