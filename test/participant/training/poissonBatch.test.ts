import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../common/seededRandom.ts';
import type { TabularDataset } from '../../../datasets/tabular.ts';
import { poissonBatch } from '../../../participant/training/poissonBatch.ts';
import { secureUniform } from '../../../participant/training/secureRandom.ts';

const rows = 1000;
const data = {
  featureNames: ['a', 'b'],
  features: Float32Array.from({ length: rows * 2 }, (_, i) => i),
  labels: Float32Array.from({ length: rows }, (_, i) => i % 2),
  rows,
} satisfies TabularDataset;

describe('poissonBatch', () => {
  it('takes every row at q = 1 and none at q = 0, rows kept whole with their labels', () => {
    const all = poissonBatch(data, 1, secureUniform);
    expect(all.rows).toBe(rows);
    expect(all.features).toEqual(data.features);
    expect(all.labels).toEqual(data.labels);
    expect(poissonBatch(data, 0, secureUniform).rows).toBe(0);
  });

  it('includes each row independently with probability q: the batch size varies around q·N', () => {
    const random = seededRandom(1, 'poisson-test');
    const sizes = Array.from({ length: 200 }, () => poissonBatch(data, 0.05, () => random.float()).rows);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    // Binomial(1000, 0.05): mean 50, sd √47.5 ≈ 6.9; the mean of 200 draws is within 2 of 50 but for 1 in 10⁴.
    expect(Math.abs(mean - 50)).toBeLessThan(2);
    expect(new Set(sizes).size).toBeGreaterThan(10);
  });

  it('keeps a sampled row\'s features next to its own label', () => {
    const batch = poissonBatch(data, 0.1, secureUniform);
    for (let r = 0; r < batch.rows; r += 1) {
      const source = (batch.features[r * 2] ?? 0) / 2;
      expect(batch.labels[r]).toBe(source % 2);
    }
  });
});
