import { describe, expect, it } from 'vitest';
import { metricsSchema } from '../../../common/wire/wireSchemas.ts';

const metrics = { loss: 0.3, accuracy: 0.9, auroc: 0.8, auprc: 0.4, brier: 0.07, positiveRate: 0.05, examples: 20 };

describe('metricsSchema', () => {
  it('accepts null AUROC and AUPRC (a one-class split), and decodes them unset on the wire to null', () => {
    expect(metricsSchema.parse({ ...metrics, auroc: null, auprc: null })).toEqual({ ...metrics, auroc: null, auprc: null });
    expect(metricsSchema.parse({ ...metrics, auroc: undefined, auprc: undefined })).toEqual({ ...metrics, auroc: null, auprc: null });
  });

  it('refuses NaN and infinite metrics, and shares outside [0, 1]', () => {
    for (const field of ['auroc', 'auprc', 'accuracy', 'brier', 'positiveRate', 'loss']) {
      expect(metricsSchema.safeParse({ ...metrics, [field]: Number.NaN }).success, `${field}: NaN`).toBe(false);
      expect(metricsSchema.safeParse({ ...metrics, [field]: Number.POSITIVE_INFINITY }).success, `${field}: Infinity`).toBe(false);
    }
    for (const field of ['auroc', 'auprc', 'accuracy', 'brier', 'positiveRate']) {
      expect(metricsSchema.safeParse({ ...metrics, [field]: 1.5 }).success, `${field}: 1.5`).toBe(false);
    }
    expect(metricsSchema.safeParse({ ...metrics, loss: -0.1 }).success).toBe(false);
  });
});
