import { describe, expect, it } from 'vitest';
import { l2Norm } from '../../../participant/update/l2Norm.ts';

describe('l2Norm', () => {
  it('is the Euclidean length of the update', () => {
    expect(l2Norm(new Float32Array([3, 4]))).toBe(5);
    expect(l2Norm(new Float32Array(0))).toBe(0);
  });
});
