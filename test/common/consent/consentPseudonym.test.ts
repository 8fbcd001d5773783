import { describe, expect, it } from 'vitest';
import { consentOpening, consentPseudonym } from '../../../common/consent/consentPseudonym.ts';

const key = new Uint8Array(32).fill(7);

describe('consentOpening and consentPseudonym', () => {
  it('derives openings per key, run and patient, and hides the key behind them', () => {
    expect(consentOpening(key, 'run-1', 'p')).not.toBe(consentOpening(key, 'run-2', 'p'));
    expect(consentOpening(key, 'run-1', 'p')).not.toBe(consentOpening(new Uint8Array(32).fill(8), 'run-1', 'p'));
    expect(consentPseudonym('p', consentOpening(key, 'run-1', 'p'))).toMatch(/^0x[0-9a-f]{64}$/);
    expect(consentPseudonym('ab', consentOpening(key, 'run-1', 'c'))).not.toBe(consentPseudonym('a', consentOpening(key, 'run-1', 'bc')));
  });
});
