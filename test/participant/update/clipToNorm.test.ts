import { describe, expect, it } from 'vitest';
import { clipToNorm, clipTransform } from '../../../participant/update/clipToNorm.ts';
import { l2Norm } from '../../../participant/update/l2Norm.ts';

describe('clipToNorm', () => {
  it('clips to the plan\'s L2 bound only when the update is longer', () => {
    const long = clipToNorm(new Float32Array([3, 4]), 1);
    expect(long.norm).toBe(5);
    expect(l2Norm(long.clipped)).toBeCloseTo(1, 6);
    expect(Array.from(long.clipped)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    const short = new Float32Array([0.3, 0.4]);
    expect(clipToNorm(short, 1).clipped).toBe(short);
  });

  it('as a pipeline stage, clips the same way and records the norm it clipped from', () => {
    const clipped = clipTransform(1)({ values: new Float32Array([3, 4]) });
    expect(Array.from(clipped.values)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(clipped.normBeforeClip).toBe(5);
  });

  it('clips each part on its own (SCAFFOLD\'s Δy and Δc), recording the whole update\'s norm', () => {
    const clipped = clipTransform(1, 2)({ values: new Float32Array([3, 4, 0.3, 0.4]) });
    expect(Array.from(clipped.values)).toEqual([Math.fround(0.6), Math.fround(0.8), Math.fround(0.3), Math.fround(0.4)]);
    expect(clipped.normBeforeClip).toBeCloseTo(Math.sqrt(25.25), 6);
  });
});
