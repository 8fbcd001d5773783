import { describe, expect, it } from 'vitest';
import { clipToNorm } from '../../../participant/update/clipToNorm.ts';
import { modelDelta } from '../../../participant/update/modelDelta.ts';
import { updatePipeline } from '../../../participant/update/updatePipeline.ts';

const plan = { privacy: { encryption: 'ckks' as const, clipNorm: 5 } };
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
    const dpPlan = { privacy: { ...plan.privacy, dpSgd: { maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1 } } };
    expect(updatePipeline(dpPlan)(local, global).values).toEqual(updatePipeline(plan)(local, global).values);
  });
});
