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

  it('converts any unit commensurable with the one a plan names, not only those of the built-in vitals', () => {
    expect(normaliseQuantity(1.1, 'g/L', 'mg/dL')).toBeCloseTo(110, 6);
    expect(normaliseQuantity(5.5, 'mmol/L', 'mmol/L')).toBe(5.5);
    expect(normaliseQuantity(0.9, 'mg/mL', 'g/L')).toBeCloseTo(0.9, 9);
    expect(normaliseQuantity(212, '[degF]', 'K')).toBeCloseTo(373.15, 6);
    expect(normaliseQuantity(-40, '[degF]', 'Cel')).toBeCloseTo(-40, 6);
  });

  it('keeps values whose unit is only spelled differently', () => {
    expect(normaliseQuantity(72, '{beats}/min', '/min')).toBe(72);
    expect(normaliseQuantity(120, 'mm[Hg]', 'mm[Hg]')).toBe(120);
  });

  it('gives the same value from its cached conversion as from the first call', () => {
    const first = normaliseQuantity(101.3, '[degF]', 'Cel');
    for (let i = 0; i < 3; i += 1) expect(normaliseQuantity(101.3, '[degF]', 'Cel')).toBe(first);
  });

  it('gives undefined for a unit that is not UCUM or not commensurable with the target, never a guess', () => {
    expect(normaliseQuantity(72, 'bpm', '/min')).toBeUndefined();
    expect(normaliseQuantity(37, 'Cel', 'mm[Hg]')).toBeUndefined();
    expect(normaliseQuantity(1.1, 'g/L', 'mmol/L')).toBeUndefined();
    expect(normaliseQuantity(37, '', 'Cel')).toBeUndefined();
    expect(normaliseQuantity(37, 'Cel', '')).toBeUndefined();
  });
});
