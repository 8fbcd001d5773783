import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCkksParameters, type CkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { wireCiphertextBytes } from '../../../common/he/wireCiphertext.ts';
import type { UpdateCodec } from '../../../common/he/UpdateCodec.ts';
import { seededRandom } from '../../../common/seededRandom.ts';

const SITES = 5;
const PARAMS = 100_000;
const params: CkksParameters = chooseCkksParameters({ parameterCount: PARAMS, maxSites: SITES, clipNorm: 1, maxExamples: 1000 });
let codec: UpdateCodec;

beforeAll(async () => {
  codec = await createCkksCodec(params, await generateCkksSecretKey(params));
});
afterAll(() => codec.dispose());

describe('createCkksCodec', () => {
  it('folds 5 encrypted updates of 100k parameters into the example-weighted mean within the stated bound', async () => {
    const random = seededRandom(7, 'he-round-trip');
    const updates = Array.from({ length: SITES }, () => Float32Array.from({ length: PARAMS }, () => (random.float() * 2 - 1) * 0.5));
    const examples = [120, 7, 999, 350, 42];
    const sum = await createEncryptedSum(params);
    updates.forEach((update, i) => sum.foldUpdate([...codec.encryptUpdate(update, examples[i] ?? 1)]));
    const total = examples.reduce((a, b) => a + b, 0);
    const mean = codec.decryptAggregate(sum.serialize(), total);
    sum.dispose();
    let worst = 0;
    for (let j = 0; j < PARAMS; j++) {
      const expected = updates.reduce((acc, u, i) => acc + (u[j] ?? 0) * (examples[i] ?? 0), 0) / total;
      worst = Math.max(worst, Math.abs((mean[j] ?? NaN) - expected));
    }
    // The stated bound on the sum (errorBound·clipNorm) plus float32 rounding of the returned mean (|v| ≤ 0.5).
    expect(worst).toBeLessThan(params.errorBound * params.clipNorm + 0.5 * 2 ** -24);
    expect(params.chunkCount).toBe(Math.ceil(PARAMS / params.polyModulusDegree));
  });

  it('sends primeBits per parameter (1.4-1.6 bytes per fp32 byte) plus a seed per ciphertext', () => {
    const chunks = [...codec.encryptUpdate(new Float32Array(PARAMS).fill(0.25), 3)];
    const bytes = chunks.reduce((a, c) => a + c.length, 0);
    expect(chunks).toHaveLength(params.chunkCount);
    expect(chunks.every((chunk) => chunk.length === wireCiphertextBytes(params, 'seeded'))).toBe(true);
    // primeBits / 32 bytes per fp32 byte, plus header, seed and the last chunk's padding.
    expect(bytes / (4 * PARAMS)).toBeLessThan(params.primeBits / 32 + 0.05);
  });

  it('refuses updates the sum has no room for, naming the coordinate', () => {
    const update = new Float32Array(PARAMS);
    update[3] = 5;
    expect(() => [...codec.encryptUpdate(update, 1)]).toThrow(/update coordinate 3 is 5; the codec accepts finite values up to 4/);
    expect(() => [...codec.encryptUpdate(new Float32Array(10), 1)]).toThrow(expect.objectContaining({ code: 'CODEC_MISMATCH' }));
    expect(() => [...codec.encryptUpdate(new Float32Array(PARAMS), 1001)]).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
  });

  it('decrypts chunk by chunk as the aggregate streams in, to the same bytes, and counts the chunks', async () => {
    const random = seededRandom(11, 'he-streaming');
    const [a, b] = [0, 1].map(() => Float32Array.from({ length: PARAMS }, () => random.float() - 0.5));
    const sum = await createEncryptedSum(params);
    sum.foldUpdate([...codec.encryptUpdate(a!, 3)]);
    sum.foldUpdate([...codec.encryptUpdate(b!, 9)]);
    const chunks = sum.serialize();
    sum.dispose();
    const reader = codec.openAggregate(12);
    for (const bytes of chunks) reader.add(bytes);
    const mean = reader.finish();
    const worst = mean.reduce((max, v, j) => Math.max(max, Math.abs(v - (3 * a![j]! + 9 * b![j]!) / 12)), 0);
    expect(worst).toBeLessThan(params.errorBound * params.clipNorm + 0.5 * 2 ** -24);
    const early = codec.openAggregate(12);
    chunks.slice(0, 20).forEach((bytes) => early.add(bytes)); // past the first carrier batch of 15
    expect(() => early.finish()).toThrow(`the aggregate has 20 chunks; the codec expects ${params.chunkCount}`);
    const extra = codec.openAggregate(12);
    chunks.forEach((bytes) => extra.add(bytes));
    expect(() => extra.add(chunks[0]!)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
    expect(() => codec.openAggregate(0)).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
  });

  it('refuses a secret key of the wrong size or for other parameters', async () => {
    await expect(createCkksCodec(params, new Uint8Array(100))).rejects.toMatchObject({ code: 'KEY_INVALID' });
    const other = chooseCkksParameters({ parameterCount: 10, maxSites: 2, clipNorm: 1, maxExamples: 10 });
    await expect(createCkksCodec(params, await generateCkksSecretKey(other))).rejects.toMatchObject({ code: 'KEY_INVALID' });
  });

  it('refuses threshold parameters: those open with createThresholdCodec', async () => {
    const threshold = chooseCkksParameters({ parameterCount: 10, maxSites: 2, clipNorm: 1, maxExamples: 10, threshold: 2 });
    await expect(createCkksCodec(threshold, new Uint8Array(100))).rejects.toThrow(`codec ${threshold.codecId} is threshold-crs: open it with createThresholdCodec, not the single-key codec`);
  });
});
