import { describe, expect, it } from 'vitest';
import { Random } from '../../../datasets/synthetic/Random.ts';

describe('Random', () => {
  it('repeats its stream for a seed, and forks independent repeatable streams', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Random(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(new Random(1).fork(0).next()).toBe(new Random(1).fork(0).next());
    expect(new Random(1).fork(0).next()).not.toBe(new Random(1).fork(1).next());
  });

  it('draws normals and gammas with the right moments', () => {
    const random = new Random(9);
    const n = 20_000;
    const normals = Array.from({ length: n }, () => random.normal(3, 2));
    const mean = normals.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(2, 1);
    for (const shape of [0.3, 2.5]) {
      const gammas = Array.from({ length: n }, () => random.gamma(shape));
      expect(gammas.reduce((s, x) => s + x, 0) / n).toBeCloseTo(shape, 1);
    }
  });

  it('draws Dirichlet proportions that sum to 1', () => {
    const shares = new Random(3).dirichlet(0.5, 6);
    expect(shares).toHaveLength(6);
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(shares.every((x) => x >= 0)).toBe(true);
  });
});
