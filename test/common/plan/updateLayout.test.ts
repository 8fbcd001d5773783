import { describe, expect, it } from 'vitest';
import { updateLayout } from '../../../common/plan/updateLayout.ts';

const base = { model: { kind: 'logistic' as const }, features: ['a', 'b', 'c'], privacy: { encryption: 'ckks' as const, clipNorm: 5 } };

describe('updateLayout', () => {
  it('is the model under FedAvg and FedProx: P values bounded by clipNorm', () => {
    expect(updateLayout({ ...base, strategy: { name: 'fedavg' } })).toEqual({ parameters: 4, length: 4, partClipNorm: 5, clipNorm: 5 });
    expect(updateLayout({ ...base, strategy: { name: 'fedprox', mu: 0.1 } }).length).toBe(4);
  });

  it('is concat(Δy, Δc) under SCAFFOLD: 2P values, each half clipped to clipNorm, the whole bounded by clipNorm·√2', () => {
    expect(updateLayout({ ...base, strategy: { name: 'scaffold' } })).toEqual({ parameters: 4, length: 8, partClipNorm: 5, clipNorm: 5 * Math.SQRT2 });
  });
});
