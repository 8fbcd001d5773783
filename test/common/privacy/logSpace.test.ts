import { describe, expect, it } from 'vitest';
import { logAdd, logSub } from '../../../common/privacy/logSpace.ts';

describe('logSpace', () => {
  it('adds and subtracts numbers held as logarithms, beyond the range of doubles', () => {
    expect(logAdd(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAdd(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logSub(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
  });

  it('treats -Infinity as zero and an equal difference as zero', () => {
    expect(logAdd(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logSub(4, -Infinity)).toBe(4);
    expect(logSub(4, 4)).toBe(-Infinity);
  });
});
