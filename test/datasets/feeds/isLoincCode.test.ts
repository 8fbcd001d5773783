import { describe, expect, it } from 'vitest';
import { isLoincCode, loincCheckDigit } from '../../../datasets/feeds/isLoincCode.ts';

describe('isLoincCode', () => {
  it('accepts the vital-sign codes medfl reads, whose check digits LOINC publishes', () => {
    for (const code of ['8867-4', '9279-1', '59408-5', '2708-6', '8480-6', '8462-4', '8310-5', '8331-1', '85354-9', '2345-7']) expect(isLoincCode(code)).toBe(true);
  });

  it('refuses a wrong check digit (a typo), a missing one and text that is not a code', () => {
    for (const text of ['8867-5', '88674', '8867', 'HR', '', ' 8867-4', '12345678-1']) expect(isLoincCode(text)).toBe(false);
  });

  it('computes mod-10 as LOINC documents it (12345 -> 5)', () => {
    expect(loincCheckDigit('12345')).toBe(5);
    expect(loincCheckDigit('8867')).toBe(4);
  });
});
