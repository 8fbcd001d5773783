import { describe, expect, it } from 'vitest';
import { poolDatasets } from '../../datasets/poolDatasets.ts';

const table = (names: string[], features: number[], labels: number[]) => ({
  featureNames: names,
  features: Float32Array.from(features),
  labels: Float32Array.from(labels),
  rows: labels.length,
});

describe('poolDatasets', () => {
  it('stacks rows in site order', () => {
    const pooled = poolDatasets([table(['a', 'b'], [1, 2], [0]), table(['a', 'b'], [3, 4, 5, 6], [1, 1])]);
    expect(pooled.rows).toBe(3);
    expect([...pooled.features]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...pooled.labels]).toEqual([0, 1, 1]);
  });

  it('refuses sites with different columns, and nothing to pool', () => {
    expect(() => poolDatasets([table(['a'], [1], [0]), table(['b'], [1], [0])])).toThrow(expect.objectContaining({ code: 'DATASET_UNSUPPORTED' }));
    expect(() => poolDatasets([])).toThrow(expect.objectContaining({ code: 'DATASET_UNSUPPORTED' }));
  });
});
