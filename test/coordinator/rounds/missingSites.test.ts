import { describe, expect, it } from 'vitest';
import { missingSites } from '../../../coordinator/rounds/missingSites.ts';

describe('missingSites', () => {
  it('tells sites that never connected from sites that connected but sent no update', () => {
    const expected = ['site-a', 'site-b', 'site-c', 'site-d'];
    expect(missingSites(expected, new Set(['site-a']), new Set(['site-a', 'site-c']))).toBe('never connected to this coordinator: site-b, site-d; connected but sent no update: site-c');
    expect(missingSites(expected, new Set(['site-a', 'site-b']), new Set(['site-a', 'site-b']))).toBe('never connected to this coordinator: site-c, site-d');
    expect(missingSites(expected, new Set(expected), new Set())).toBe('');
  });
});
