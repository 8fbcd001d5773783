import { describe, expect, it } from 'vitest';
import { uciExample } from '../../../datasets/uci/uciExample.ts';

const record = (values: (number | null)[]) => ({ line: 7, values });

describe('uciExample', () => {
  it('keeps 8 numeric columns, one-hots cp and restecg without their first level, labels num > 0', () => {
    const example = uciExample(record([63, 1, 3, 145, 233, 1, 2, 150, 0, 2.3, 3, 0, 6, 2]), 'f');
    expect(example).toEqual({ features: [63, 1, 145, 233, 1, 150, 0, 2.3, 0, 1, 0, 0, 1], label: 1 });
    expect(uciExample(record([63, 1, 1, 145, 233, 1, 0, 150, 0, 2.3, 3, 0, 6, 0]), 'f')?.features.slice(8)).toEqual([0, 0, 0, 0, 0]);
  });

  it('drops a row missing a kept column, but not one missing only slope, ca or thal', () => {
    expect(uciExample(record([63, 1, 3, null, 233, 1, 2, 150, 0, 2.3, 3, 0, 6, 0]), 'f')).toBeNull();
    expect(uciExample(record([63, 1, 3, 145, 233, 1, 2, 150, 0, 2.3, null, null, null, 0]), 'f')?.label).toBe(0);
  });
});
