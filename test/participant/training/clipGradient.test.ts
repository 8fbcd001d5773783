import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { clipGradient } from '../../../participant/training/clipGradient.ts';

const jointNorm = (tensors: tf.Tensor[]) => Math.sqrt(tensors.reduce((sum, t) => sum + (t.dataSync() as Float32Array).reduce((s, v) => s + v * v, 0), 0));

describe('clipGradient', () => {
  it('scales a gradient over the bound to the bound, over all variables jointly, keeping its direction', () => {
    const gradient = [tf.tensor1d([3, 0]), tf.tensor2d([[0, 4]])];
    const { gradient: clipped, norm } = clipGradient(gradient, 1);
    expect(norm).toBeCloseTo(5, 6);
    expect(jointNorm(clipped)).toBeLessThanOrEqual(1);
    expect(jointNorm(clipped)).toBeCloseTo(1, 5);
    expect([...clipped[0]!.dataSync()][0]).toBeCloseTo(0.6, 5);
    expect([...clipped[1]!.dataSync()][1]).toBeCloseTo(0.8, 5);
    tf.dispose([...gradient, ...clipped]);
  });

  it('leaves a gradient within the bound as it is', () => {
    const gradient = [tf.tensor1d([0.3, -0.4])];
    const { gradient: clipped } = clipGradient(gradient, 1);
    expect([...clipped[0]!.dataSync()]).toEqual([...gradient[0]!.dataSync()]);
    tf.dispose([...gradient, ...clipped]);
  });
});
