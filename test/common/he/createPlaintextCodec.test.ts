import { describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { choosePlaintextParameters, createPlaintextCodec, createPlaintextSum } from '../../../common/he/createPlaintextCodec.ts';

describe('createPlaintextCodec', () => {
  const params = choosePlaintextParameters({ parameterCount: 10_000, maxExamples: 100 });
  const codec = createPlaintextCodec(params);

  it('computes the example-weighted mean through the same interfaces as CKKS', () => {
    const sum = createPlaintextSum(params);
    const a = new Float32Array(10_000).fill(1);
    const b = new Float32Array(10_000).fill(-0.5);
    sum.foldUpdate([...codec.encryptUpdate(a, 30)]);
    sum.foldUpdate([...codec.encryptUpdate(b, 10)]);
    expect(sum.updates).toBe(2);
    const mean = codec.decryptAggregate(sum.serialize(), 40);
    expect(mean.every((v) => v === 0.625)).toBe(true);
  });

  it('reads the aggregate chunk by chunk and refuses a short or long stream', () => {
    const sum = createPlaintextSum(params);
    sum.foldUpdate([...codec.encryptUpdate(new Float32Array(10_000).fill(2), 5)]);
    const [first, ...rest] = sum.serialize();
    const reader = codec.openAggregate(5);
    reader.add(first!);
    expect(() => reader.finish()).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
    rest.forEach((bytes) => reader.add(bytes));
    expect(reader.finish().every((v) => v === 2)).toBe(true);
    expect(() => reader.add(first!)).toThrow('the aggregate has 4 chunks; the codec expects 3');
  });

  it('has a codecId distinct from any CKKS codec and refuses malformed chunks', () => {
    const ckks = chooseCkksParameters({ parameterCount: 10_000, maxSites: 2, clipNorm: 1, maxExamples: 100 });
    expect(params.codecId).not.toBe(ckks.codecId);
    const sum = createPlaintextSum(params);
    expect(() => sum.validateChunk(0, new Uint8Array(10))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_TRUNCATED' }));
    expect(() => sum.validateChunk(2, new Uint8Array(8 * 4096 + 8))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_OVERSIZE' }));
    const nan = new Uint8Array(new Float64Array(4096).fill(Number.NaN).buffer);
    expect(() => sum.foldUpdate([nan, nan, nan])).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    expect(sum.updates).toBe(0);
  });

  it('has no sum check (no shared secret), so its envelopes carry no fingerprint', () => {
    expect(codec.sumCheck).toBeUndefined();
    const sum = createPlaintextSum(params);
    sum.checkFingerprint(new Uint8Array(0));
    expect(() => sum.checkFingerprint(new Uint8Array(32))).toThrow(expect.objectContaining({
      code: 'UPDATE_INVALID', message: 'the envelope carries a 32-byte masked fingerprint; plaintext updates carry none',
    }));
  });
});
