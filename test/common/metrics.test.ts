import { describe, expect, it } from 'vitest';
import { auroc, averagePrecision, binaryMetrics } from '../../common/metrics.ts';
import { seededRandom } from '../../common/seededRandom.ts';

/** AUROC by its definition: share of (positive, negative) pairs ranked correctly, ties counting one half. */
function pairwiseAuroc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((yi, i) => {
    labels.forEach((yj, j) => {
      if (yi !== 1 || yj !== 0) return;
      pairs += 1;
      wins += (scores[i] ?? 0) > (scores[j] ?? 0) ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('auroc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores tie', () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auroc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('counts ties as one half (midranks)', () => {
    expect(auroc([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBe(0.875);
  });

  it('matches the pairwise definition on random scores with many ties', () => {
    const random = seededRandom(3, 'auroc');
    const scores = Array.from({ length: 300 }, () => random.int(20) / 20);
    const labels = Array.from({ length: 300 }, () => random.int(2));
    expect(auroc(scores, labels)).toBeCloseTo(pairwiseAuroc(scores, labels), 12);
  });

  it('is null when only one class is present', () => {
    expect(auroc([0.1, 0.7], [1, 1])).toBeNull();
  });
});

describe('averagePrecision', () => {
  it('matches a hand-computed case: P at each recall step 1, 2/3, 3/5, so AP = (1 + 2/3 + 3/5) / 3', () => {
    expect(averagePrecision([0.9, 0.8, 0.7, 0.6, 0.5], [1, 0, 1, 0, 1])).toBeCloseTo(34 / 45, 12);
  });

  it('treats tied scores as one threshold (no credit for the order inside a tie)', () => {
    // Threshold 0.8: recall 1/2 at precision 1/2; threshold 0.3: recall 1 at precision 2/3.
    expect(averagePrecision([0.8, 0.8, 0.3], [1, 0, 1])).toBeCloseTo(0.5 * 0.5 + 0.5 * (2 / 3), 12);
    expect(averagePrecision([0.8, 0.8, 0.3], [0, 1, 1])).toBeCloseTo(0.5 * 0.5 + 0.5 * (2 / 3), 12);
  });

  it('is 1 for a perfect ranking and the positive rate for a constant score', () => {
    expect(averagePrecision([0.1, 0.2, 0.3, 0.8, 0.9], [0, 0, 0, 1, 1])).toBe(1);
    const random = seededRandom(5, 'auprc');
    const labels = Array.from({ length: 200 }, () => (random.int(20) === 0 ? 1 : 0));
    const rate = labels.filter((y) => y === 1).length / labels.length;
    expect(averagePrecision(labels.map(() => 0.3), labels)).toBeCloseTo(rate, 12);
  });

  it('is null when only one class is present', () => {
    expect(averagePrecision([0.1, 0.7], [0, 0])).toBeNull();
    expect(averagePrecision([0.1, 0.7], [1, 1])).toBeNull();
  });
});

describe('binaryMetrics', () => {
  it('computes loss, accuracy at p > 0.5, Brier score, the positive rate and the example count', () => {
    const metrics = binaryMetrics([0.9, 0.2, 0.5, 0.6], [1, 0, 1, 0]);
    expect(metrics.examples).toBe(4);
    expect(metrics.accuracy).toBe(0.5);
    expect(metrics.brier).toBeCloseTo((0.01 + 0.04 + 0.25 + 0.36) / 4, 12);
    expect(metrics.loss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.5) + Math.log(0.4)) / 4, 12);
    expect(metrics.auroc).toBe(0.75);
    expect(metrics.auprc).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
    expect(metrics.positiveRate).toBe(0.5);
  });

  it('gives null AUROC and AUPRC, and finite others, for a split with no positive case', () => {
    expect(binaryMetrics([0.1, 0.3, 0.2], [0, 0, 0])).toEqual({
      loss: expect.any(Number), accuracy: 1, auroc: null, auprc: null, brier: expect.any(Number), positiveRate: 0, examples: 3,
    });
  });

  it('stays finite for confident wrong predictions', () => {
    expect(binaryMetrics([0, 1], [1, 0]).loss).toBeCloseTo(-Math.log(1e-7), 6);
  });
});
