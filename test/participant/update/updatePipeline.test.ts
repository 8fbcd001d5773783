import { describe, expect, it } from 'vitest';
import { clipToNorm } from '../../../participant/update/clipToNorm.ts';
import { l2Norm } from '../../../participant/update/l2Norm.ts';
import { modelDelta } from '../../../participant/update/modelDelta.ts';
import { updatePipeline } from '../../../participant/update/updatePipeline.ts';

/** A logistic model over 9,999 features: 10,000 weights. */
const features = Array.from({ length: 9_999 }, (_, i) => `f${i}`);
const plan = { model: { kind: 'logistic' as const }, features, strategy: { name: 'fedavg' as const }, privacy: { encryption: 'ckks' as const, clipNorm: 5 } };
const global = new Float32Array(10_000);
const local = new Float32Array(10_000).fill(1);

describe('updatePipeline', () => {
  it('is exactly delta then clip, deterministic, with the norm before clipping', () => {
    const update = updatePipeline(plan)(local, global);
    expect(update.values).toEqual(clipToNorm(modelDelta(local, global), 5).clipped);
    expect(update.normBeforeClip).toBe(100);
    expect(updatePipeline(plan)(local, global).values).toEqual(update.values);
  });

  it('adds no noise of its own even when the plan asks for DP-SGD (the noise is in training)', () => {
    const dpPlan = { ...plan, privacy: { ...plan.privacy, dpSgd: { maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1 } } };
    expect(updatePipeline(dpPlan)(local, global).values).toEqual(updatePipeline(plan)(local, global).values);
  });

  it('under SCAFFOLD sends concat(Δy, Δc), each half clipped to clipNorm, and refuses an update without Δc', () => {
    const scaffold = { ...plan, features: ['a'], strategy: { name: 'scaffold' as const } };
    const update = updatePipeline(scaffold)(new Float32Array([3, 4]), new Float32Array(2), new Float32Array([0, 0.5]));
    expect(Array.from(update.values)).toEqual([3, 4, 0, 0.5]);
    const long = updatePipeline(scaffold)(new Float32Array([30, 40]), new Float32Array(2), new Float32Array([60, 80]));
    expect(Array.from(long.values)).toEqual([3, 4, 3, 4]);
    expect(l2Norm(long.values)).toBeCloseTo(5 * Math.SQRT2, 5);
    expect(() => updatePipeline(scaffold)(new Float32Array(2), new Float32Array(2))).toThrow("the plan's scaffold update holds 4 values; this one has 2");
  });
});
