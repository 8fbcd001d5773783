import { describe, expect, it } from 'vitest';
import { rssSlope } from '../../../../experiments/benchmarks/soak/rssSlope.ts';

describe('rssSlope', () => {
  it('is the least-squares MB per round of one process', () => {
    const samples = [1, 2, 3, 4].map((round) => ({ round, mb: 100 + 2 * round + (round % 2 ? 0.5 : -0.5), life: 1 }));
    // 102.5, 103.5, 106.5, 107.5 MB: Σ(x-x̄)(y-ȳ) = 9 over Σ(x-x̄)² = 5.
    expect(rssSlope(samples)).toBeCloseTo(1.8, 10);
  });

  it('gives each lifetime its own intercept: a restarted process that starts low again is flat, not shrinking', () => {
    const sawtooth = [1, 2, 3, 4, 5, 6].map((round) => ({ round, mb: round <= 3 ? 300 : 200, life: round <= 3 ? 1 : 2 }));
    expect(rssSlope(sawtooth)).toBe(0);
    expect(rssSlope(sawtooth.map((sample) => ({ ...sample, life: 1 })))).toBeLessThan(0);
  });

  it('is null without two rounds to compare', () => {
    expect(rssSlope([{ round: 1, mb: 5, life: 1 }, { round: 2, mb: 6, life: 2 }])).toBeNull();
    expect(rssSlope([])).toBeNull();
  });
});
