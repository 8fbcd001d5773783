import { describe, expect, it } from 'vitest';
import { changedChunk } from '../../../consortium/replay/changedChunk.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('changedChunk', () => {
  it('is undefined for equal chunks and names the first chunk whose bytes differ', () => {
    expect(changedChunk([bytes(1, 2), bytes(3)], [bytes(1, 2), bytes(3)])).toBeUndefined();
    expect(changedChunk([bytes(1, 2), bytes(3), bytes(5)], [bytes(1, 2), bytes(4), bytes(6)])).toBe(1);
    expect(changedChunk([bytes(1, 2)], [bytes(1)])).toBe(0);
  });

  it('names a missing or extra chunk by its index', () => {
    expect(changedChunk([bytes(1)], [bytes(1), bytes(2)])).toBe(1);
    expect(changedChunk([bytes(1), bytes(2)], [bytes(1)])).toBe(1);
  });
});
