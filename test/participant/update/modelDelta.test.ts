import { describe, expect, it } from 'vitest';
import { modelDelta } from '../../../participant/update/modelDelta.ts';

describe('modelDelta', () => {
  it('forms the delta local − global in Float32', () => {
    expect(Array.from(modelDelta(new Float32Array([1.5, 2]), new Float32Array([1, 3])))).toEqual([0.5, -1]);
    expect(() => modelDelta(new Float32Array(2), new Float32Array(3))).toThrow('local model has 2 weights, the global model 3');
  });
});
