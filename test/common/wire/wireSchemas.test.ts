import { describe, expect, it } from 'vitest';
import { envelopeSchema, leafSchema, metricsSchema, signedLeafSchema } from '../../../common/wire/wireSchemas.ts';

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

describe('envelopeSchema and signedLeafSchema', () => {
  const hash = `0x${'a'.repeat(64)}`;
  const envelope = { runId: 'r', round: 1, attempt: 0, site: 's', examples: 3, codecId: 'c', digest: hash, chunkCount: 1, signature: new Uint8Array(64), maskedFingerprint: new Uint8Array(32), epsilonMicros: 0, consentRoot: `0x${'c'.repeat(64)}` };
  const leaf = { site: 's', address: `0x${'1'.repeat(40)}`, examples: 3, digest: hash, epsilonMicros: 2_000_000, consentRoot: `0x${'c'.repeat(64)}`, maskedFingerprint: new Uint8Array(32), envelopeSignature: new Uint8Array(64) };

  it('requires the masked fingerprint as bytes (its length and values are the codec\'s to check)', () => {
    expect(envelopeSchema.parse(envelope)).toEqual(envelope);
    expect(envelopeSchema.safeParse({ ...envelope, maskedFingerprint: undefined }).success).toBe(false);
    expect(envelopeSchema.safeParse({ ...envelope, maskedFingerprint: 'abc' }).success).toBe(false);
  });

  it('requires the ε spent as a whole number of millionths, 0 included', () => {
    expect(envelopeSchema.safeParse({ ...envelope, epsilonMicros: undefined }).success).toBe(false);
    for (const epsilonMicros of [-1, 1.5, 2 ** 53]) expect(envelopeSchema.safeParse({ ...envelope, epsilonMicros }).success, String(epsilonMicros)).toBe(false);
    expect(envelopeSchema.parse({ ...envelope, epsilonMicros: 2 ** 53 - 1 }).epsilonMicros).toBe(2 ** 53 - 1);
  });

  it('requires a header leaf\'s envelope signature, fingerprint and ε; the Merkle leaf schema is the leaf the chain hashes', () => {
    expect(signedLeafSchema.parse(leaf)).toEqual(leaf);
    expect(signedLeafSchema.safeParse({ ...leaf, envelopeSignature: undefined }).success).toBe(false);
    expect(signedLeafSchema.safeParse({ ...leaf, epsilonMicros: undefined }).success).toBe(false);
    expect(Object.keys(leafSchema.shape)).toEqual(['site', 'address', 'examples', 'digest', 'epsilonMicros', 'consentRoot']);
  });

  it('requires a consent root as a 32-byte hash: an update without one (an empty proto string) is refused', () => {
    for (const consentRoot of [undefined, '', '0x12', `0x${'C'.repeat(64)}`]) {
      expect(envelopeSchema.safeParse({ ...envelope, consentRoot }).success, String(consentRoot)).toBe(false);
      expect(signedLeafSchema.safeParse({ ...leaf, consentRoot }).success, String(consentRoot)).toBe(false);
    }
  });
});
