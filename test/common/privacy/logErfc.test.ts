import { describe, expect, it } from 'vitest';
import { logErfc } from '../../../common/privacy/logErfc.ts';

// erfc values from the Abramowitz & Stegun / DLMF tables (quoted to the digits printed there).
describe('logErfc', () => {
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [-1, 1.8427007929497148],
  ])('erfc(%d) = %d', (x, value) => {
    expect(Math.exp(logErfc(x)) / value - 1).toBeLessThan(1e-12);
    expect(Math.exp(logErfc(x)) / value - 1).toBeGreaterThan(-1e-12);
  });

  it('stays finite where erfc itself underflows (x = 30: the asymptotic series −x² − log(x√π) + log(1 − 1/(2x²)))', () => {
    expect(logErfc(30)).toBeCloseTo(-900 - Math.log(30 * Math.sqrt(Math.PI)) + Math.log1p(-1 / 1800), 5);
  });
});
