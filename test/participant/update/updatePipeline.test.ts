import { describe, expect, it } from 'vitest';
import { clipToNorm } from '../../../participant/update/clipToNorm.ts';
import { l2Norm } from '../../../participant/update/l2Norm.ts';
import { modelDelta } from '../../../participant/update/modelDelta.ts';
import { updatePipeline } from '../../../participant/update/updatePipeline.ts';

/** A logistic model over 9,999 features: 10,000 weights. */
const features = Array.from({ length: 9_999 }, (_, i) => `f${i}`);
const privacy = (dpNoiseMultiplier: number) => ({
  model: { kind: 'logistic' as const }, features, strategy: { name: 'fedavg' as const }, privacy: { encryption: 'ckks' as const, clipNorm: 5, dpNoiseMultiplier },
});
const global = new Float32Array(10_000);
const local = new Float32Array(10_000).fill(1);

describe('updatePipeline', () => {
  it('at multiplier 0 is exactly delta then clip, with no noise and the norm before clipping', () => {
    const update = updatePipeline(privacy(0))(local, global);
    expect(update.values).toEqual(clipToNorm(modelDelta(local, global), 5).clipped);
    expect(update.normBeforeClip).toBe(100);
    expect(updatePipeline(privacy(0))(local, global).values).toEqual(update.values);
  });

  it('clips before it adds noise: the noise is not clipped away, and the logged norm is the delta\'s', () => {
    const update = updatePipeline(privacy(0.5))(local, global);
    expect(update.normBeforeClip).toBe(100);
    // Clipped first, each value is 0.05 plus N(0, 2.5²): far longer than the clip bound, with the clipped mean.
    expect(l2Norm(update.values)).toBeGreaterThan(200);
    const mean = update.values.reduce((s, v) => s + v, 0) / update.values.length;
    expect(Math.abs(mean - 0.05)).toBeLessThan(0.1);
  });

  it('under SCAFFOLD sends concat(Δy, Δc), each half clipped to clipNorm, and refuses an update without Δc', () => {
    const plan = { ...privacy(0), features: ['a'], strategy: { name: 'scaffold' as const } };
    const update = updatePipeline(plan)(new Float32Array([3, 4]), new Float32Array(2), new Float32Array([0, 0.5]));
    expect(Array.from(update.values)).toEqual([3, 4, 0, 0.5]);
    const long = updatePipeline(plan)(new Float32Array([30, 40]), new Float32Array(2), new Float32Array([60, 80]));
    expect(Array.from(long.values)).toEqual([3, 4, 3, 4]);
    expect(l2Norm(long.values)).toBeCloseTo(5 * Math.SQRT2, 5);
    expect(() => updatePipeline(plan)(new Float32Array(2), new Float32Array(2))).toThrow("the plan's scaffold update holds 4 values; this one has 2");
  });
});
