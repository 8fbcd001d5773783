import { describe, expect, it } from 'vitest';
import { normaliseQuantity } from '../../../datasets/fhir/normaliseQuantity.ts';

describe('normaliseQuantity', () => {
  it('converts by UCUM code to the canonical unit', () => {
    expect(normaliseQuantity(98.6, '[degF]', 'Cel')).toBeCloseTo(37, 6);
    expect(normaliseQuantity(310.15, 'K', 'Cel')).toBeCloseTo(37, 6);
    expect(normaliseQuantity(16, 'kPa', 'mm[Hg]')).toBeCloseTo(120.01, 2);
    expect(normaliseQuantity(0.97, '1', '%')).toBeCloseTo(97, 6);
    expect(normaliseQuantity(1.2, '/s', '/min')).toBeCloseTo(72, 6);
  });

  it('keeps values whose unit is only spelled differently', () => {
    expect(normaliseQuantity(72, '{beats}/min', '/min')).toBe(72);
    expect(normaliseQuantity(120, 'mm[Hg]', 'mm[Hg]')).toBe(120);
  });

  it('gives undefined for a unit it does not know for the target, never a guess', () => {
    expect(normaliseQuantity(72, 'bpm', '/min')).toBeUndefined();
    expect(normaliseQuantity(37, 'Cel', 'mm[Hg]')).toBeUndefined();
    expect(normaliseQuantity(37, '', 'Cel')).toBeUndefined();
  });
});
