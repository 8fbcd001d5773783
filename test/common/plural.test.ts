import { describe, expect, it } from 'vitest';
import { plural } from '../../common/plural.ts';

describe('plural', () => {
  it('says "1 file" and "2 files", with an irregular plural when given', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(0, 'file')).toBe('0 files');
    expect(plural(2, 'file')).toBe('2 files');
    expect(plural(3, 'analysis', 'analyses')).toBe('3 analyses');
  });
});
